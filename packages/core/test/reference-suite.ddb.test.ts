/**
 * @access-tokens/core's integration suite, first half (setup, issue, register, verify, revoke,
 * restore, update), walked against DynamoDBPat on DynamoDB Local: one `it` per test there, its
 * title quoted. A title that ends in "— ours: …" asserts the outcome the core README's
 * Compatibility table documents instead of theirs; every other one asserts their outcome.
 * The second half is in reference-suite-collections.ddb.test.ts.
 */
import { generateTokenId } from "@pat/crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DynamoDBPat } from "../src/index.js";
import { expectRefused } from "./support/behaviour/fixtures.js";
import { dropTables } from "./support/ddb.js";
import { assertNoSecretLeaked, expectPatError, rememberSecret } from "./support/hygiene.js";
import { theirToken } from "./support/access-tokens.js";
import {
  describeTable,
  idOf,
  nowSeconds,
  patOn,
  PREFIX,
  refPat,
  standInPhc,
} from "./support/reference-suite.js";

let pat: DynamoDBPat;
let tableName: string;

beforeAll(async () => {
  ({ pat, tableName } = await refPat("int"));
});
afterAll(async () => {
  assertNoSecretLeaked();
  await dropTables();
});

/** Issues a token and remembers it for the hygiene check. */
async function issue(params: Parameters<DynamoDBPat["issue"]>[0], on = pat) {
  const issued = await on.issue(params);
  rememberSecret(issued.token);
  return issued;
}

/** Verifies `token`, which must be valid, and answers its record. */
async function verified(token: string, on = pat) {
  const result = await on.verify(token);
  if (!result.valid) throw new Error(`expected a valid token, got ${result.reason}`);
  return result.record;
}

describe("DynamoDBPat integration (their suite, first half)", () => {
  describe("setup", () => {
    it('"should have created test table with proper schema"', async () => {
      const table = await describeTable(tableName);
      expect(table?.TableName).toBe(tableName);
      expect(table?.TableStatus).toBe("ACTIVE");
      expect(table?.KeySchema).toEqual([{ AttributeName: "tokenId", KeyType: "HASH" }]);
      expect(await pat.getCount()).toBe(0);
    });
  });

  describe("issue", () => {
    it('"should generate token with random ID"', async () => {
      const { token } = await issue({ owner: "test-user-1", isAdmin: false });
      expect(token).toMatch(new RegExp(`^${PREFIX}[a-zA-Z0-9]{21}\\.[a-zA-Z0-9+/_=-]+$`));
      expect(await verified(token)).toMatchObject({ owner: "test-user-1", isAdmin: false });
    });

    it('"should generate token with specific ID"', async () => {
      const tokenId = "specificTokenId123456";
      const { token } = await issue({ tokenId, owner: "test-user-2", isAdmin: true });
      expect(token.startsWith(`${PREFIX}${tokenId}.`)).toBe(true);
      expect(await verified(token)).toMatchObject({ tokenId, owner: "test-user-2", isAdmin: true });
    });

    it('"should create admin user token"', async () => {
      const { token } = await issue({ owner: "admin-user", isAdmin: true });
      expect(await verified(token)).toMatchObject({ owner: "admin-user", isAdmin: true });
    });

    it('"should create non-admin user token by default"', async () => {
      const { token } = await issue({ owner: "regular-user" });
      expect(await verified(token)).toMatchObject({ owner: "regular-user", isAdmin: false });
    });

    it('"should fail with duplicate token ID"', async () => {
      const tokenId = "duplicateToken1234567";
      await issue({ tokenId, owner: "user1" });
      await expectPatError(
        pat.issue({ tokenId, owner: "user2" }),
        "TOKEN_EXISTS",
        `Token ID already exists: ${tokenId}`,
      );
    });

    it('"should create token with expiresAt"', async () => {
      const expiresAt = nowSeconds() + 3600;
      const { token, record } = await issue({ owner: "expiry-test-user", expiresAt });
      expect(record.expiresAt).toBe(expiresAt);
      expect((await verified(token)).expiresAt).toBe(expiresAt);
    });

    it('"should create token with roles"', async () => {
      const roles = ["reader", "writer"];
      const { token, record } = await issue({ owner: "roles-test-user", roles });
      expect(record.roles).toEqual(roles);
      const verifiedRoles = (await verified(token)).roles;
      expect(verifiedRoles).toEqual(expect.arrayContaining(roles));
      expect(verifiedRoles).toHaveLength(roles.length);
    });
  });

  describe("register", () => {
    it('"should register token with expiresAt" — ours: "$fake" is refused; a usable PHC registers', async () => {
      const tokenId = "registerExpiry1234567";
      const expiresAt = nowSeconds() + 7200;
      const params = { tokenId, owner: "register-expiry-user", isAdmin: true, expiresAt };
      await expectPatError(
        pat.register({ ...params, secretPhc: "$fake" }),
        "INVALID_INPUT",
        "Invalid secret PHC string: unsupported_algorithm",
      );
      const secretPhc = await standInPhc();
      const record = await pat.register({ ...params, secretPhc });
      expect(record).toMatchObject({ ...params, secretPhc });
    });

    it('"should register token with roles" — ours: "$fake" is refused; a usable PHC registers', async () => {
      const tokenId = "registerRoles12345678";
      const roles = ["admin", "moderator"];
      const params = { tokenId, owner: "register-roles-user", roles };
      await expectPatError(
        pat.register({ ...params, secretPhc: "$fake" }),
        "INVALID_INPUT",
        /^Invalid secret PHC string: /,
      );
      const record = await pat.register({ ...params, secretPhc: await standInPhc() });
      expect(record.tokenId).toBe(tokenId);
      expect(record.roles).toEqual(expect.arrayContaining(roles));
      expect(record.roles).toHaveLength(roles.length);
    });
  });

  describe("verify", () => {
    it('"should verify valid token and update lastUsedAt"', async () => {
      // Their test sleeps two seconds; an injected clock moves on instead.
      const clock = { ms: Date.now() };
      const timed = patOn(tableName, { clock: () => clock.ms });
      const beforeCreation = Math.floor(clock.ms / 1000);
      const { token } = await issue({ owner: "verify-test-user", isAdmin: false }, timed);
      const first = await verified(token, timed);
      expect(first).toMatchObject({ owner: "verify-test-user", isAdmin: false });
      expect(first.createdAt).toBeGreaterThanOrEqual(beforeCreation);
      expect(first.lastUsedAt).toBeGreaterThanOrEqual(beforeCreation);
      clock.ms += 2000;
      const second = await verified(token, timed);
      expect(second.lastUsedAt).toBeGreaterThan(first.lastUsedAt ?? Infinity);
    });

    it('"should fail verification of revoked token"', async () => {
      const { token } = await issue({ owner: "revoked-test-user" });
      await pat.revoke((await verified(token)).tokenId);
      expectRefused(await pat.verify(token), "revoked");
    });

    it('"should fail verification of expired token"', async () => {
      const { token } = await issue({ owner: "expired-test-user" });
      const { tokenId } = await verified(token);
      await pat.update(tokenId, { expiresAt: nowSeconds() - 3600 });
      expectRefused(await pat.verify(token), "expired");
    });

    it('"should fail verification of non-existent token" — ours: an 11-byte secret is invalid_format; a 16-byte one is not_found', async () => {
      // Their token's secret, base64 of "test secret", is 11 bytes: under the 16-byte floor.
      expectRefused(
        await pat.verify(`${PREFIX}nonExistentToken12345.dGVzdCBzZWNyZXQ=`),
        "invalid_format",
      );
      const token = theirToken(PREFIX, "nonExistentToken12345", Buffer.alloc(16, 7));
      expectRefused(await pat.verify(token), "not_found");
    });

    it('"should fail verification with malformed tokens"', async () => {
      const validTokenId = generateTokenId();
      const secret = "dGVzdCBzZWNyZXQ=";
      expectRefused(await pat.verify(`wrong_pat_${validTokenId}.${secret}`), "invalid_prefix");
      expectRefused(await pat.verify(`${PREFIX}${validTokenId}`), "invalid_format");
      expectRefused(await pat.verify(`${PREFIX}invalidTokenId123.${secret}`), "invalid_format");
      expectRefused(await pat.verify(`${PREFIX}${validTokenId}.!base64!`), "invalid_format");
    });

    it('"should fail verification with wrong secret" — ours: an 11-byte secret is invalid_format; a wrong 32-byte one is invalid_secret', async () => {
      const { token } = await issue({ owner: "wrong-secret-user" });
      const head = token.split(".")[0] ?? "";
      // Their wrong secret, base64 of "wrongSecret", is 11 bytes: under the 16-byte floor.
      expectRefused(await pat.verify(`${head}.d3JvbmdTZWNyZXQ=`), "invalid_format");
      expectRefused(
        await pat.verify(theirToken(PREFIX, idOf(token), Buffer.alloc(32, 1))),
        "invalid_secret",
      );
    });
  });

  describe("revoke", () => {
    it('"should revoke token and set revokedAt timestamp"', async () => {
      const { token } = await issue({ owner: "revoke-test-user" });
      await pat.revoke((await verified(token)).tokenId);
      const result = await pat.verify(token);
      expectRefused(result, "revoked");
      expect(result.record).toBeDefined();
    });

    it('"should revoke token with expiration time"', async () => {
      const { token } = await issue({ owner: "revoke-with-expiry-user" });
      const { tokenId } = await verified(token);
      await pat.revoke(tokenId, { expiresAt: nowSeconds() + 3600 });
      const result = await pat.verify(token);
      expectRefused(result, "revoked");
      expect(result.record).toBeDefined();
    });

    it('"should be idempotent when revoking already revoked token"', async () => {
      const { token } = await issue({ owner: "double-revoke-user" });
      const { tokenId } = await verified(token);
      await pat.revoke(tokenId);
      await pat.revoke(tokenId);
      const result = await pat.verify(token);
      expectRefused(result, "revoked");
      expect(result.record).toBeDefined();
    });

    it('"should throw on non-existent token"', async () => {
      const tokenId = "nonExistentToken12345";
      await expectPatError(pat.revoke(tokenId), "TOKEN_NOT_FOUND", `Token not found: ${tokenId}`);
    });
  });

  describe("restore", () => {
    it('"should restore revoked token"', async () => {
      const { token } = await issue({ owner: "restore-test-user" });
      const { tokenId } = await verified(token);
      await pat.revoke(tokenId);
      expectRefused(await pat.verify(token), "revoked");
      await pat.restore(tokenId);
      expect((await pat.verify(token)).valid).toBe(true);
    });

    it('"should be idempotent when restoring non-revoked token"', async () => {
      const { token } = await issue({ owner: "idempotent-restore-user" });
      const { tokenId } = await verified(token);
      await pat.restore(tokenId);
      await pat.restore(tokenId);
      expect((await pat.verify(token)).valid).toBe(true);
    });

    it('"should throw on non-existent token"', async () => {
      const tokenId = "nonExistentToken12345";
      await expectPatError(pat.restore(tokenId), "TOKEN_NOT_FOUND", `Token not found: ${tokenId}`);
    });
  });

  describe("update", () => {
    it('"should update secret hash"', async () => {
      const { token } = await issue({ owner: "update-secret-hash-user" });
      const { tokenId } = await verified(token);
      const { token: newToken, secretPhc } = await pat.generate({ tokenId });
      rememberSecret(newToken);
      rememberSecret(secretPhc);
      await pat.update(tokenId, { secretPhc });
      expect((await pat.verify(newToken)).valid).toBe(true);
    });

    it('"should throw on invalid secret hash"', async () => {
      const { token } = await issue({ owner: "invalid-secret-hash-user" });
      const { tokenId } = await verified(token);
      await expectPatError(
        pat.update(tokenId, { secretPhc: "invalid-phc" }),
        "INVALID_INPUT",
        /^Invalid secret PHC string/,
      );
    });

    it('"should update token owner"', async () => {
      const { token } = await issue({ owner: "original-owner", isAdmin: false });
      await pat.update((await verified(token)).tokenId, { owner: "updated-owner" });
      expect(await verified(token)).toMatchObject({ owner: "updated-owner", isAdmin: false });
    });

    it('"should update token admin status"', async () => {
      const { token } = await issue({ owner: "admin-update-user", isAdmin: false });
      await pat.update((await verified(token)).tokenId, { isAdmin: true });
      expect(await verified(token)).toMatchObject({ owner: "admin-update-user", isAdmin: true });
    });

    it('"should update token expiration"', async () => {
      const { token } = await issue({ owner: "expiry-update-user" });
      const { tokenId } = await verified(token);
      await pat.update(tokenId, { expiresAt: nowSeconds() + 3600 });
      expect((await pat.verify(token)).valid).toBe(true);
      await pat.update(tokenId, { expiresAt: nowSeconds() - 3600 });
      const result = await pat.verify(token);
      expectRefused(result, "expired");
      expect(result.record).toBeDefined();
    });

    it('"should clear token expiration"', async () => {
      const { token, record } = await issue({ owner: "expiry-clear-user" });
      const expiresAt = nowSeconds() + 3600;
      await pat.update(record.tokenId, { expiresAt });
      expect((await verified(token)).expiresAt).toBe(expiresAt);
      await pat.update(record.tokenId, { expiresAt: null });
      expect((await verified(token)).expiresAt).toBeNull();
    });

    it('"should handle partial updates with undefined values"', async () => {
      const { token } = await issue({ owner: "partial-update-user", isAdmin: false });
      const { tokenId } = await verified(token);
      await pat.update(tokenId, { owner: "new-owner", isAdmin: undefined, expiresAt: undefined });
      expect(await verified(token)).toMatchObject({ owner: "new-owner", isAdmin: false });
    });

    it('"should handle empty update object"', async () => {
      const { token } = await issue({ owner: "empty-update-user" });
      await pat.update((await verified(token)).tokenId, {});
      expect((await verified(token)).owner).toBe("empty-update-user");
    });

    it('"should handle update with all undefined values"', async () => {
      const { token } = await issue({ owner: "undefined-update-user", isAdmin: true });
      const { tokenId } = await verified(token);
      await pat.update(tokenId, { owner: undefined, isAdmin: undefined, expiresAt: undefined });
      expect(await verified(token)).toMatchObject({
        owner: "undefined-update-user",
        isAdmin: true,
      });
    });

    it('"should throw updating non-existent token"', async () => {
      const tokenId = "nonExistentToken12345";
      await expectPatError(
        pat.update(tokenId, { isAdmin: true }),
        "TOKEN_NOT_FOUND",
        `Token not found: ${tokenId}`,
      );
    });

    it('"should not throw on empty update of non-existent token"', async () => {
      await expect(pat.update("nonExistentToken12345", {})).resolves.toBeUndefined();
    });
  });
});
