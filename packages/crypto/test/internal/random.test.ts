import { describe, expect, it } from "vitest";
import { generateSecret, generateTokenId, randomBytes } from "../../src/index.js";

const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

describe("generateTokenId", () => {
  it("produces 21 base62 chars with a uniform character distribution (chi-square, 100k ids)", () => {
    const counts = new Map<string, number>([...ALPHABET].map((c) => [c, 0]));
    const ids = 100_000;
    for (let i = 0; i < ids; i++) {
      const id = generateTokenId();
      expect(id).toMatch(/^[A-Za-z0-9]{21}$/);
      for (const c of id) counts.set(c, (counts.get(c) ?? 0) + 1);
    }
    const expected = (ids * 21) / 62;
    let chi2 = 0;
    for (const observed of counts.values()) chi2 += (observed - expected) ** 2 / expected;
    // 61 degrees of freedom: the 0.999 quantile is about 100.9. A modulo-bias generator
    // (byte % 62) gives chi2 in the thousands at this sample size.
    expect(chi2).toBeLessThan(100.9);
  });

  it("does not repeat", () => {
    const seen = new Set(Array.from({ length: 10_000 }, generateTokenId));
    expect(seen.size).toBe(10_000);
  });
});

describe("randomBytes", () => {
  it("returns the requested number of bytes, also beyond one getRandomValues call", () => {
    expect(randomBytes(0).length).toBe(0);
    expect(randomBytes(16).length).toBe(16);
    const big = randomBytes(200_000);
    expect(big.length).toBe(200_000);
    expect(big.subarray(150_000).some((b) => b !== 0)).toBe(true);
  });

  it("refuses a bad count with the bound in the message", () => {
    expect(() => randomBytes(-1)).toThrow("n must be an integer from 0 to 1048576");
    expect(() => randomBytes(1.5)).toThrow(expect.objectContaining({ code: "INVALID_INPUT" }));
    expect(() => randomBytes("4" as unknown as number)).toThrow(TypeError);
  });
});

describe("generateSecret", () => {
  it("writes 32 random bytes as 43 chars of base64url", () => {
    const secret = generateSecret();
    expect(secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(secret, "base64url").length).toBe(32);
    expect(generateSecret()).not.toBe(secret);
  });
});
