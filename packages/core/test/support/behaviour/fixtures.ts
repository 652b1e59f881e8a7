/**
 * Fixtures of the Pat behaviour suite: how it gets stores, a Pat with an injected clock, token
 * secrets and PHC strings made at run time (no file holds a hash-shaped string), and the
 * per-group context of fresh stores. Every secret made here is remembered for the hygiene check.
 */
import { expect } from "vitest";
import { base64UrlEncode, formatToken, hashSecret, randomBytes, serializePhc } from "@pat/crypto";
import {
  Pat,
  type PatOptions,
  type TokenRecord,
  type TokenStore,
  type VerifyResult,
} from "../../../src/index.js";
import { rememberSecret } from "../hygiene.js";

/**
 * Well-formed PHC strings that the façade must refuse, made at run time from random bytes so no
 * file holds a hash-shaped string: another algorithm, absurd scrypt parameters, and a hash long
 * enough to take the string past 200 characters.
 */
function randomPhc(id: string, params: Record<string, number>, hashBytes = 32, version?: number) {
  return serializePhc({
    id,
    ...(version === undefined ? {} : { version }),
    params,
    salt: randomBytes(16),
    hash: randomBytes(hashBytes),
  });
}
export const ARGON2_PHC = randomPhc("argon2id", { m: 65536, t: 3, p: 4 }, 32, 19);
export const LN40_PHC = randomPhc("scrypt", { ln: 40, r: 8, p: 1 });
export const OVERLONG_PHC = randomPhc("scrypt", { ln: 4, r: 8, p: 1 }, 150);

/** How the suite gets stores. */
export interface BehaviourHarness {
  /** A fresh, empty store. */
  newStore(): Promise<TokenStore>;
}

/** Low scrypt cost for tests (N = 16). */
export const TEST_SCRYPT = { cost: 16, blockSize: 8, parallelization: 1 } as const;
/** A fixed start time for the injected clock: 2026-01-01T00:00:00Z. */
export const T0 = 1_767_225_600;

/** A Pat on `store` with a controllable clock (seconds). */
export function makePat(store: TokenStore, extra: Partial<PatOptions> = {}) {
  const clock = { seconds: T0 };
  const pat = new Pat({
    store,
    scryptOptions: TEST_SCRYPT,
    clock: () => clock.seconds * 1000 + 123,
    ...extra,
  });
  return { pat, clock };
}

/** A token secret and the PHC of it made at test cost, for bootstrap and register fixtures. */
export async function secretFixture(prefix = "pat_") {
  const bytes = randomBytes(32);
  const phc = await hashSecret(bytes, { ...TEST_SCRYPT, keyLength: 64, saltLength: 16 });
  const tokenFor = (tokenId: string) => formatToken(prefix, tokenId, base64UrlEncode(bytes));
  rememberSecret(phc);
  rememberSecret(base64UrlEncode(bytes));
  return { bytes, phc, tokenFor };
}

/**
 * Stores a record for `secretPhc` straight through the store, as another writer (an older
 * version, another library) would have: created at {@link T0}, not admin, no roles.
 */
export function plantRecord(
  store: TokenStore,
  tokenId: string,
  secretPhc: string,
  extra: Partial<TokenRecord> = {},
): Promise<void> {
  return store.create({
    tokenId,
    secretPhc,
    owner: "legacy",
    isAdmin: false,
    roles: [],
    createdAt: T0,
    ...extra,
  });
}

/** Asserts that `result` is a refusal for `reason`. */
export function expectRefused(result: VerifyResult, reason: string) {
  expect(result.valid).toBe(false);
  if (!result.valid) expect(result.reason).toBe(reason);
}

export async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of iterable) out.push(item);
  return out;
}

/** What each group of the suite gets: the harness, fresh fixtures and an issue helper. */
export interface BehaviourContext {
  readonly harness: BehaviourHarness;
  /** A Pat with `extra` options over a fresh, empty store, and the store and clock. */
  setup(extra?: Partial<PatOptions>): Promise<{
    store: TokenStore;
    pat: Pat;
    clock: { seconds: number };
  }>;
  /** Issues a token on `pat` and reads back its stored hash; both are remembered as secrets. */
  issued(
    pat: Pat,
    params?: Parameters<Pat["issue"]>[0],
  ): Promise<Awaited<ReturnType<Pat["issue"]>> & { secretPhc: string }>;
}

/** The {@link BehaviourContext} over `harness`. */
export function behaviourContext(harness: BehaviourHarness): BehaviourContext {
  return {
    harness,
    async setup(extra = {}) {
      const store = await harness.newStore();
      return { store, ...makePat(store, extra) };
    },
    async issued(pat, params = { owner: "alice@example.com" }) {
      const result = await pat.issue(params);
      rememberSecret(result.token);
      const stored = await pat.store.get(result.record.tokenId);
      rememberSecret(stored?.secretPhc ?? "");
      return { ...result, secretPhc: stored?.secretPhc ?? "" };
    },
  };
}
