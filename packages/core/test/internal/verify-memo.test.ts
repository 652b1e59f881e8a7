import { describe, expect, it } from "vitest";
import { DEFAULT_SCRYPT_PARAMS } from "@pat/crypto";
import { VerifyMemo } from "../../src/internal/verify-memo.js";

const params = { ...DEFAULT_SCRYPT_PARAMS };
const secret = (n: number) => new Uint8Array(32).fill(n);

function remember(memo: VerifyMemo, phc: string, s: Uint8Array) {
  memo.set(memo.digest(phc, s), params);
}
function recall(memo: VerifyMemo, phc: string, s: Uint8Array) {
  return memo.get(memo.digest(phc, s));
}

describe("VerifyMemo", () => {
  it("remembers a (phc, secret) pair and nothing else", () => {
    const memo = new VerifyMemo(10);
    remember(memo, "$scrypt$a", secret(1));
    expect(recall(memo, "$scrypt$a", secret(1))).toEqual(params);
    expect(recall(memo, "$scrypt$a", secret(2))).toBeUndefined();
    expect(recall(memo, "$scrypt$b", secret(1))).toBeUndefined();
  });

  it("keeps the phc and secret apart (no ambiguity when concatenated)", () => {
    const memo = new VerifyMemo(10);
    remember(memo, "$scrypt$a", Uint8Array.of(1, 2));
    expect(recall(memo, "$scrypt$a\u0001", Uint8Array.of(2))).toBeUndefined();
  });

  it.each([
    // Pairs whose plain concatenation phc ‖ 0x00 ‖ secret is the same byte string.
    ["p", [0, 1], "p\u0000", [1]],
    ["p", [0, 0, 7], "p\u0000\u0000", [7]],
    ["p\u0000", [], "p", [0]],
  ])("tells (%j, %j) from (%j, %j): lengths are part of the digest", (phcA, a, phcB, b) => {
    const memo = new VerifyMemo(10);
    remember(memo, phcA, Uint8Array.from(a));
    expect(memo.digest(phcA, Uint8Array.from(a))).not.toBe(memo.digest(phcB, Uint8Array.from(b)));
    expect(recall(memo, phcB, Uint8Array.from(b))).toBeUndefined();
    expect(recall(memo, phcA, Uint8Array.from(a))).toEqual(params);
  });

  it("drops the least recently used entry beyond maxEntries", () => {
    const memo = new VerifyMemo(2);
    remember(memo, "p", secret(1));
    remember(memo, "p", secret(2));
    recall(memo, "p", secret(1));
    remember(memo, "p", secret(3));
    expect(memo.size).toBe(2);
    expect(recall(memo, "p", secret(2))).toBeUndefined();
    expect(recall(memo, "p", secret(1))).toEqual(params);
    expect(recall(memo, "p", secret(3))).toEqual(params);
  });

  it("holds nothing and computes no digest with maxEntries 0", () => {
    const memo = new VerifyMemo(0);
    expect(memo.digest("p", secret(1))).toBeUndefined();
    remember(memo, "p", secret(1));
    memo.set("some digest", params);
    expect(memo.size).toBe(0);
    expect(recall(memo, "p", secret(1))).toBeUndefined();
    expect(memo.get("some digest")).toBeUndefined();
  });

  it("uses a key of its own: two memos give different digests", () => {
    const a = new VerifyMemo(1);
    const b = new VerifyMemo(1);
    remember(a, "p", secret(1));
    expect(a.digest("p", secret(1))).not.toBe(b.digest("p", secret(1)));
    expect(recall(b, "p", secret(1))).toBeUndefined();
    a.clear();
    expect(a.size).toBe(0);
  });
});
