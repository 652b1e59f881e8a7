/**
 * The Pat behaviour suite, rotation: the successor copies the token, the old secret works during
 * the grace (or until the successor's first use) and answers `revoked` after it, at the injected
 * clock's edge; one successor of concurrent rotations; a verify racing the end of grace; the state
 * errors and their codes.
 */
import { describe, expect, it } from "vitest";
import { generateTokenId, isWellFormedToken } from "@pat/crypto";
import { CountingStore } from "../counting-store.js";
import { expectPatError, rememberSecret } from "../hygiene.js";
import { T0, expectRefused, makePat, type BehaviourContext } from "./fixtures.js";

/** Registers this group of the behaviour suite (see `index.ts`). */
export function describeRotate(context: BehaviourContext): void {
  const { setup, issued, harness } = context;
  describe("rotate", () => {
    it("issues a successor for the same owner, admin flag, roles and expiry", async () => {
      const { pat, store, clock } = await setup();
      const old = await issued(pat, {
        owner: "ci@example.com",
        isAdmin: true,
        roles: ["deploy", "read"],
        expiresAt: T0 + 86400,
      });
      clock.seconds = T0 + 10;
      const { token, record } = await pat.rotate(old.record.tokenId, { graceSeconds: 60 });
      rememberSecret(token);
      expect(record).toEqual({
        tokenId: record.tokenId,
        owner: "ci@example.com",
        isAdmin: true,
        roles: ["deploy", "read"],
        createdAt: T0 + 10,
        expiresAt: T0 + 86400,
        rotatedFrom: old.record.tokenId,
      });
      expect(record.tokenId).not.toBe(old.record.tokenId);
      expect(token.startsWith(`pat_${record.tokenId}.`)).toBe(true);
      const verified = await pat.verify(token);
      expect(verified.valid).toBe(true);
      expect(verified.record).toMatchObject({ tokenId: record.tokenId, lastUsedAt: T0 + 10 });
      const stored = await store.get(record.tokenId);
      expect(stored?.secretPhc).not.toBe(old.secretPhc);
    });

    it("writes the successor in the configured token format and hash, with the token's labels", async () => {
      const { pat, store } = await setup({
        tokenFormat: "checksummed",
        hashAlgorithm: "hmac-sha256",
      });
      const old = await issued(pat, {
        owner: "ci@example.com",
        name: "deploy",
        metadata: { team: "ops" },
      });
      const { token, record } = await pat.rotate(old.record.tokenId, { graceSeconds: 60 });
      rememberSecret(token);
      expect(isWellFormedToken(token, { format: "checksummed" })).toBe(true);
      expect(record).toMatchObject({ name: "deploy", metadata: { team: "ops" } });
      const stored = await store.get(record.tokenId);
      rememberSecret(stored?.secretPhc ?? "");
      expect(stored?.secretPhc.startsWith("$hmac-sha256$v=1$")).toBe(true);
      expect((await pat.verify(token)).valid).toBe(true);
      expect((await pat.verify(old.token)).valid).toBe(true);
    });

    it("retires the old secret at once by default: it verifies as revoked", async () => {
      const { pat } = await setup();
      const old = await issued(pat);
      const { token } = await pat.rotate(old.record.tokenId);
      rememberSecret(token);
      const result = await pat.verify(old.token);
      expectRefused(result, "revoked");
      expect(result.record).toMatchObject({ tokenId: old.record.tokenId, graceEndsAt: T0 });
      expect(result.record).not.toHaveProperty("secretPhc");
      expect((await pat.verify(token)).valid).toBe(true);
    });

    it("keeps the old secret working until the grace ends, then answers revoked", async () => {
      const { pat, clock } = await setup();
      const old = await issued(pat, { owner: "x", expiresAt: T0 + 86400 });
      const { token, record } = await pat.rotate(old.record.tokenId, { graceSeconds: 3600 });
      rememberSecret(token);
      clock.seconds = T0 + 3599;
      const during = await pat.verify(old.token);
      expect(during.valid).toBe(true);
      expect(during.record).toMatchObject({ rotatedTo: record.tokenId, expiresAt: T0 + 3600 });
      clock.seconds = T0 + 3600;
      expectRefused(await pat.verify(old.token), "revoked");
      expect((await pat.verify(token)).valid).toBe(true);
    });

    it("with untilFirstUse, retires the old secret at the new token's first verify", async () => {
      const { pat, store, clock } = await setup();
      const old = await issued(pat);
      const { token, record } = await pat.rotate(old.record.tokenId, { untilFirstUse: true });
      rememberSecret(token);
      expect(record.awaitingFirstUse).toBe(true);
      clock.seconds = T0 + 86400 * 30;
      expect((await pat.verify(old.token)).valid).toBe(true);
      expect((await pat.verify(old.token)).valid).toBe(true);
      clock.seconds += 1;
      const first = await pat.verify(token);
      expect(first.valid).toBe(true);
      expect(first.record).not.toHaveProperty("awaitingFirstUse");
      expectRefused(await pat.verify(old.token), "revoked");
      const predecessor = await store.get(old.record.tokenId);
      expect(predecessor?.graceEndsAt).toBe(clock.seconds);
      expect((await store.get(record.tokenId))?.awaitingFirstUse).toBeUndefined();
      expect((await pat.verify(token)).valid).toBe(true);
    });

    it("with untilFirstUse and a grace, stops the old secret at whichever comes first", async () => {
      const { pat, clock } = await setup();
      const old = await issued(pat);
      const { token } = await pat.rotate(old.record.tokenId, {
        untilFirstUse: true,
        graceSeconds: 600,
      });
      rememberSecret(token);
      clock.seconds = T0 + 599;
      expect((await pat.verify(old.token)).valid).toBe(true);
      clock.seconds = T0 + 600;
      expectRefused(await pat.verify(old.token), "revoked");
    });

    it("answers revoked when the new token's first use lands between the old one's read and write", async () => {
      const inner = await harness.newStore();
      const store = new CountingStore(inner);
      const { pat } = makePat(store);
      const old = await issued(pat);
      const { token } = await pat.rotate(old.record.tokenId, { untilFirstUse: true });
      rememberSecret(token);
      store.afterGet = async () => {
        store.afterGet = undefined;
        expect((await pat.verify(token)).valid).toBe(true);
      };
      expectRefused(await pat.verify(old.token), "revoked");
      expect((await inner.get(old.record.tokenId))?.lastUsedAt).toBeUndefined();
    });

    it("leaves exactly one successor of concurrent rotations; the others throw TOKEN_ROTATED", async () => {
      const { pat, store } = await setup();
      const old = await issued(pat);
      const outcomes = await Promise.allSettled(
        Array.from({ length: 4 }, () => pat.rotate(old.record.tokenId, { graceSeconds: 60 })),
      );
      const won = outcomes.filter((o) => o.status === "fulfilled");
      expect(won).toHaveLength(1);
      for (const o of outcomes) {
        if (o.status === "fulfilled") rememberSecret(o.value.token);
        else {
          await expectPatError(
            Promise.reject(o.reason),
            "TOKEN_ROTATED",
            `Token was rotated already: ${old.record.tokenId}`,
          );
        }
      }
      const winner = won[0]?.status === "fulfilled" ? won[0].value.record.tokenId : "";
      expect((await store.get(old.record.tokenId))?.rotatedTo).toBe(winner);
    });

    it("refuses unknown, revoked, expired and rotated tokens with clear codes", async () => {
      const { pat, clock } = await setup();
      const unknown = generateTokenId();
      await expectPatError(pat.rotate(unknown), "TOKEN_NOT_FOUND", `Token not found: ${unknown}`);
      const revoked = await issued(pat);
      await pat.revoke(revoked.record.tokenId);
      await expectPatError(
        pat.rotate(revoked.record.tokenId),
        "TOKEN_REVOKED",
        `Token is revoked: ${revoked.record.tokenId}`,
      );
      const expiring = await issued(pat, { owner: "x", expiresAt: T0 + 5 });
      clock.seconds = T0 + 5;
      await expectPatError(
        pat.rotate(expiring.record.tokenId),
        "TOKEN_EXPIRED",
        `Token is expired: ${expiring.record.tokenId}`,
      );
      const rotated = await issued(pat);
      const first = await pat.rotate(rotated.record.tokenId, { untilFirstUse: true });
      rememberSecret(first.token);
      await expectPatError(pat.rotate(rotated.record.tokenId), "TOKEN_ROTATED");
      await expectPatError(
        pat.rotate(first.record.tokenId),
        "ROTATION_PENDING",
        `Token awaits its first use to complete a rotation: ${first.record.tokenId}`,
      );
    });

    it("checks its arguments before any work (INVALID_INPUT)", async () => {
      const { pat } = await setup();
      const old = await issued(pat);
      const id = old.record.tokenId;
      await expectPatError(pat.rotate("nope"), "INVALID_INPUT", /tokenId must be 21 characters/);
      for (const graceSeconds of [-1, 1.5, Number.NaN, 366 * 86400 + 1]) {
        await expectPatError(
          pat.rotate(id, { graceSeconds }),
          "INVALID_INPUT",
          /graceSeconds must be an integer from 0 to 31622400/,
        );
      }
      await expectPatError(
        pat.rotate(id, { untilFirstUse: "yes" as unknown as boolean }),
        "INVALID_INPUT",
        "untilFirstUse must be a boolean (got string)",
      );
      await expectPatError(
        pat.rotate(id, null as unknown as object),
        "INVALID_INPUT",
        "rotate options must be an object (got null)",
      );
      expect((await pat.verify(old.token)).valid).toBe(true);
    });
  });
}
