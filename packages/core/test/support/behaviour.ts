/**
 * The behaviour suite of the Pat façade (ARCHITECTURE "Behaviour of the façade"), written once and
 * run against every store: `pat.memory.test.ts` (MemoryTokenStore) and `pat.ddb.test.ts`
 * (DynamoDBTokenStore on DynamoDB Local). Each test gets a fresh store; time comes from an
 * injected clock, never from racing a TTL sweeper.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  base64UrlEncode,
  formatToken,
  generateTokenId,
  hashSecret,
  randomBytes,
  serializePhc,
  verifySecret,
} from "@pat/crypto";
import {
  Pat,
  type PatOptions,
  type TokenRecord,
  type TokenStore,
  type VerifyResult,
} from "../../src/index.js";
import {
  assertNoSecretLeaked,
  captureConsole,
  collectedErrorCount,
  expectPatError,
  rememberSecret,
} from "./hygiene.js";
import { CountingStore } from "./counting-store.js";

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
const ARGON2_PHC = randomPhc("argon2id", { m: 65536, t: 3, p: 4 }, 32, 19);
const LN40_PHC = randomPhc("scrypt", { ln: 40, r: 8, p: 1 });
const OVERLONG_PHC = randomPhc("scrypt", { ln: 4, r: 8, p: 1 }, 150);

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

/** Asserts that `result` is a refusal for `reason`. */
export function expectRefused(result: VerifyResult, reason: string) {
  expect(result.valid).toBe(false);
  if (!result.valid) expect(result.reason).toBe(reason);
}

async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of iterable) out.push(item);
  return out;
}

/** Registers the whole behaviour suite for one kind of store. */
export function describePatBehaviour(name: string, harness: BehaviourHarness): void {
  async function setup(extra: Partial<PatOptions> = {}) {
    const store = await harness.newStore();
    return { store, ...makePat(store, extra) };
  }
  async function issued(
    pat: Pat,
    params: Parameters<Pat["issue"]>[0] = { owner: "alice@example.com" },
  ) {
    const result = await pat.issue(params);
    rememberSecret(result.token);
    const stored = await pat.store.get(result.record.tokenId);
    rememberSecret(stored?.secretPhc ?? "");
    return { ...result, secretPhc: stored?.secretPhc ?? "" };
  }

  describe(`Pat on ${name}`, () => {
    beforeAll(() => captureConsole());
    afterAll(() => {
      // The suite provokes dozens of errors; all of them are checked for secrets.
      expect(collectedErrorCount()).toBeGreaterThan(40);
      assertNoSecretLeaked();
    });

    describe("generate", () => {
      it("makes a token whose secret matches the PHC and stores nothing", async () => {
        const { pat, store } = await setup();
        const { token, tokenId, secretPhc } = await pat.generate();
        rememberSecret(token);
        rememberSecret(secretPhc);
        expect(token).toMatch(/^pat_[A-Za-z0-9]{21}\.[A-Za-z0-9_-]{43}$/);
        expect(token.slice(4, 25)).toBe(tokenId);
        expect(secretPhc).toMatch(/^\$scrypt\$ln=4,r=8,p=1\$/);
        const secret = Buffer.from(token.slice(26), "base64url");
        expect((await verifySecret(secret, secretPhc)).ok).toBe(true);
        expect(await store.get(tokenId)).toBeNull();
      });

      it("uses a given token id and refuses a malformed one", async () => {
        const { pat } = await setup();
        const tokenId = generateTokenId();
        expect((await pat.generate({ tokenId })).tokenId).toBe(tokenId);
        await expectPatError(pat.generate({ tokenId: "short" }), "INVALID_INPUT", /tokenId/);
      });
    });

    describe("issue", () => {
      it("stores the record and answers the token once", async () => {
        const { pat, store } = await setup();
        const { token, record } = await issued(pat, {
          owner: "alice@example.com",
          isAdmin: true,
          roles: ["reader", "writer", "reader"],
          expiresAt: T0 + 3600,
        });
        expect(record).toMatchObject({
          owner: "alice@example.com",
          isAdmin: true,
          createdAt: T0,
          expiresAt: T0 + 3600,
        });
        expect([...(record.roles ?? [])].sort()).toEqual(["reader", "writer"]);
        expect(token.startsWith(`pat_${record.tokenId}.`)).toBe(true);
        expect(record).not.toHaveProperty("secretPhc");
        expect(record).not.toHaveProperty("revokedAt");
        const stored = await store.get(record.tokenId);
        expect(stored?.secretPhc).toMatch(/^\$scrypt\$ln=4,r=8,p=1\$/);
        // The answered record is the stored one minus the hash.
        const sortedRoles = (r: { roles?: readonly string[] } | null | undefined) =>
          [...(r?.roles ?? [])].sort();
        expect({ ...stored, secretPhc: undefined, roles: sortedRoles(stored) }).toEqual({
          ...record,
          roles: sortedRoles(record),
        });
        expect(stored?.lastUsedAt).toBeUndefined();
        expect(stored?.revokedAt).toBeUndefined();
      });

      it("defaults isAdmin to false and roles to none", async () => {
        const { pat } = await setup();
        const { record } = await issued(pat, { owner: "bob" });
        expect(record.isAdmin).toBe(false);
        expect(record).not.toHaveProperty("roles");
        expect(record).not.toHaveProperty("expiresAt");
      });

      it("lets exactly one of concurrent issues with one token id succeed", async () => {
        const { pat } = await setup();
        const tokenId = generateTokenId();
        const outcomes = await Promise.allSettled(
          Array.from({ length: 5 }, () => pat.issue({ owner: "race", tokenId })),
        );
        expect(outcomes.filter((o) => o.status === "fulfilled")).toHaveLength(1);
        for (const o of outcomes) {
          if (o.status === "fulfilled") {
            rememberSecret(o.value.token);
            rememberSecret((await pat.store.get(o.value.record.tokenId))?.secretPhc ?? "");
          }
        }
        for (const o of outcomes.filter((o) => o.status === "rejected")) {
          await expectPatError(
            Promise.reject(o.reason),
            "TOKEN_EXISTS",
            `Token ID already exists: ${tokenId}`,
          );
        }
      });

      it.each([
        ["an empty owner", { owner: "" }, /owner/],
        ["an owner of 101 characters", { owner: "o".repeat(101) }, /owner.*1-100/],
        [
          "51 roles",
          { owner: "x", roles: Array.from({ length: 51 }, (_, i) => `r${i}`) },
          /at most 50/,
        ],
        ["an empty role", { owner: "x", roles: [""] }, /roles\[0\]/],
        ["a role of 101 characters", { owner: "x", roles: ["r".repeat(101)] }, /roles\[0\]/],
        ["a negative expiresAt", { owner: "x", expiresAt: -1 }, /expiresAt/],
        ["a fractional expiresAt", { owner: "x", expiresAt: 1.5 }, /expiresAt/],
        ["a string expiresAt", { owner: "x", expiresAt: "soon" }, /expiresAt/],
        ["a malformed tokenId", { owner: "x", tokenId: "abc.def" }, /tokenId/],
        ["a non-boolean isAdmin", { owner: "x", isAdmin: "yes" }, /isAdmin/],
      ])("refuses %s with INVALID_INPUT and writes nothing", async (_label, params, message) => {
        const { pat, store } = await setup();
        await expectPatError(
          pat.issue(params as unknown as Parameters<Pat["issue"]>[0]),
          "INVALID_INPUT",
          message,
        );
        expect(await store.isEmpty()).toBe(true);
      });
    });

    describe("register", () => {
      it("stores a generated token that then verifies", async () => {
        const { pat } = await setup();
        const { token, tokenId, secretPhc } = await pat.generate();
        rememberSecret(token);
        rememberSecret(secretPhc);
        const record = await pat.register({ tokenId, secretPhc, owner: "ci", roles: ["deploy"] });
        expect(record).toMatchObject({
          tokenId,
          secretPhc,
          owner: "ci",
          isAdmin: false,
          roles: ["deploy"],
          createdAt: T0,
        });
        expect((await pat.verify(token)).valid).toBe(true);
      });

      it("refuses a duplicate id with TOKEN_EXISTS", async () => {
        const { pat } = await setup();
        const { record } = await issued(pat);
        const { secretPhc } = await pat.generate();
        rememberSecret(secretPhc);
        await expectPatError(
          pat.register({ tokenId: record.tokenId, secretPhc, owner: "mallory" }),
          "TOKEN_EXISTS",
          `Token ID already exists: ${record.tokenId}`,
        );
      });

      it.each([
        ["not a PHC string", "not-a-phc"],
        ["another algorithm", ARGON2_PHC],
        ["absurd parameters", LN40_PHC],
        ["more than 200 characters", OVERLONG_PHC],
      ])("refuses a PHC that is %s with INVALID_INPUT", async (_label, secretPhc) => {
        const { pat, store } = await setup();
        rememberSecret(secretPhc);
        await expectPatError(
          pat.register({ tokenId: generateTokenId(), secretPhc, owner: "x" }),
          "INVALID_INPUT",
          /^Invalid secret PHC string: (invalid_phc|unsupported_algorithm|invalid_parameters)/,
        );
        expect(await store.isEmpty()).toBe(true);
      });
    });

    describe("stored hashes are checked against the configured maxmem", () => {
      // Synthetic PHC strings of random bytes: register and update inspect them, nothing
      // hashes them.
      const synthetic = (ln: number): string =>
        serializePhc({
          id: "scrypt",
          params: { ln, r: 8, p: 1 },
          salt: randomBytes(16),
          hash: randomBytes(32),
        });
      const ln17 = synthetic(17); // needs 128 MiB
      const ln14 = synthetic(14); // needs 16 MiB

      it("accepts a hash above the default 64 MiB when maxmem allows it", async () => {
        const { pat, store } = await setup({
          scryptOptions: { ...TEST_SCRYPT, maxmem: 256 * 1024 * 1024 },
        });
        const tokenId = generateTokenId();
        await pat.register({ tokenId, secretPhc: ln17, owner: "big" });
        expect((await store.get(tokenId))?.secretPhc).toBe(ln17);
        const { record } = await issued(pat);
        await pat.update(record.tokenId, { secretPhc: ln17 });
        expect((await store.get(record.tokenId))?.secretPhc).toBe(ln17);
      });

      it("refuses a hash within 64 MiB but above a smaller maxmem (verify would refuse it)", async () => {
        const { pat, store } = await setup({
          scryptOptions: { ...TEST_SCRYPT, maxmem: 2 * 1024 * 1024 },
        });
        await expectPatError(
          pat.register({ tokenId: generateTokenId(), secretPhc: ln14, owner: "x" }),
          "INVALID_INPUT",
          "Invalid secret PHC string: invalid_parameters",
        );
        expect(await store.isEmpty()).toBe(true);
        const { record, secretPhc } = await issued(pat);
        await expectPatError(
          pat.update(record.tokenId, { secretPhc: ln14 }),
          "INVALID_INPUT",
          "Invalid secret PHC string: invalid_parameters",
        );
        expect((await store.get(record.tokenId))?.secretPhc).toBe(secretPhc);
      });
    });

    describe("verify", () => {
      it("answers valid with the public record and records lastUsedAt", async () => {
        const { pat, store, clock } = await setup();
        const { token, record } = await issued(pat, { owner: "alice", roles: ["reader"] });
        clock.seconds += 10;
        const result = await pat.verify(token);
        expect(result).toEqual({
          valid: true,
          record: {
            tokenId: record.tokenId,
            owner: "alice",
            isAdmin: false,
            roles: ["reader"],
            createdAt: T0,
            lastUsedAt: T0 + 10,
          },
        });
        expect((await store.get(record.tokenId))?.lastUsedAt).toBe(T0 + 10);
      });

      it("answers invalid_prefix for another prefix", async () => {
        const { pat } = await setup();
        const { token } = await issued(pat);
        expectRefused(await pat.verify(`xyz_${token.slice(4)}`), "invalid_prefix");
        expectRefused(await pat.verify(token.slice(4)), "invalid_prefix");
        expectRefused(await pat.verify(""), "invalid_prefix");
      });

      it.each([
        ["no dot", "pat_abcdefghijklmnopqrstu"],
        ["a short id", "pat_abc.AAAA"],
        ["a secret of the wrong length", `pat_${"a".repeat(21)}.AAAA`],
        ["a secret with foreign characters", `pat_${"a".repeat(21)}.${"*".repeat(43)}`],
        ["more than 200 characters", `pat_${"a".repeat(21)}.${"A".repeat(300)}`],
      ])("answers invalid_format for %s", async (_label, token) => {
        const { pat } = await setup();
        expectRefused(await pat.verify(token), "invalid_format");
      });

      it("answers invalid_format for values that are not strings", async () => {
        const { pat } = await setup();
        for (const value of [undefined, null, 42, {}, ["pat_"], Symbol("t")]) {
          expectRefused(await pat.verify(value as unknown as string), "invalid_format");
        }
      });

      it("answers not_found for an unknown id, without a record", async () => {
        const { pat } = await setup();
        const { token } = await secretFixture().then((f) => ({
          token: f.tokenFor(generateTokenId()),
        }));
        const result = await pat.verify(token);
        expect(result).toEqual({ valid: false, reason: "not_found" });
      });

      it.each([
        ["invalid_phc", "not-a-phc-string"],
        ["unsupported_algorithm", ARGON2_PHC],
        ["invalid_parameters", LN40_PHC],
      ])(
        "answers %s for a stored hash it cannot use, without a record",
        async (reason, secretPhc) => {
          const { pat, store } = await setup();
          const fixture = await secretFixture();
          const tokenId = generateTokenId();
          rememberSecret(secretPhc);
          await store.create({
            tokenId,
            secretPhc,
            owner: "legacy",
            isAdmin: false,
            roles: [],
            createdAt: T0,
          });
          expect(await pat.verify(fixture.tokenFor(tokenId))).toEqual({ valid: false, reason });
        },
      );

      it("answers invalid_secret for another secret, without a record, and writes nothing", async () => {
        const { pat, store } = await setup();
        const { record } = await issued(pat);
        const other = await secretFixture();
        expect(await pat.verify(other.tokenFor(record.tokenId))).toEqual({
          valid: false,
          reason: "invalid_secret",
        });
        expect((await store.get(record.tokenId))?.lastUsedAt).toBeUndefined();
      });

      it("answers revoked with the record (no secretPhc, no revokedAt)", async () => {
        const { pat } = await setup();
        const { token, record } = await issued(pat, { owner: "carol", roles: ["r"] });
        await pat.revoke(record.tokenId);
        const result = await pat.verify(token);
        expect(result).toEqual({
          valid: false,
          reason: "revoked",
          record: {
            tokenId: record.tokenId,
            owner: "carol",
            isAdmin: false,
            roles: ["r"],
            createdAt: T0,
          },
        });
      });

      it("answers expired at and after expiresAt, valid just before (injected clock)", async () => {
        const { pat, clock } = await setup();
        const { token } = await issued(pat, { owner: "dave", expiresAt: T0 + 100 });
        clock.seconds = T0 + 99;
        expect((await pat.verify(token)).valid).toBe(true);
        clock.seconds = T0 + 100;
        const result = await pat.verify(token);
        expectRefused(result, "expired");
        expect(result.record).toMatchObject({ owner: "dave", expiresAt: T0 + 100 });
        expect(result.record).not.toHaveProperty("secretPhc");
        clock.seconds = T0 + 5000;
        expectRefused(await pat.verify(token), "expired");
      });

      it("checks revoked before expired", async () => {
        const { pat, clock } = await setup();
        const { token, record } = await issued(pat, { owner: "eve", expiresAt: T0 + 10 });
        await pat.revoke(record.tokenId);
        clock.seconds = T0 + 20;
        expectRefused(await pat.verify(token), "revoked");
      });

      it("answers revoked when a revoke commits between the read and the lastUsedAt write", async () => {
        const inner = await harness.newStore();
        const store = new CountingStore(inner);
        const { pat } = makePat(store);
        const { token, record } = await issued(pat);
        store.afterGet = async () => {
          store.afterGet = undefined;
          await inner.revoke(record.tokenId, { revokedAt: T0 });
        };
        const result = await pat.verify(token);
        expectRefused(result, "revoked");
        expect(result.record).not.toHaveProperty("revokedAt");
        expect((await inner.get(record.tokenId))?.lastUsedAt).toBeUndefined();
      });

      it("skips the lastUsedAt write while the stored value is newer than lastUsedResolutionSeconds", async () => {
        const inner = await harness.newStore();
        const store = new CountingStore(inner);
        const { pat, clock } = makePat(store, { lastUsedResolutionSeconds: 60 });
        const { token, record } = await issued(pat);
        expect((await pat.verify(token)).record?.lastUsedAt).toBe(T0);
        expect(store.calls.touch).toBe(1);
        clock.seconds = T0 + 59;
        const second = await pat.verify(token);
        expect(second.valid).toBe(true);
        expect(second.record?.lastUsedAt).toBe(T0);
        expect(store.calls.touch).toBe(1);
        clock.seconds = T0 + 60;
        expect((await pat.verify(token)).record?.lastUsedAt).toBe(T0 + 60);
        expect(store.calls.touch).toBe(2);
        expect((await inner.get(record.tokenId))?.lastUsedAt).toBe(T0 + 60);
      });

      it("writes lastUsedAt on every verify by default", async () => {
        const inner = await harness.newStore();
        const store = new CountingStore(inner);
        const { pat } = makePat(store);
        const { token } = await issued(pat);
        await pat.verify(token);
        await pat.verify(token);
        expect(store.calls.touch).toBe(2);
      });

      it("stays correct with a warm memo: revoke, restore and a changed hash are seen at once", async () => {
        const { pat } = await setup();
        const { token, record } = await issued(pat);
        expect((await pat.verify(token)).valid).toBe(true);
        expect((await pat.verify(token)).valid).toBe(true);
        await pat.revoke(record.tokenId);
        expectRefused(await pat.verify(token), "revoked");
        await pat.restore(record.tokenId);
        expect((await pat.verify(token)).valid).toBe(true);
        const replacement = await secretFixture();
        await pat.update(record.tokenId, { secretPhc: replacement.phc });
        expectRefused(await pat.verify(token), "invalid_secret");
        expect((await pat.verify(replacement.tokenFor(record.tokenId))).valid).toBe(true);
        await pat.update(record.tokenId, { owner: "new-owner" });
        expect((await pat.verify(replacement.tokenFor(record.tokenId))).record?.owner).toBe(
          "new-owner",
        );
      });

      it("works with the memo turned off", async () => {
        const { pat } = await setup({ verifyCache: false });
        const { token } = await issued(pat);
        expect((await pat.verify(token)).valid).toBe(true);
        expect((await pat.verify(token)).valid).toBe(true);
        const dot = token.indexOf(".");
        const first = token[dot + 1] === "A" ? "B" : "A";
        const other = `${token.slice(0, dot + 1)}${first}${token.slice(dot + 2)}`;
        expectRefused(await pat.verify(other), "invalid_secret");
      });

      it("upgrades a weaker stored hash when rehash is on, and the token keeps verifying", async () => {
        const { store, pat } = await setup({
          rehash: true,
          scryptOptions: { ...TEST_SCRYPT, cost: 32 },
        });
        const fixture = await secretFixture(); // ln=4
        const tokenId = generateTokenId();
        await store.create({
          tokenId,
          secretPhc: fixture.phc,
          owner: "old",
          isAdmin: false,
          roles: [],
          createdAt: T0,
        });
        expect((await pat.verify(fixture.tokenFor(tokenId))).valid).toBe(true);
        await pat.idle();
        const upgraded = (await store.get(tokenId))?.secretPhc ?? "";
        rememberSecret(upgraded);
        expect(upgraded).toMatch(/^\$scrypt\$ln=5,r=8,p=1\$/);
        expect((await pat.verify(fixture.tokenFor(tokenId))).valid).toBe(true);
        await pat.idle();
        expect((await store.get(tokenId))?.secretPhc).toBe(upgraded);
        // Another instance (empty memo) verifies the upgraded hash with scrypt.
        const other = makePat(store).pat;
        expect((await other.verify(fixture.tokenFor(tokenId))).valid).toBe(true);
      });

      it("never weakens a stored parameter: ln=10 / 32-byte hash under cost 2^4 / keyLength 64 keeps ln=10", async () => {
        const { store, pat } = await setup({ rehash: true });
        const bytes = randomBytes(32);
        // As @access-tokens/core stores it, but at ln=10: stronger cost, shorter hash.
        const phc = await hashSecret(bytes, { cost: 2 ** 10, keyLength: 32, saltLength: 16 });
        rememberSecret(phc);
        rememberSecret(base64UrlEncode(bytes));
        const tokenId = generateTokenId();
        await store.create({
          tokenId,
          secretPhc: phc,
          owner: "old",
          isAdmin: false,
          roles: [],
          createdAt: T0,
        });
        const token = formatToken("pat_", tokenId, base64UrlEncode(bytes));
        expect((await pat.verify(token)).valid).toBe(true);
        await pat.idle();
        const upgraded = (await store.get(tokenId))?.secretPhc ?? "";
        rememberSecret(upgraded);
        expect(upgraded).not.toBe(phc);
        expect(await verifySecret(bytes, upgraded)).toEqual({
          ok: true,
          params: {
            cost: 2 ** 10,
            blockSize: 8,
            parallelization: 1,
            keyLength: 64,
            saltLength: 16,
          },
        });
        expect((await pat.verify(token)).valid).toBe(true);
      });

      it("leaves a weaker hash alone when rehash is off", async () => {
        const { store, pat } = await setup({ scryptOptions: { ...TEST_SCRYPT, cost: 32 } });
        const fixture = await secretFixture();
        const tokenId = generateTokenId();
        await store.create({
          tokenId,
          secretPhc: fixture.phc,
          owner: "old",
          isAdmin: false,
          roles: [],
          createdAt: T0,
        });
        expect((await pat.verify(fixture.tokenFor(tokenId))).valid).toBe(true);
        expect((await store.get(tokenId))?.secretPhc).toBe(fixture.phc);
      });

      it("does not rehash a revoked token", async () => {
        const { store, pat } = await setup({
          rehash: true,
          scryptOptions: { ...TEST_SCRYPT, cost: 32 },
        });
        const fixture = await secretFixture();
        const tokenId = generateTokenId();
        await store.create({
          tokenId,
          secretPhc: fixture.phc,
          owner: "old",
          isAdmin: false,
          roles: [],
          createdAt: T0,
          revokedAt: T0,
        });
        expectRefused(await pat.verify(fixture.tokenFor(tokenId)), "revoked");
        expect((await store.get(tokenId))?.secretPhc).toBe(fixture.phc);
      });
    });

    describe("update", () => {
      async function withToken(extra: Partial<Parameters<Pat["issue"]>[0]> = {}) {
        const ctx = await setup();
        const issuedToken = await issued(ctx.pat, { owner: "alice", roles: ["a", "b"], ...extra });
        const read = async (): Promise<TokenRecord> => {
          const record = await ctx.store.get(issuedToken.record.tokenId);
          if (record === null) throw new Error("record vanished");
          return record;
        };
        return { ...ctx, ...issuedToken, id: issuedToken.record.tokenId, read };
      }
      const sorted = (roles: readonly string[] | undefined) => [...(roles ?? [])].sort();

      it("changes owner and isAdmin", async () => {
        const { pat, id, read } = await withToken();
        await pat.update(id, { owner: "bob", isAdmin: true });
        expect(await read()).toMatchObject({ owner: "bob", isAdmin: true });
      });

      it("replaces roles with an array and clears them with []", async () => {
        const { pat, id, read } = await withToken();
        await pat.update(id, { roles: ["x", "y"] });
        expect(sorted((await read()).roles)).toEqual(["x", "y"]);
        await pat.update(id, { roles: [] });
        expect(await read()).not.toHaveProperty("roles");
      });

      it("adds and removes roles as set operations, idempotently", async () => {
        const { pat, id, read } = await withToken();
        await pat.update(id, { roles: { add: ["c", "a"] } });
        await pat.update(id, { roles: { add: ["c"] } });
        expect(sorted((await read()).roles)).toEqual(["a", "b", "c"]);
        await pat.update(id, { roles: { remove: ["a", "zzz"] } });
        await pat.update(id, { roles: { remove: ["a"] } });
        expect(sorted((await read()).roles)).toEqual(["b", "c"]);
        await pat.update(id, { roles: { remove: ["b", "c"] } });
        expect(await read()).not.toHaveProperty("roles");
      });

      it("refuses add and remove together with INVALID_INPUT", async () => {
        const { pat, id, read } = await withToken();
        await expectPatError(
          pat.update(id, { roles: { add: ["x"], remove: ["a"] } as unknown as { add: string[] } }),
          "INVALID_INPUT",
          /add and remove/,
        );
        expect(sorted((await read()).roles)).toEqual(["a", "b"]);
      });

      it("treats an empty add or remove list as a no-op", async () => {
        const { pat, id, read, store } = await withToken();
        const before = await read();
        await pat.update(id, { roles: { add: [] } });
        await pat.update(id, { roles: { remove: [] } });
        expect(await read()).toEqual(before);
        expect(store).toBeDefined();
      });

      it("sets expiresAt and clears it with null, which reads back as null", async () => {
        const { pat, id, read, token } = await withToken();
        await pat.update(id, { expiresAt: T0 + 500 });
        expect((await read()).expiresAt).toBe(T0 + 500);
        await pat.update(id, { expiresAt: null });
        expect((await read()).expiresAt).toBeNull();
        const verified = await pat.verify(token);
        expect(verified.valid).toBe(true);
        expect(verified.record?.expiresAt).toBeNull();
      });

      it("replaces the secret hash, so the old token stops verifying", async () => {
        const { pat, id, token } = await withToken();
        const replacement = await secretFixture();
        await pat.update(id, { secretPhc: replacement.phc });
        expectRefused(await pat.verify(token), "invalid_secret");
        expect((await pat.verify(replacement.tokenFor(id))).valid).toBe(true);
      });

      it("applies several changes at once", async () => {
        const { pat, id, read } = await withToken();
        await pat.update(id, { owner: "zed", roles: { add: ["admin"] }, expiresAt: T0 + 9 });
        const record = await read();
        expect(record).toMatchObject({ owner: "zed", expiresAt: T0 + 9 });
        expect(sorted(record.roles)).toEqual(["a", "admin", "b"]);
      });

      it("throws TOKEN_NOT_FOUND for a missing token and creates nothing", async () => {
        const { pat, store } = await setup();
        const id = generateTokenId();
        await expectPatError(
          pat.update(id, { owner: "x" }),
          "TOKEN_NOT_FOUND",
          `Token not found: ${id}`,
        );
        await expectPatError(
          pat.update(id, { roles: { add: ["r"] } }),
          "TOKEN_NOT_FOUND",
          `Token not found: ${id}`,
        );
        expect(await store.get(id)).toBeNull();
      });

      it("does nothing and does not touch storage for an empty update", async () => {
        const inner = await harness.newStore();
        const store = new CountingStore(inner);
        const { pat } = makePat(store);
        await pat.update(generateTokenId(), {});
        await pat.update(generateTokenId(), { roles: { add: [] } });
        expect(store.total()).toBe(0);
      });

      it.each([
        ["an empty owner", { owner: "" }, /owner/],
        ["51 roles", { roles: Array.from({ length: 51 }, (_, i) => `r${i}`) }, /at most 50/],
        [
          "51 roles to add",
          { roles: { add: Array.from({ length: 51 }, (_, i) => `r${i}`) } },
          /roles\.add/,
        ],
        ["a bad role to remove", { roles: { remove: [""] } }, /roles\.remove\[0\]/],
        ["roles that are a string", { roles: "admin" }, /roles/],
        ["a negative expiresAt", { expiresAt: -5 }, /expiresAt/],
        ["an invalid PHC", { secretPhc: "$scrypt$nonsense" }, /^Invalid secret PHC string: /],
        ["a non-boolean isAdmin", { isAdmin: 1 }, /isAdmin/],
      ])("refuses %s with INVALID_INPUT and writes nothing", async (_label, updates, message) => {
        const { pat, id, read } = await withToken();
        const before = await read();
        await expectPatError(
          pat.update(id, { owner: "changed", ...(updates as object) } as Parameters<
            Pat["update"]
          >[1]),
          "INVALID_INPUT",
          message,
        );
        expect(await read()).toEqual(before);
      });

      it("refuses a malformed token id", async () => {
        const { pat } = await setup();
        await expectPatError(pat.update("nope", { owner: "x" }), "INVALID_INPUT", /tokenId/);
      });
    });

    describe("revoke and restore", () => {
      it("revokes at the current time, idempotently, and restores", async () => {
        const { pat, store, clock } = await setup();
        const { token, record } = await issued(pat);
        clock.seconds = T0 + 5;
        await pat.revoke(record.tokenId);
        clock.seconds = T0 + 9;
        await pat.revoke(record.tokenId);
        expect((await store.get(record.tokenId))?.revokedAt).toBe(T0 + 5);
        expectRefused(await pat.verify(token), "revoked");
        await pat.restore(record.tokenId);
        await pat.restore(record.tokenId);
        expect((await store.get(record.tokenId))?.revokedAt).toBeUndefined();
        expect((await pat.verify(token)).valid).toBe(true);
      });

      it("without an expiry: revoke with a cleanup time sets it, restore removes it again", async () => {
        const { pat, store } = await setup();
        const { token, record } = await issued(pat);
        await pat.revoke(record.tokenId, { expiresAt: T0 + 30 * 86400 });
        expect((await store.get(record.tokenId))?.expiresAt).toBe(T0 + 30 * 86400);
        await pat.restore(record.tokenId);
        const restored = await store.get(record.tokenId);
        expect(restored?.expiresAt).toBeUndefined();
        expect(restored?.revokedAt).toBeUndefined();
        expect((await pat.verify(token)).valid).toBe(true);
      });

      it("with an expiry: an earlier cleanup time applies, restore gives back the original expiry", async () => {
        const { pat, store } = await setup();
        const { record } = await issued(pat, { owner: "x", expiresAt: T0 + 1000 });
        await pat.revoke(record.tokenId, { expiresAt: T0 + 100 });
        expect((await store.get(record.tokenId))?.expiresAt).toBe(T0 + 100);
        await pat.restore(record.tokenId);
        expect((await store.get(record.tokenId))?.expiresAt).toBe(T0 + 1000);
      });

      it("never makes a token live longer: a later cleanup time keeps the expiry", async () => {
        const { pat, store } = await setup();
        const { record } = await issued(pat, { owner: "x", expiresAt: T0 + 1000 });
        await pat.revoke(record.tokenId, { expiresAt: T0 + 5000 });
        expect((await store.get(record.tokenId))?.expiresAt).toBe(T0 + 1000);
        await pat.restore(record.tokenId);
        expect((await store.get(record.tokenId))?.expiresAt).toBe(T0 + 1000);
      });

      it("revoke without a cleanup time keeps the expiry", async () => {
        const { pat, store } = await setup();
        const { record } = await issued(pat, { owner: "x", expiresAt: T0 + 1000 });
        await pat.revoke(record.tokenId);
        expect((await store.get(record.tokenId))?.expiresAt).toBe(T0 + 1000);
      });

      it("throws TOKEN_NOT_FOUND for a missing token", async () => {
        const { pat } = await setup();
        const id = generateTokenId();
        await expectPatError(pat.revoke(id), "TOKEN_NOT_FOUND", `Token not found: ${id}`);
        await expectPatError(pat.restore(id), "TOKEN_NOT_FOUND", `Token not found: ${id}`);
      });

      it("refuses bad arguments with INVALID_INPUT", async () => {
        const { pat } = await setup();
        await expectPatError(pat.revoke("bad"), "INVALID_INPUT", /tokenId/);
        await expectPatError(
          pat.revoke(generateTokenId(), { expiresAt: -1 }),
          "INVALID_INPUT",
          /expiresAt/,
        );
        await expectPatError(pat.restore("bad"), "INVALID_INPUT", /tokenId/);
      });
    });

    describe("list and listByOwner", () => {
      async function populated() {
        const ctx = await setup();
        const fixture = await secretFixture();
        const ids: string[] = [];
        await Promise.all(
          Array.from({ length: 25 }, async (_, i) => {
            const tokenId = generateTokenId();
            ids.push(tokenId);
            await ctx.pat.register({
              tokenId,
              secretPhc: fixture.phc,
              owner: i % 5 === 0 ? "owner-a" : "owner-b",
              roles: i % 3 === 0 ? ["admin", "reader"] : ["reader"],
            });
          }),
        );
        return { ...ctx, ids, phc: fixture.phc };
      }

      it("yields every token once, without secretPhc", async () => {
        const { pat, ids } = await populated();
        const records = await collect(pat.list());
        expect(records.map((r) => r.tokenId).sort()).toEqual([...ids].sort());
        for (const record of records) expect(record).not.toHaveProperty("secretPhc");
      });

      it("includes secretPhc when asked", async () => {
        const { pat, phc } = await populated();
        const records = await collect(pat.list({ includeSecretPhc: true }));
        expect(records).toHaveLength(25);
        for (const record of records) expect(record.secretPhc).toBe(phc);
      });

      it("pages with afterTokenId and limit, seeing each token exactly once", async () => {
        const { pat, ids } = await populated();
        const seen: string[] = [];
        let after: string | undefined;
        for (let page = 0; page < 10; page++) {
          const records = await collect(
            pat.list({ limit: 7, ...(after === undefined ? {} : { afterTokenId: after }) }),
          );
          expect(records.length).toBeLessThanOrEqual(7);
          if (records.length === 0) break;
          seen.push(...records.map((r) => r.tokenId));
          after = records.at(-1)?.tokenId;
        }
        expect(seen).toHaveLength(25);
        expect([...seen].sort()).toEqual([...ids].sort());
      });

      it("asks storage for pages of batchLimit records, yielding the same records", async () => {
        const { store, ids } = await populated();
        const counting = new CountingStore(store);
        const pageSizes: (number | undefined)[] = [];
        const scan = counting.scan.bind(counting);
        counting.scan = (options) => {
          pageSizes.push(options?.pageSize);
          return scan(options);
        };
        const { pat } = makePat(counting);
        const records = await collect(pat.list({ batchLimit: 4 }));
        expect(records.map((r) => r.tokenId).sort()).toEqual([...ids].sort());
        expect(await collect(pat.list({ batchLimit: 10, limit: 3 }))).toHaveLength(3);
        expect(await collect(pat.list({ batchLimit: 2, limit: 5 }))).toHaveLength(5);
        expect(await collect(pat.list({ batchLimit: 2, hasRole: "admin" }))).toHaveLength(9);
        expect(await collect(pat.list())).toHaveLength(25);
        expect(await collect(pat.list({ limit: 7 }))).toHaveLength(7);
        expect(await collect(pat.list({ limit: 7, hasRole: "admin" }))).toHaveLength(7);
        // No batchLimit: the storage's own page size, or the limit when nothing is filtered.
        expect(pageSizes).toEqual([4, 3, 2, 2, undefined, 7, undefined]);
        await expectPatError(() => pat.list({ batchLimit: 0 }), "INVALID_INPUT", /batchLimit/);
        await expectPatError(() => pat.list({ batchLimit: 2.5 }), "INVALID_INPUT", /batchLimit/);
        await expectPatError(
          () => pat.listByOwner("owner-a", { batchLimit: -1 }),
          "INVALID_INPUT",
          /batchLimit/,
        );
      });

      it("stops at limit, and limit 0 yields nothing", async () => {
        const { pat } = await populated();
        expect(await collect(pat.list({ limit: 3 }))).toHaveLength(3);
        expect(await collect(pat.list({ limit: 0 }))).toHaveLength(0);
      });

      it("filters by role with hasRole", async () => {
        const { pat } = await populated();
        const admins = await collect(pat.list({ hasRole: "admin" }));
        expect(admins).toHaveLength(9);
        for (const record of admins) expect(record.roles).toContain("admin");
        expect(await collect(pat.list({ hasRole: "admin", limit: 4 }))).toHaveLength(4);
        expect(await collect(pat.list({ hasRole: "nobody" }))).toHaveLength(0);
      });

      it("lists one owner's tokens with listByOwner", async () => {
        const { pat } = await populated();
        const mine = await collect(pat.listByOwner("owner-a"));
        expect(mine).toHaveLength(5);
        for (const record of mine) {
          expect(record.owner).toBe("owner-a");
          expect(record).not.toHaveProperty("secretPhc");
        }
        expect(await collect(pat.listByOwner("owner-a", { hasRole: "admin" }))).toHaveLength(2);
        expect(await collect(pat.listByOwner("owner-b", { limit: 2 }))).toHaveLength(2);
        expect(await collect(pat.listByOwner("nobody"))).toHaveLength(0);
        const withPhc = await collect(pat.listByOwner("owner-a", { includeSecretPhc: true }));
        expect(withPhc.every((r) => typeof r.secretPhc === "string")).toBe(true);
      });

      it("includes revoked and expired tokens (the caller filters)", async () => {
        const { pat, clock } = await setup();
        const a = await issued(pat, { owner: "x", expiresAt: T0 + 1 });
        const b = await issued(pat, { owner: "x" });
        await pat.revoke(b.record.tokenId);
        clock.seconds = T0 + 10;
        const records = await collect(pat.list());
        expect(records.map((r) => r.tokenId).sort()).toEqual(
          [a.record.tokenId, b.record.tokenId].sort(),
        );
        expect(records.find((r) => r.tokenId === b.record.tokenId)?.revokedAt).toBe(T0);
      });

      it("refuses bad options with INVALID_INPUT", async () => {
        const { pat } = await setup();
        await expectPatError(() => pat.list({ limit: -1 }), "INVALID_INPUT", /limit/);
        await expectPatError(() => pat.list({ limit: 1.5 }), "INVALID_INPUT", /limit/);
        await expectPatError(
          () => pat.list({ afterTokenId: "x" }),
          "INVALID_INPUT",
          /afterTokenId/,
        );
        await expectPatError(() => pat.list({ hasRole: "" }), "INVALID_INPUT", /hasRole/);
        await expectPatError(() => pat.listByOwner(""), "INVALID_INPUT", /owner/);
      });
    });

    describe("batchLoad", () => {
      it("loads 250 ids (200 present, 50 missing) from an array or a Set", async () => {
        const { pat } = await setup();
        const fixture = await secretFixture();
        const present = Array.from({ length: 200 }, () => generateTokenId());
        const missing = Array.from({ length: 50 }, () => generateTokenId());
        for (let i = 0; i < present.length; i += 25) {
          await Promise.all(
            present
              .slice(i, i + 25)
              .map((tokenId) => pat.register({ tokenId, secretPhc: fixture.phc, owner: "bulk" })),
          );
        }
        const ids = [...present, ...missing].sort();
        const result = await pat.batchLoad(ids);
        expect(result.found.map((r) => r.tokenId).sort()).toEqual([...present].sort());
        expect([...result.notFound].sort()).toEqual([...missing].sort());
        for (const record of result.found) expect(record).not.toHaveProperty("secretPhc");

        const fromSet = await pat.batchLoad(new Set([...ids, ...ids]), { includeSecretPhc: true });
        expect(fromSet.found).toHaveLength(200);
        expect(fromSet.notFound).toHaveLength(50);
        for (const record of fromSet.found) expect(record.secretPhc).toBe(fixture.phc);
      });

      it("answers empty for no ids and reads duplicates once", async () => {
        const { pat } = await setup();
        expect(await pat.batchLoad([])).toEqual({ found: [], notFound: [] });
        const { record } = await issued(pat);
        const result = await pat.batchLoad([record.tokenId, record.tokenId]);
        expect(result.found).toHaveLength(1);
        expect(result.notFound).toEqual([]);
      });

      it("refuses a malformed id or a string with INVALID_INPUT", async () => {
        const { pat } = await setup();
        await expectPatError(
          pat.batchLoad([generateTokenId(), "bad"]),
          "INVALID_INPUT",
          /tokenIds\[1\]/,
        );
        await expectPatError(
          pat.batchLoad(generateTokenId() as unknown as string[]),
          "INVALID_INPUT",
          /iterable/,
        );
      });
    });

    describe("getCount", () => {
      // Exact in memory. On DynamoDB it is DescribeTable's ItemCount, which AWS refreshes about
      // every six hours (documented as approximate); DynamoDB Local updates it at once, so the
      // same exact counts hold there and prove the bootstrap marker is left out.
      it("counts tokens, revoked ones included", async () => {
        const { pat } = await setup();
        expect(await pat.getCount()).toBe(0);
        for (let i = 0; i < 5; i++) await issued(pat);
        expect(await pat.getCount()).toBe(5);
        const { record } = await issued(pat);
        await pat.revoke(record.tokenId);
        expect(await pat.getCount()).toBe(6);
      });
    });

    describe("bootstrap", () => {
      async function bootstrapSetup() {
        const fixture = await secretFixture();
        const ctx = await setup({ bootstrapPhc: fixture.phc });
        return { ...ctx, fixture };
      }

      it("stores the first admin token on an empty store; the token then verifies", async () => {
        const { pat, store, fixture } = await bootstrapSetup();
        const tokenId = generateTokenId();
        const result = await pat.bootstrap(fixture.tokenFor(tokenId), { owner: "root" });
        expect(result).toEqual({
          valid: true,
          record: { tokenId, owner: "root", isAdmin: true, createdAt: T0 },
        });
        expect((await store.get(tokenId))?.secretPhc).toBe(fixture.phc);
        const verified = await pat.verify(fixture.tokenFor(tokenId));
        expect(verified.valid && verified.record.isAdmin).toBe(true);
        // The bootstrap token counts; whatever marks bootstrapping as done does not.
        expect(await pat.getCount()).toBe(1);
      });

      it("answers invalid_secret for a wrong secret and stores nothing", async () => {
        const { pat, store } = await bootstrapSetup();
        const other = await secretFixture();
        expectRefused(
          await pat.bootstrap(other.tokenFor(generateTokenId()), { owner: "root" }),
          "invalid_secret",
        );
        expect(await store.isEmpty()).toBe(true);
      });

      it("answers not_found once the store holds a token", async () => {
        const { pat, fixture } = await bootstrapSetup();
        await issued(pat);
        expectRefused(
          await pat.bootstrap(fixture.tokenFor(generateTokenId()), { owner: "root" }),
          "not_found",
        );
      });

      it("answers not_found without a bootstrapPhc", async () => {
        const { pat } = await setup();
        const fixture = await secretFixture();
        expectRefused(
          await pat.bootstrap(fixture.tokenFor(generateTokenId()), { owner: "root" }),
          "not_found",
        );
      });

      it("answers the format reasons for malformed tokens and refuses a bad owner", async () => {
        const { pat, fixture } = await bootstrapSetup();
        expectRefused(await pat.bootstrap("nope", { owner: "root" }), "invalid_prefix");
        expectRefused(await pat.bootstrap("pat_nope", { owner: "root" }), "invalid_format");
        await expectPatError(
          pat.bootstrap(fixture.tokenFor(generateTokenId()), { owner: "" }),
          "INVALID_INPUT",
          /owner/,
        );
      });

      it("lets exactly one of 4 concurrent bootstraps (different token ids) be valid", async () => {
        const { pat, store, fixture } = await bootstrapSetup();
        const ids = Array.from({ length: 4 }, () => generateTokenId());
        const results = await Promise.all(
          ids.map((id) => pat.bootstrap(fixture.tokenFor(id), { owner: "root" })),
        );
        expect(results.filter((r) => r.valid)).toHaveLength(1);
        for (const r of results.filter((r) => !r.valid)) expectRefused(r, "not_found");
        const stored = await store.batchGet(ids);
        expect(stored.found).toHaveLength(1);
      });
    });
  });
}
