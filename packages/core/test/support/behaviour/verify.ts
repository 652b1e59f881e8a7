/**
 * The Pat behaviour suite, verify: each answer in the documented order (prefix, format, record,
 * stored hash, secret, revoked, expired), the conditional `lastUsedAt` write, the verified-secret
 * memo and transparent rehash.
 */
import { describe, expect, it } from "vitest";
import {
  base64UrlEncode,
  formatToken,
  generateTokenId,
  hashSecret,
  randomBytes,
  verifySecret,
} from "@pat/crypto";
import { CountingStore } from "../counting-store.js";
import { rememberSecret } from "../hygiene.js";
import {
  ARGON2_PHC,
  LN40_PHC,
  T0,
  TEST_SCRYPT,
  expectRefused,
  makePat,
  plantRecord,
  secretFixture,
  type BehaviourContext,
} from "./fixtures.js";

/** Registers this group of the behaviour suite (see `index.ts`). */
export function describeVerify(context: BehaviourContext): void {
  const { harness, setup, issued } = context;
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
        await plantRecord(store, tokenId, secretPhc);
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
      await plantRecord(store, tokenId, fixture.phc, { owner: "old" });
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
      await plantRecord(store, tokenId, phc, { owner: "old" });
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
      await plantRecord(store, tokenId, fixture.phc, { owner: "old" });
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
      await plantRecord(store, tokenId, fixture.phc, { owner: "old", revokedAt: T0 });
      expectRefused(await pat.verify(fixture.tokenFor(tokenId)), "revoked");
      expect((await store.get(tokenId))?.secretPhc).toBe(fixture.phc);
    });
  });
}
