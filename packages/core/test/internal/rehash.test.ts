/**
 * Transparent rehash in detail (memory store): which parameters a rehash writes when stored and
 * configured parameters are mixed (never weaker in any of them, never beyond what verify
 * accepts), that it runs off the request path (verify does not wait for it, at most one per token
 * at a time, failures swallowed), and that the new hash is memoised. scrypt calls are counted
 * through a pass-through wrapper of @pat/crypto; the real functions do the work.
 */
import { afterAll, beforeEach, describe, expect, it, vi } from "vitest";
import {
  base64UrlEncode,
  formatToken,
  generateTokenId,
  hashSecret,
  inspectPhc,
  randomBytes,
  type HashSecretOptions,
} from "@pat/crypto";
import type * as PatCrypto from "@pat/crypto";
import { MemoryTokenStore, Pat, StorageError, type PatOptions } from "../../src/index.js";
import { VerifyMemo } from "../../src/internal/verify-memo.js";
import { CountingStore } from "../support/counting-store.js";
import { assertNoSecretLeaked, rememberSecret } from "../support/hygiene.js";

const calls = vi.hoisted(() => ({ verifySecret: 0, hashSecret: 0 }));

vi.mock("@pat/crypto", async (importOriginal) => {
  const actual = await importOriginal<typeof PatCrypto>();
  return {
    ...actual,
    verifySecret: (...args: Parameters<typeof actual.verifySecret>) => {
      calls.verifySecret += 1;
      return actual.verifySecret(...args);
    },
    hashSecret: (...args: Parameters<typeof actual.hashSecret>) => {
      calls.hashSecret += 1;
      return actual.hashSecret(...args);
    },
  };
});

const T0 = 1_767_225_600;

beforeEach(() => {
  calls.verifySecret = 0;
  calls.hashSecret = 0;
});

afterAll(() => assertNoSecretLeaked());

/** A memory store holding one token hashed with `stored`, and a Pat with `options` over it. */
async function storedToken(stored: HashSecretOptions, options: Partial<PatOptions> = {}) {
  const inner = new MemoryTokenStore();
  const store = new CountingStore(inner);
  const bytes = randomBytes(32);
  const phc = await hashSecret(bytes, stored);
  rememberSecret(phc);
  rememberSecret(base64UrlEncode(bytes));
  const tokenId = generateTokenId();
  await inner.create({
    tokenId,
    secretPhc: phc,
    owner: "o",
    isAdmin: false,
    roles: [],
    createdAt: T0,
  });
  const pat = new Pat({ store, rehash: true, clock: () => T0 * 1000, ...options });
  const token = formatToken("pat_", tokenId, base64UrlEncode(bytes));
  const storedPhc = async () => {
    const value = (await inner.get(tokenId))?.secretPhc ?? "";
    rememberSecret(value);
    return value;
  };
  calls.hashSecret = 0;
  return { pat, store, inner, token, tokenId, phc, storedPhc };
}

/** Parameters of a PHC string (it must be usable). */
function paramsOf(phc: string) {
  const inspected = inspectPhc(phc, { maxmem: 2 ** 30 });
  if (!inspected.ok) throw new Error(`unusable PHC (${inspected.reason})`);
  return inspected.params;
}

describe("rehash parameters: each one the larger of stored and configured", () => {
  it.each([
    [
      "stronger cost, shorter hash (the reviewer's case)",
      { cost: 2 ** 10, blockSize: 8, parallelization: 1, keyLength: 32, saltLength: 16 },
      { cost: 2 ** 4, blockSize: 8, parallelization: 1, keyLength: 64, saltLength: 16 },
      { cost: 2 ** 10, blockSize: 8, parallelization: 1, keyLength: 64, saltLength: 16 },
    ],
    [
      "weaker cost, stronger block size",
      { cost: 2 ** 4, blockSize: 16, parallelization: 1, keyLength: 64, saltLength: 16 },
      { cost: 2 ** 6, blockSize: 8, parallelization: 1, keyLength: 64, saltLength: 16 },
      { cost: 2 ** 6, blockSize: 16, parallelization: 1, keyLength: 64, saltLength: 16 },
    ],
    [
      "stronger parallelization and salt, weaker cost",
      { cost: 2 ** 4, blockSize: 8, parallelization: 4, keyLength: 64, saltLength: 32 },
      { cost: 2 ** 5, blockSize: 8, parallelization: 1, keyLength: 32, saltLength: 16 },
      { cost: 2 ** 5, blockSize: 8, parallelization: 4, keyLength: 64, saltLength: 32 },
    ],
    [
      "only the salt is shorter",
      { cost: 2 ** 4, blockSize: 8, parallelization: 1, keyLength: 64, saltLength: 16 },
      { cost: 2 ** 4, blockSize: 8, parallelization: 1, keyLength: 64, saltLength: 24 },
      { cost: 2 ** 4, blockSize: 8, parallelization: 1, keyLength: 64, saltLength: 24 },
    ],
  ])("%s", async (_label, stored, configured, expected) => {
    const { cost, blockSize, parallelization, keyLength, saltLength } = configured;
    const t = await storedToken(stored, {
      scryptOptions: { cost, blockSize, parallelization },
      keyLength,
      saltLength,
    });
    expect((await t.pat.verify(t.token)).valid).toBe(true);
    await t.pat.idle();
    const upgraded = await t.storedPhc();
    expect(upgraded).not.toBe(t.phc);
    expect(paramsOf(upgraded)).toEqual(expected);
    expect((await t.pat.verify(t.token)).valid).toBe(true);
  });

  it.each([
    [
      "equal to the configured ones",
      { cost: 2 ** 4, blockSize: 8, parallelization: 1, keyLength: 64, saltLength: 16 },
      {},
    ],
    [
      "stronger in every parameter",
      { cost: 2 ** 6, blockSize: 16, parallelization: 2, keyLength: 96, saltLength: 32 },
      {},
    ],
    [
      "stronger in some, equal in the others",
      { cost: 2 ** 8, blockSize: 8, parallelization: 1, keyLength: 64, saltLength: 16 },
      {},
    ],
    [
      // The larger of both (ln=12, r=8) needs 4.2 MB, above the configured 2 MiB budget.
      "such that the larger of both would exceed maxmem",
      { cost: 2 ** 12, blockSize: 1, parallelization: 1, keyLength: 64, saltLength: 16 },
      { scryptOptions: { cost: 2 ** 4, blockSize: 8, maxmem: 2 * 1024 * 1024 } },
    ],
    [
      // The larger of both (ln=15, r=8, p=16) is 2^22 work, above SCRYPT_PARAM_BOUNDS.work.
      "such that the larger of both would exceed the work bound",
      { cost: 2 ** 10, blockSize: 8, parallelization: 16, keyLength: 64, saltLength: 16 },
      { scryptOptions: { cost: 2 ** 15, blockSize: 8, parallelization: 1 } },
    ],
    [
      // A 112-byte hash with a 32-byte salt makes a 215-character PHC; a record holds 200.
      "such that the larger of both would not fit a record",
      { cost: 2 ** 4, blockSize: 8, parallelization: 1, keyLength: 112, saltLength: 16 },
      { scryptOptions: { cost: 2 ** 4 }, keyLength: 16, saltLength: 32 },
    ],
  ])("leaves a stored hash alone when its parameters are %s", async (_label, stored, options) => {
    const t = await storedToken(stored, { scryptOptions: { cost: 2 ** 4 }, ...options });
    expect((await t.pat.verify(t.token)).valid).toBe(true);
    await t.pat.idle();
    expect(await t.storedPhc()).toBe(t.phc);
    expect(calls.hashSecret).toBe(0);
    expect(t.store.calls.update).toBe(0);
  });
});

describe("rehash off the request path", () => {
  const weak = { cost: 2 ** 4, keyLength: 64, saltLength: 16 };
  const strong = { scryptOptions: { cost: 2 ** 5 } };

  /** Holds every store.update until release() (a deferred). */
  function holdUpdates(store: CountingStore) {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const update = store.update.bind(store);
    store.update = async (...args) => {
      await gate;
      return update(...args);
    };
    return release;
  }

  it("answers verify before the rehash is written, then memoises the new hash", async () => {
    const t = await storedToken(weak, strong);
    const release = holdUpdates(t.store);
    const result = await t.pat.verify(t.token);
    expect(result.valid).toBe(true);
    // The verify is answered; the rehash waits on its write.
    expect(await t.storedPhc()).toBe(t.phc);
    release();
    await t.pat.idle();
    const upgraded = await t.storedPhc();
    expect(paramsOf(upgraded).cost).toBe(2 ** 5);
    // The next verify reads the new hash and finds it in the memo: no scrypt at all.
    calls.verifySecret = 0;
    calls.hashSecret = 0;
    expect((await t.pat.verify(t.token)).valid).toBe(true);
    expect(calls.verifySecret).toBe(0);
    expect(calls.hashSecret).toBe(0);
    expect(t.store.calls.update).toBe(1);
  });

  it("runs at most one rehash per token at a time", async () => {
    const t = await storedToken(weak, strong);
    const release = holdUpdates(t.store);
    const results = await Promise.all([1, 2, 3, 4].map(() => t.pat.verify(t.token)));
    expect(results.every((r) => r.valid)).toBe(true);
    release();
    await t.pat.idle();
    expect(calls.hashSecret).toBe(1);
    expect(t.store.calls.update).toBe(1);
    expect(paramsOf(await t.storedPhc()).cost).toBe(2 ** 5);
  });

  it("swallows a failed rehash write (no rejection anywhere) and retries on a later verify", async () => {
    const t = await storedToken(weak, strong);
    const update = t.store.update.bind(t.store);
    let failures = 1;
    t.store.update = async (...args) => {
      if (failures > 0) {
        failures -= 1;
        throw new StorageError("UpdateItem failed", "InternalServerError");
      }
      return update(...args);
    };
    expect((await t.pat.verify(t.token)).valid).toBe(true);
    await expect(t.pat.idle()).resolves.toBeUndefined();
    expect(await t.storedPhc()).toBe(t.phc);
    expect((await t.pat.verify(t.token)).valid).toBe(true);
    await t.pat.idle();
    expect(paramsOf(await t.storedPhc()).cost).toBe(2 ** 5);
  });

  it("does not overwrite a hash changed meanwhile (the concurrent change wins)", async () => {
    const t = await storedToken(weak, strong);
    const release = holdUpdates(t.store);
    expect((await t.pat.verify(t.token)).valid).toBe(true);
    const replacement = await hashSecret(randomBytes(32), weak);
    rememberSecret(replacement);
    await t.inner.update(t.tokenId, { secretPhc: replacement });
    release();
    await t.pat.idle();
    expect(await t.storedPhc()).toBe(replacement);
  });
});

describe("idle", () => {
  it("resolves at once when rehash is off or nothing is in flight", async () => {
    const off = await storedToken(
      { cost: 2 ** 4 },
      { rehash: false, scryptOptions: { cost: 2 ** 5 } },
    );
    expect((await off.pat.verify(off.token)).valid).toBe(true);
    await expect(off.pat.idle()).resolves.toBeUndefined();
    expect(await off.storedPhc()).toBe(off.phc);
    const on = await storedToken({ cost: 2 ** 4 }, { scryptOptions: { cost: 2 ** 4 } });
    await expect(on.pat.idle()).resolves.toBeUndefined();
  });
});

describe("verify hot path", () => {
  it("computes the memo digest once per verify, on a miss and on a hit", async () => {
    const digest = vi.spyOn(VerifyMemo.prototype, "digest");
    try {
      const t = await storedToken(
        { cost: 2 ** 4 },
        { rehash: false, scryptOptions: { cost: 2 ** 4 } },
      );
      await t.pat.verify(t.token);
      expect(digest).toHaveBeenCalledTimes(1);
      expect(calls.verifySecret).toBe(1);
      await t.pat.verify(t.token);
      expect(digest).toHaveBeenCalledTimes(2);
      expect(calls.verifySecret).toBe(1);
    } finally {
      digest.mockRestore();
    }
  });
});
