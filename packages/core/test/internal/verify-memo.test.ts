import { describe, expect, it } from "vitest";
import { DEFAULT_SCRYPT_PARAMS } from "@pat/crypto";
import { VerifyMemo } from "../../src/internal/verify-memo.js";

const params = { ...DEFAULT_SCRYPT_PARAMS };
const secret = (n: number) => new Uint8Array(32).fill(n);

describe("VerifyMemo", () => {
  it("remembers a (phc, secret) pair and nothing else", () => {
    const memo = new VerifyMemo(10);
    memo.set("$scrypt$a", secret(1), params);
    expect(memo.get("$scrypt$a", secret(1))).toEqual(params);
    expect(memo.get("$scrypt$a", secret(2))).toBeUndefined();
    expect(memo.get("$scrypt$b", secret(1))).toBeUndefined();
  });

  it("keeps the phc and secret apart (no ambiguity when concatenated)", () => {
    const memo = new VerifyMemo(10);
    memo.set("$scrypt$a", Uint8Array.of(1, 2), params);
    expect(memo.get("$scrypt$a\u0001", Uint8Array.of(2))).toBeUndefined();
  });

  it("drops the least recently used entry beyond maxEntries", () => {
    const memo = new VerifyMemo(2);
    memo.set("p", secret(1), params);
    memo.set("p", secret(2), params);
    memo.get("p", secret(1));
    memo.set("p", secret(3), params);
    expect(memo.size).toBe(2);
    expect(memo.get("p", secret(2))).toBeUndefined();
    expect(memo.get("p", secret(1))).toEqual(params);
    expect(memo.get("p", secret(3))).toEqual(params);
  });

  it("holds nothing with maxEntries 0", () => {
    const memo = new VerifyMemo(0);
    memo.set("p", secret(1), params);
    expect(memo.size).toBe(0);
    expect(memo.get("p", secret(1))).toBeUndefined();
  });

  it("uses a key of its own: two memos give different digests", () => {
    const a = new VerifyMemo(1);
    const b = new VerifyMemo(1);
    a.set("p", secret(1), params);
    expect(b.get("p", secret(1))).toBeUndefined();
    a.clear();
    expect(a.size).toBe(0);
  });
});
