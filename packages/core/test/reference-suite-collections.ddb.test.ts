/**
 * @access-tokens/core's integration suite, second half (roles, getCount, list, batchLoad,
 * bootstrap, concurrent access), walked against DynamoDBPat on DynamoDB Local: one `it` per test
 * there, its title quoted. A title that ends in "— ours: …" asserts the outcome the core README's
 * Compatibility table documents instead of theirs; every other one asserts their outcome.
 */
import { generateTokenId, parseToken, randomBytes, serializePhc } from "@pat/crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DynamoDBPat, PublicTokenRecord } from "../src/index.js";
import { expectRefused } from "./support/behaviour/fixtures.js";
import { dropTables } from "./support/ddb.js";
import { assertNoSecretLeaked, expectPatError, rememberSecret } from "./support/hygiene.js";
import {
  batchWrite,
  idOf,
  nowSeconds,
  paddedId,
  patOn,
  PREFIX,
  refPat,
  standInPhc,
} from "./support/reference-suite.js";

let pat: DynamoDBPat;

beforeAll(async () => {
  ({ pat } = await refPat("collections"));
});
afterAll(async () => {
  assertNoSecretLeaked();
  await dropTables();
});

async function issue(params: Parameters<DynamoDBPat["issue"]>[0], on = pat) {
  const issued = await on.issue(params);
  rememberSecret(issued.token);
  return issued;
}

/** The record of a token that must verify. */
async function verified(token: string, on = pat) {
  const result = await on.verify(token);
  if (!result.valid) throw new Error(`expected a valid token, got ${result.reason}`);
  return result.record;
}

async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of iterable) out.push(item);
  return out;
}

/** Registers `count` tokens with ids from `idFor`, each with `extra(i)`, at a usable PHC. */
async function registerMany(
  on: DynamoDBPat,
  count: number,
  idFor: (i: number) => string,
  extra: (i: number) => { owner: string; isAdmin?: boolean },
) {
  const secretPhc = await standInPhc();
  for (let i = 0; i < count; i++) await on.register({ tokenId: idFor(i), secretPhc, ...extra(i) });
  return secretPhc;
}

describe("DynamoDBPat integration (their suite, second half)", () => {
  describe("roles", () => {
    it('"should replace all roles with array"', async () => {
      const { token, record } = await issue({ owner: "u", roles: ["reader", "writer"] });
      expect(record.roles).toEqual(expect.arrayContaining(["reader", "writer"]));
      await pat.update(record.tokenId, { roles: ["admin", "superuser"] });
      const roles = (await verified(token)).roles;
      expect(roles).toEqual(expect.arrayContaining(["admin", "superuser"]));
      expect(roles).toHaveLength(2);
    });

    it('"should clear all roles with empty array"', async () => {
      const { token, record } = await issue({ owner: "u", roles: ["reader", "writer"] });
      expect(record.roles).toHaveLength(2);
      await pat.update(record.tokenId, { roles: [] });
      expect((await verified(token)).roles).toBeUndefined();
    });

    it('"should add roles atomically"', async () => {
      const { token, record } = await issue({ owner: "u", roles: ["reader"] });
      await pat.update(record.tokenId, { roles: { add: ["writer", "admin"] } });
      const roles = (await verified(token)).roles;
      expect(roles).toEqual(expect.arrayContaining(["reader", "writer", "admin"]));
      expect(roles).toHaveLength(3);
    });

    it('"should add roles to token with no existing roles"', async () => {
      const { token, record } = await issue({ owner: "u" });
      expect(record.roles).toBeUndefined();
      await pat.update(record.tokenId, { roles: { add: ["reader", "writer"] } });
      const roles = (await verified(token)).roles;
      expect(roles).toEqual(expect.arrayContaining(["reader", "writer"]));
      expect(roles).toHaveLength(2);
    });

    it('"should remove roles atomically"', async () => {
      const { token, record } = await issue({ owner: "u", roles: ["reader", "writer", "admin"] });
      await pat.update(record.tokenId, { roles: { remove: ["writer"] } });
      const roles = (await verified(token)).roles;
      expect(roles).toEqual(expect.arrayContaining(["reader", "admin"]));
      expect(roles).toHaveLength(2);
    });

    it('"should handle removing non-existent roles"', async () => {
      const { token, record } = await issue({ owner: "u", roles: ["reader"] });
      await pat.update(record.tokenId, { roles: { remove: ["nonexistent-role"] } });
      expect((await verified(token)).roles).toEqual(["reader"]);
    });

    it('"should add then remove roles in separate calls"', async () => {
      const { token, record } = await issue({ owner: "u", roles: ["reader", "writer"] });
      await pat.update(record.tokenId, { roles: { add: ["admin"] } });
      await pat.update(record.tokenId, { roles: { remove: ["writer"] } });
      const roles = (await verified(token)).roles;
      expect(roles).toEqual(expect.arrayContaining(["reader", "admin"]));
      expect(roles).toHaveLength(2);
      expect(roles).not.toContain("writer");
    });

    it('"should update roles and other fields atomically"', async () => {
      const { token, record } = await issue({ owner: "u", isAdmin: false, roles: ["reader"] });
      await pat.update(record.tokenId, {
        owner: "new-atomic-update-user",
        isAdmin: true,
        roles: { add: ["admin"] },
      });
      const after = await verified(token);
      expect(after).toMatchObject({ owner: "new-atomic-update-user", isAdmin: true });
      expect(after.roles).toEqual(expect.arrayContaining(["reader", "admin"]));
    });

    it('"should replace roles and update other fields atomically"', async () => {
      const { token, record } = await issue({ owner: "u", roles: ["reader", "writer"] });
      const expiresAt = nowSeconds() + 3600;
      await pat.update(record.tokenId, { isAdmin: true, expiresAt, roles: ["superadmin"] });
      expect(await verified(token)).toMatchObject({
        isAdmin: true,
        expiresAt,
        roles: ["superadmin"],
      });
    });

    it('"should handle empty add array as no-op"', async () => {
      const { token, record } = await issue({ owner: "u", roles: ["reader"] });
      await pat.update(record.tokenId, { roles: { add: [] } });
      expect((await verified(token)).roles).toEqual(["reader"]);
    });

    it('"should handle empty remove array as no-op"', async () => {
      const { token, record } = await issue({ owner: "u", roles: ["reader"] });
      await pat.update(record.tokenId, { roles: { remove: [] } });
      expect((await verified(token)).roles).toEqual(["reader"]);
    });
  });

  describe("getCount", () => {
    it('"should eventually return correct count after issuing tokens"', async () => {
      const initial = await pat.getCount();
      for (const owner of ["count-user-1", "count-user-2", "count-user-3"]) await issue({ owner });
      // DynamoDB Local counts at once; DynamoDB refreshes ItemCount about every six hours.
      expect(await pat.getCount()).toBe(initial + 3);
    });
  });

  describe("list", () => {
    it('"should list all tokens excluding secretPhc field"', async () => {
      const { pat: own } = await refPat("list");
      const ids = ["listA", "listB", "listC"].map((p) => p.padEnd(21, "0"));
      const [id1, id2, id3] = ids as [string, string, string];
      await issue({ tokenId: id1, owner: "user-1", isAdmin: false }, own);
      await issue({ tokenId: id2, owner: "user-2", isAdmin: true }, own);
      await issue({ tokenId: id3, owner: "user-3", isAdmin: false }, own);
      await own.revoke(id2);
      const futureExpiry = nowSeconds() + 3600;
      await own.update(id3, { expiresAt: futureExpiry });
      const tokens = await collect(own.list({ batchLimit: 100 }));
      expect(tokens).toHaveLength(3);
      const byId = new Map(tokens.map((t) => [t.tokenId, t]));
      const first = byId.get(id1);
      expect(first).toMatchObject({ owner: "user-1", isAdmin: false });
      expect(first?.createdAt).toBeGreaterThan(0);
      expect(first?.revokedAt).toBeUndefined();
      expect(first?.expiresAt).toBeUndefined();
      expect(byId.get(id2)).toMatchObject({ owner: "user-2", isAdmin: true });
      expect(byId.get(id2)?.revokedAt).toBeGreaterThan(0);
      expect(byId.get(id3)).toMatchObject({ owner: "user-3", expiresAt: futureExpiry });
      for (const token of tokens) expect(token).not.toHaveProperty("secretPhc");
    });

    it('"should filter tokens by role using hasRole option"', async () => {
      const { pat: own } = await refPat("roles-filter");
      const ids = ["role1", "role2", "role3", "role4"].map((p) => p.padEnd(21, "0"));
      const [id1, id2, id3, id4] = ids as [string, string, string, string];
      await issue({ tokenId: id1, owner: "user-1", roles: ["reader", "writer"] }, own);
      await issue({ tokenId: id2, owner: "user-2", roles: ["admin"] }, own);
      await issue({ tokenId: id3, owner: "user-3", roles: ["reader"] }, own);
      await issue({ tokenId: id4, owner: "user-4" }, own);
      const having = async (hasRole: string) =>
        (await collect(own.list({ hasRole }))).map((t) => t.tokenId).sort();
      expect(await having("reader")).toEqual([id1, id3]);
      expect(await having("admin")).toEqual([id2]);
      expect(await having("writer")).toEqual([id1]);
      expect(await having("nonexistent")).toEqual([]);
    });

    it('"should support pagination and including secret PHC" — ours: "$fake" is refused; with a usable PHC the pages are theirs', async () => {
      const { pat: own } = await refPat("pagination");
      await expectPatError(
        own.register({ tokenId: paddedId(0), secretPhc: "$fake", owner: "user-0" }),
        "INVALID_INPUT",
        /^Invalid secret PHC string: /,
      );
      await registerMany(own, 10, paddedId, (i) => ({
        owner: `user-${i}`,
        ...(i === 0 ? { isAdmin: true } : {}),
      }));
      const first = await collect(own.list({ limit: 3, includeSecretPhc: true }));
      expect(first).toHaveLength(3);
      const after = (page: PublicTokenRecord[]) => page[page.length - 1]?.tokenId ?? "";
      const middle = await collect(
        own.list({ limit: 2, afterTokenId: after(first), includeSecretPhc: true }),
      );
      expect(middle).toHaveLength(2);
      const last = await collect(own.list({ afterTokenId: after(middle), includeSecretPhc: true }));
      expect(last).toHaveLength(5);
      const all = [...first, ...middle, ...last];
      expect(new Set(all.map((t) => t.tokenId)).size).toBe(10);
      expect(all.every((t) => t.secretPhc)).toBe(true);
    });

    it('"should handle empty table"', async () => {
      const { pat: own } = await refPat("empty");
      expect(await collect(own.list())).toHaveLength(0);
    });

    it('"should handle large table with multiple scans"', async () => {
      const { pat: own, tableName } = await refPat("large");
      const createdAt = nowSeconds();
      const secretPhc = await standInPhc();
      const items = Array.from({ length: 500 }, (_, i) => ({
        tokenId: paddedId(i),
        secretPhc,
        owner: `user-${i}`,
        isAdmin: false,
        createdAt: createdAt + i,
      }));
      await batchWrite(tableName, items);
      const tokens = await collect(own.list({ batchLimit: 100, limit: 1000 }));
      expect(tokens).toHaveLength(500);
      expect(new Set(tokens.map((t) => t.tokenId)).size).toBe(500);
    });
  });

  describe("batchLoad", () => {
    it('"should batch load existing tokens without secretPhc" — ours: "$fake" is refused; with a usable PHC the load is theirs', async () => {
      const { pat: own } = await refPat("batch");
      await expectPatError(
        own.register({ tokenId: paddedId(0), secretPhc: "$fake", owner: "x" }),
        "INVALID_INPUT",
      );
      await registerMany(own, 5, paddedId, (i) => ({
        owner: `batch-user-${i}`,
        isAdmin: i % 2 === 0,
      }));
      const result = await own.batchLoad(new Set(Array.from({ length: 5 }, (_, i) => paddedId(i))));
      expect(result.found).toHaveLength(5);
      expect(result.notFound).toHaveLength(0);
      for (const token of result.found) {
        expect(token).not.toHaveProperty("secretPhc");
        expect(token.createdAt).toBeGreaterThan(0);
        expect(typeof token.isAdmin).toBe("boolean");
      }
    });

    it('"should batch load tokens with secretPhc when requested" — ours: their 3-byte-salt PHC is refused; a usable one loads', async () => {
      const { pat: own } = await refPat("batch-secret");
      // Their PHC has 3 bytes of salt and of hash; one of that shape, made at run time.
      const tiny = serializePhc({
        id: "scrypt",
        params: { ln: 15, r: 8, p: 1 },
        salt: randomBytes(3),
        hash: randomBytes(3),
      });
      await expectPatError(
        own.register({ tokenId: paddedId(0), secretPhc: tiny, owner: "x" }),
        "INVALID_INPUT",
        "Invalid secret PHC string: invalid_parameters",
      );
      await registerMany(own, 3, paddedId, (i) => ({ owner: `secret-user-${i}` }));
      const ids = new Set([0, 1, 2].map(paddedId));
      const result = await own.batchLoad(ids, { includeSecretPhc: true });
      expect(result.found).toHaveLength(3);
      expect(result.notFound).toHaveLength(0);
      expect(result.found.every((t) => t.secretPhc)).toBe(true);
    });

    it('"should identify tokens that do not exist" — ours: "$fake" is refused; with a usable PHC the answer is theirs', async () => {
      const { pat: own } = await refPat("batch-notfound");
      const existing = "0".repeat(21);
      await registerMany(
        own,
        1,
        () => existing,
        () => ({ owner: "existing-user" }),
      );
      const missing = [0, 1, 2].map(() => generateTokenId());
      const result = await own.batchLoad(new Set([existing, ...missing]));
      expect(result.found.map((t) => t.tokenId)).toEqual([existing]);
      expect(result.notFound).toHaveLength(3);
      expect(result.notFound).toEqual(expect.arrayContaining(missing));
    });

    it('"should handle empty token ID set"', async () => {
      expect(await pat.batchLoad(new Set())).toEqual({ found: [], notFound: [] });
    });

    it('"should load tokens with various states" — ours: "$fake" is refused; with a usable PHC the states are theirs', async () => {
      const { pat: own } = await refPat("batch-states");
      const ids = ["active", "revoked", "expired", "future"].map((p) => p.padEnd(21, "0"));
      const [active, revoked, expired, future] = ids as [string, string, string, string];
      await registerMany(
        own,
        4,
        (i) => ids[i] ?? "",
        (i) => ({ owner: `user-${i}` }),
      );
      await own.revoke(revoked);
      const past = nowSeconds() - 3600;
      const later = nowSeconds() + 3600;
      await own.update(expired, { expiresAt: past });
      await own.update(future, { expiresAt: later });
      const result = await own.batchLoad(new Set(ids));
      expect(result.found).toHaveLength(4);
      expect(result.notFound).toHaveLength(0);
      const byId = new Map(result.found.map((t) => [t.tokenId, t]));
      expect(byId.get(active)?.revokedAt).toBeUndefined();
      expect(byId.get(active)?.expiresAt).toBeUndefined();
      expect(byId.get(revoked)?.revokedAt).toBeGreaterThan(0);
      expect(byId.get(expired)?.expiresAt).toBe(past);
      expect(byId.get(future)?.expiresAt).toBe(later);
    });

    it('"should handle batch sizes larger than 100 items"', async () => {
      const { pat: own, tableName } = await refPat("batch-large");
      const secretPhc = await standInPhc();
      const createdAt = nowSeconds();
      const ids = Array.from({ length: 250 }, (_, i) => paddedId(i));
      await batchWrite(
        tableName,
        ids.map((tokenId, i) => ({
          tokenId,
          secretPhc,
          owner: `large-batch-user-${i}`,
          isAdmin: i % 10 === 0,
          createdAt: createdAt + i,
        })),
      );
      const result = await own.batchLoad(new Set(ids), { includeSecretPhc: true });
      expect(result.found).toHaveLength(250);
      expect(result.notFound).toHaveLength(0);
      expect(new Set(result.found.map((t) => t.tokenId)).size).toBe(250);
      expect(result.found.every((t) => t.secretPhc)).toBe(true);
    });

    it('"should handle mixed found and not found in large batch" — ours: "$fake" is refused; with a usable PHC the answer is theirs', async () => {
      const { pat: own } = await refPat("batch-mixed");
      const existing = Array.from(
        { length: 50 },
        (_, i) => `exist${i.toString().padStart(16, "0")}`,
      );
      await registerMany(
        own,
        50,
        (i) => existing[i] ?? "",
        (i) => ({ owner: `mixed-user-${i}` }),
      );
      const missing = Array.from({ length: 50 }, () => generateTokenId());
      const result = await own.batchLoad(new Set([...existing, ...missing]));
      expect(result.found.map((t) => t.tokenId).sort()).toEqual([...existing].sort());
      expect([...result.notFound].sort()).toEqual([...missing].sort());
    });

    it('"should preserve lastUsedAt field when present"', async () => {
      const { pat: own } = await refPat("batch-lastused");
      const { token, record } = await issue({ owner: "last-used-user" }, own);
      await own.verify(token);
      const [loaded] = (await own.batchLoad(new Set([record.tokenId]))).found;
      expect(loaded?.lastUsedAt).toBeGreaterThan(0);
      expect(loaded?.lastUsedAt).toBeGreaterThanOrEqual(loaded?.createdAt ?? Infinity);
    });
  });

  describe("bootstrap", () => {
    let bootstrapToken: string;
    let bootstrapPhc: string;
    let withBootstrap: DynamoDBPat;
    let tableName: string;

    beforeAll(async () => {
      ({ token: bootstrapToken, secretPhc: bootstrapPhc } = await pat.generate());
      rememberSecret(bootstrapToken);
      rememberSecret(bootstrapPhc);
      ({ pat: withBootstrap, tableName } = await refPat("bootstrap", { bootstrapPhc }));
    });

    it('"should fail when no bootstrap PHC is configured"', async () => {
      const without = patOn(tableName);
      expectRefused(await without.bootstrap(bootstrapToken, { owner: "should-fail" }), "not_found");
    });

    it('"should fail with wrong bootstrap secret" — ours: a secret with its first character cut is invalid_format unless still a canonical spelling', async () => {
      // Their test cuts the first character of the secret. What is left is a different secret
      // only where it is still a canonical spelling (here: 31 bytes when its last symbol's low
      // four bits are zero, one time in four); every other text is no spelling at all.
      const cut = bootstrapToken.replace(/\../, ".");
      const expected = "reason" in parseToken(PREFIX, cut) ? "invalid_format" : "invalid_secret";
      expectRefused(await withBootstrap.bootstrap(cut, { owner: "should-fail" }), expected);
      // A wrong secret, spelled canonically, is their answer.
      const wrong = `${PREFIX}${idOf(bootstrapToken)}.${Buffer.alloc(32, 9).toString("base64")}`;
      expectRefused(
        await withBootstrap.bootstrap(wrong, { owner: "should-fail" }),
        "invalid_secret",
      );
    });

    it('"should authenticate with empty table and valid bootstrap PHC"', async () => {
      const result = await withBootstrap.bootstrap(bootstrapToken, { owner: "bootstrap-admin" });
      expect(result.valid).toBe(true);
      expect(result.record).toMatchObject({
        owner: "bootstrap-admin",
        isAdmin: true,
        tokenId: idOf(bootstrapToken),
      });
    });

    it('"should fail with non-empty table"', async () => {
      const next = await withBootstrap.generate();
      rememberSecret(next.token);
      rememberSecret(next.secretPhc);
      const result = await withBootstrap.bootstrap(next.token, { owner: "second-bootstrap-admin" });
      expectRefused(result, "not_found");
    });
  });

  describe("Concurrent access tests", () => {
    it('"should handle concurrent revoke"', async () => {
      const { token } = await issue({ owner: "concurrent-revoke-user" });
      const { tokenId } = await verified(token);
      await Promise.all([pat.revoke(tokenId), pat.revoke(tokenId), pat.revoke(tokenId)]);
      expectRefused(await pat.verify(token), "revoked");
    });

    it('"should handle concurrent revoke and restore"', async () => {
      const { token } = await issue({ owner: "concurrent-verify-revoke-user" });
      const { tokenId } = await verified(token);
      const revoke = () => pat.revoke(tokenId);
      const restore = () => pat.restore(tokenId);
      const ops = [revoke, restore, restore, revoke, revoke, restore];
      await expect(Promise.all(ops.map((op) => op()))).resolves.toHaveLength(6);
      // The final state is whichever write came last; either answer is a verdict, not an error.
      const result = await pat.verify(token);
      if (!result.valid) expect(result.reason).toBe("revoked");
    });

    it('"should handle bootstrap race conditions"', async () => {
      const bootstrap = await pat.generate();
      rememberSecret(bootstrap.token);
      rememberSecret(bootstrap.secretPhc);
      const { pat: racing } = await refPat("race", { bootstrapPhc: bootstrap.secretPhc });
      const results = await Promise.allSettled(
        [1, 2, 3, 4].map((n) => racing.bootstrap(bootstrap.token, { owner: `race-admin-${n}` })),
      );
      // Theirs may also reject with "Token ID already exists"; ours answers not_found instead.
      const answers = results.map((r) => (r.status === "fulfilled" ? r.value : undefined));
      expect(answers.filter((a) => a?.valid)).toHaveLength(1);
      for (const answer of answers.filter((a) => a?.valid === false)) {
        expect(answer?.reason).toBe("not_found");
      }
      expect(answers.every((a) => a !== undefined)).toBe(true);
    });

    it('"should handle concurrent token creation with same ID"', async () => {
      const duplicateId = generateTokenId();
      const results = await Promise.allSettled(
        [1, 2, 3].map((n) => pat.issue({ tokenId: duplicateId, owner: `race-user-${n}` })),
      );
      const fulfilled = results.flatMap((r) => (r.status === "fulfilled" ? [r.value] : []));
      const rejected = results.flatMap((r) => (r.status === "rejected" ? [r.reason] : []));
      expect(fulfilled).toHaveLength(1);
      expect(rejected).toHaveLength(2);
      for (const reason of rejected) {
        expect(reason).toMatchObject({ code: "TOKEN_EXISTS" });
        expect((reason as Error).message).toContain("Token ID already exists");
      }
      rememberSecret(fulfilled[0]?.token ?? "");
      expect((await pat.verify(fulfilled[0]?.token ?? "")).valid).toBe(true);
    });

    it('"should handle concurrent updates to same token"', async () => {
      const { token } = await issue({ owner: "concurrent-update-user", isAdmin: false });
      const { tokenId } = await verified(token);
      await Promise.all([
        pat.update(tokenId, { isAdmin: true }),
        pat.update(tokenId, { expiresAt: nowSeconds() + 3600 }),
        pat.update(tokenId, { isAdmin: false }),
        pat.update(tokenId, { expiresAt: nowSeconds() + 7200 }),
      ]);
      const after = await verified(token);
      expect(after.owner).toBe("concurrent-update-user");
      expect(after.expiresAt).toBeDefined();
    });
  });
});
