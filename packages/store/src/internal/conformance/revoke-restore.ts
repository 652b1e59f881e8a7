/**
 * Conformance of a TokenStore, revoke and restore: idempotence, the cleanup time that never
 * extends an expiry, the expiry given back, racing revokes and restores, and items with NULL
 * attributes as @access-tokens/core writes them.
 */
import { describe, expect, it } from "vitest";
import { validateRecord } from "../token-model/index.js";
import { makeRecord, NEXT_YEAR, newTokenId, NOW } from "./fixtures.js";
import { type Use } from "./harness.js";

/** Declares the tests of this group; `use` runs one test on a fresh harness. */
export function describeRevokeAndRestore(use: Use): void {
  describe("revoke and restore", () => {
    it("revokes idempotently, keeping the first revokedAt and the expiry", () =>
      use(async ({ store, peek }) => {
        const record = makeRecord({ expiresAt: NEXT_YEAR });
        await store.create(record);
        await store.revoke(record.tokenId, { revokedAt: NOW + 1 });
        await store.revoke(record.tokenId, { revokedAt: NOW + 2 });
        const read = await store.get(record.tokenId);
        expect(read?.revokedAt).toBe(NOW + 1);
        expect(read?.expiresAt).toBe(NEXT_YEAR);
        await store.restore(record.tokenId);
        await store.restore(record.tokenId);
        const restored = await store.get(record.tokenId);
        expect(restored).toEqual(record);
        expect((await peek(record.tokenId))?.revokedAt).toBeUndefined();
      }));

    it("shortens the expiry to cleanupAt and restore gives the original back", () =>
      use(async ({ store }) => {
        const record = makeRecord({ expiresAt: NEXT_YEAR });
        await store.create(record);
        await store.revoke(record.tokenId, { revokedAt: NOW, cleanupAt: NOW + 100 });
        expect((await store.get(record.tokenId))?.expiresAt).toBe(NOW + 100);
        await store.revoke(record.tokenId, { revokedAt: NOW + 5, cleanupAt: NOW + 50 });
        const twice = await store.get(record.tokenId);
        expect(twice?.expiresAt).toBe(NOW + 50);
        expect(twice?.revokedAt).toBe(NOW);
        await store.restore(record.tokenId);
        expect(await store.get(record.tokenId)).toEqual(record);
      }));

    it("never extends the expiry: a later cleanupAt leaves it as it is", () =>
      use(async ({ store }) => {
        const record = makeRecord({ expiresAt: NOW + 1000 });
        await store.create(record);
        await store.revoke(record.tokenId, { revokedAt: NOW, cleanupAt: NEXT_YEAR });
        expect((await store.get(record.tokenId))?.expiresAt).toBe(NOW + 1000);
        await store.restore(record.tokenId);
        expect(await store.get(record.tokenId)).toEqual(record);
      }));

    it("gives a token without expiry a cleanup time, and restore removes it again", () =>
      use(async ({ store, peek }) => {
        const record = makeRecord();
        await store.create(record);
        await store.revoke(record.tokenId, { revokedAt: NOW, cleanupAt: NEXT_YEAR });
        expect((await store.get(record.tokenId))?.expiresAt).toBe(NEXT_YEAR);
        await store.restore(record.tokenId);
        expect(await store.get(record.tokenId)).toEqual(record);
        expect((await peek(record.tokenId))?.expiresAt).toBeUndefined();
      }));

    it("keeps an expiry set by update while revoked", () =>
      use(async ({ store }) => {
        const record = makeRecord({ expiresAt: NEXT_YEAR });
        await store.create(record);
        await store.revoke(record.tokenId, { revokedAt: NOW, cleanupAt: NOW + 100 });
        await store.update(record.tokenId, { expiresAt: NOW + 500 });
        await store.restore(record.tokenId);
        expect((await store.get(record.tokenId))?.expiresAt).toBe(NOW + 500);
      }));

    it("leaves a record that is not revoked as it is on restore", () =>
      use(async ({ store }) => {
        const record = makeRecord({ expiresAt: NEXT_YEAR, roles: ["a"] });
        await store.create(record);
        await store.restore(record.tokenId);
        expect(await store.get(record.tokenId)).toEqual(record);
      }));

    it("throws TOKEN_NOT_FOUND for an absent id and creates nothing", () =>
      use(async ({ store, peek }) => {
        const tokenId = newTokenId();
        await expect(store.revoke(tokenId, { revokedAt: NOW })).rejects.toMatchObject({
          code: "TOKEN_NOT_FOUND",
          message: `Token not found: ${tokenId}`,
        });
        await expect(
          store.revoke(tokenId, { revokedAt: NOW, cleanupAt: NEXT_YEAR }),
        ).rejects.toMatchObject({ code: "TOKEN_NOT_FOUND" });
        await expect(store.restore(tokenId)).rejects.toMatchObject({
          code: "TOKEN_NOT_FOUND",
          message: `Token not found: ${tokenId}`,
        });
        expect(await peek(tokenId)).toBeNull();
      }));

    it("leaves a valid record after racing revokes and restores", () =>
      use(async ({ store, peek }) => {
        const record = makeRecord({ expiresAt: NOW + 1000 });
        await store.create(record);
        const ops = Array.from({ length: 40 }, (_, i) => {
          if (i % 2 === 1) return store.restore(record.tokenId);
          const cleanupAt = i % 4 === 0 ? NOW + 100 + i : NEXT_YEAR + i;
          return store.revoke(record.tokenId, { revokedAt: NOW + i, cleanupAt });
        });
        await Promise.all(ops);
        const raced = validateRecord(await peek(record.tokenId));
        expect(raced.expiresAt).toBeLessThanOrEqual(NOW + 1000);
        await store.restore(record.tokenId);
        expect(await store.get(record.tokenId)).toEqual(record);
      }));
  });

  describe("items written by @access-tokens/core", () => {
    it("reads NULL times as @access-tokens/core does: such a token is touched, revoked and restored", () =>
      use(async ({ store, putRaw, peek }) => {
        const { isAdmin: _isAdmin, roles: _roles, ...rest } = makeRecord();
        const item = {
          ...rest,
          roles: undefined,
          revokedAt: null,
          lastUsedAt: null,
          expiresAt: null,
          updatedAt: NOW,
        };
        await putRaw(item);
        const tokenId = item.tokenId;
        // NULL expiresAt stays null (a cleared expiry); NULL lastUsedAt / revokedAt read as absent.
        expect(await store.get(tokenId)).toStrictEqual({
          ...rest,
          isAdmin: false,
          expiresAt: null,
        });
        expect(await store.touch(tokenId, NOW + 1)).toBe("touched");
        await store.revoke(tokenId, { revokedAt: NOW + 2, cleanupAt: NEXT_YEAR });
        const revoked = await store.get(tokenId);
        expect(revoked?.revokedAt).toBe(NOW + 2);
        expect(revoked?.expiresAt).toBe(NEXT_YEAR);
        expect(await store.touch(tokenId, NOW + 3)).toBe("revoked");
        await store.restore(tokenId);
        const restored = await store.get(tokenId);
        expect(restored?.revokedAt).toBeUndefined();
        expect(restored?.expiresAt).toBeUndefined();
        expect(restored?.lastUsedAt).toBe(NOW + 1);
        expect((await peek(tokenId))?.updatedAt).toBe(NOW);
      }));
  });
}
