/**
 * The Pat behaviour suite, revoke and restore: idempotent, with a cleanup time that never extends
 * a token, and restore giving back the expiry the token had.
 */
import { describe, expect, it } from "vitest";
import { generateTokenId } from "@pat/crypto";
import { expectPatError } from "../hygiene.js";
import { T0, expectRefused, type BehaviourContext } from "./fixtures.js";

/** Registers this group of the behaviour suite (see `index.ts`). */
export function describeRevokeRestore(context: BehaviourContext): void {
  const { setup, issued } = context;
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
}
