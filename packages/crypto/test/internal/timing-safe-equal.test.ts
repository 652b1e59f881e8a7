import { timingSafeEqual as nodeTimingSafeEqual } from "node:crypto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { timingSafeEqual } from "../../src/index.js";

describe("timingSafeEqual", () => {
  it("answers like node:crypto's for equal-length arrays", () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 1, maxLength: 64 }),
        fc.nat(),
        fc.nat(255),
        (a, at, xor) => {
          const b = Uint8Array.from(a);
          const i = at % b.length;
          b[i] = (b[i] ?? 0) ^ xor;
          expect(timingSafeEqual(a, b)).toBe(nodeTimingSafeEqual(a, b));
          expect(timingSafeEqual(a, Uint8Array.from(a))).toBe(true);
        },
      ),
    );
  });

  it("treats different lengths as unequal instead of throwing", () => {
    expect(timingSafeEqual(new Uint8Array([1]), new Uint8Array([1, 0]))).toBe(false);
    expect(timingSafeEqual(new Uint8Array(0), new Uint8Array(0))).toBe(true);
  });

  it("throws TypeError for non-Uint8Array arguments", () => {
    expect(() => timingSafeEqual([1] as unknown as Uint8Array, new Uint8Array([1]))).toThrow(
      TypeError,
    );
  });
});
