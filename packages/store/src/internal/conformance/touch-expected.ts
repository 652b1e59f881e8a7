/**
 * Conformance of a TokenStore, touch with the record a verify read: it writes only while every
 * field a verify answer depends on still holds what was read, answers `changed` (writing nothing)
 * after any change of one of them, and ignores `lastUsedAt` moved by another verify. Items in
 * the forms @access-tokens/core may have written (roles as a list, no `isAdmin`, NULL expiry)
 * are confirmed too.
 */
import { describe, expect, it } from "vitest";
import type { TokenChanges, TokenRecord } from "../../port.js";
import { makeRecord, NEXT_YEAR, NOW, PHC_B } from "./fixtures.js";
import { type Use } from "./harness.js";

const CHANGES: ReadonlyArray<readonly [string, TokenChanges]> = [
  ["secretPhc", { secretPhc: PHC_B }],
  ["expiresAt (to the past)", { expiresAt: NOW - 10 }],
  ["expiresAt (cleared)", { expiresAt: null }],
  ["isAdmin", { isAdmin: false }],
  ["roles (replaced)", { roles: [] }],
  ["roles (one added)", { roles: { add: ["writer"] } }],
  ["owner", { owner: "mallory" }],
];

/** Declares the tests of this group; `use` runs one test on a fresh harness. */
export function describeTouchExpected(use: Use): void {
  describe("touch with the record read", () => {
    const live = (): TokenRecord =>
      makeRecord({ isAdmin: true, roles: ["reader", "admin"], expiresAt: NEXT_YEAR });

    it("writes when nothing changed, whatever order the roles were read in", () =>
      use(async ({ store, peek }) => {
        const record = live();
        await store.create(record);
        const read = { ...record, roles: ["admin", "reader"] };
        expect(await store.touch(record.tokenId, NOW + 7, read)).toBe("touched");
        expect((await peek(record.tokenId))?.lastUsedAt).toBe(NOW + 7);
      }));

    it("writes after another verify moved lastUsedAt", () =>
      use(async ({ store, peek }) => {
        const record = live();
        await store.create(record);
        const read = await store.get(record.tokenId);
        expect(await store.touch(record.tokenId, NOW + 3)).toBe("touched");
        expect(await store.touch(record.tokenId, NOW + 4, read ?? undefined)).toBe("touched");
        expect((await peek(record.tokenId))?.lastUsedAt).toBe(NOW + 4);
      }));

    for (const [field, changes] of CHANGES) {
      it(`answers changed and writes nothing after a change of ${field}`, () =>
        use(async ({ store, peek }) => {
          const record = live();
          await store.create(record);
          const read = await store.get(record.tokenId);
          await store.update(record.tokenId, changes);
          expect(await store.touch(record.tokenId, NOW + 7, read ?? undefined)).toBe("changed");
          expect((await peek(record.tokenId))?.lastUsedAt).toBeUndefined();
        }));
    }

    it("answers revoked before changed, not_found for a deleted record", () =>
      use(async ({ store }) => {
        const record = live();
        await store.create(record);
        await store.update(record.tokenId, { owner: "mallory" });
        await store.revoke(record.tokenId, { revokedAt: NOW });
        expect(await store.touch(record.tokenId, NOW + 7, record)).toBe("revoked");
        expect(await store.touch(makeRecord().tokenId, NOW + 7, record)).toBe("not_found");
      }));

    it("answers revoked for a record read just before a revoke or a rotation without grace", () =>
      use(async ({ store, peek }) => {
        const revoked = live();
        await store.create(revoked);
        const readBeforeRevoke = await store.get(revoked.tokenId);
        await store.revoke(revoked.tokenId, { revokedAt: NOW });
        expect(await store.touch(revoked.tokenId, NOW + 7, readBeforeRevoke ?? undefined)).toBe(
          "revoked",
        );
        const rotated = live();
        await store.create(rotated);
        const readBeforeRotation = await store.get(rotated.tokenId);
        await store.rotate(rotated.tokenId, {
          successorId: makeRecord().tokenId,
          secretPhc: PHC_B,
          rotatedAt: NOW,
          graceEndsAt: NOW,
          untilFirstUse: false,
        });
        expect(await store.touch(rotated.tokenId, NOW + 7, readBeforeRotation ?? undefined)).toBe(
          "revoked",
        );
        expect((await peek(revoked.tokenId))?.lastUsedAt).toBeUndefined();
        expect((await peek(rotated.tokenId))?.lastUsedAt).toBeUndefined();
      }));

    it("confirms items in the forms @access-tokens/core may have written", () =>
      use(async ({ store, peek, putRaw }) => {
        const bare = makeRecord();
        await putRaw({ ...bare, expiresAt: null, roles: ["b", "a"] });
        const read = await store.get(bare.tokenId);
        expect(read).toMatchObject({ isAdmin: false, expiresAt: null, roles: ["b", "a"] });
        expect(await store.touch(bare.tokenId, NOW + 7, read ?? undefined)).toBe("touched");
        const noAdmin: Record<string, unknown> = { ...makeRecord() };
        delete noAdmin.isAdmin;
        await putRaw(noAdmin);
        const second = await store.get(noAdmin.tokenId as string);
        expect(await store.touch(second?.tokenId ?? "", NOW + 8, second ?? undefined)).toBe(
          "touched",
        );
        expect((await peek(bare.tokenId))?.lastUsedAt).toBe(NOW + 7);
        expect((await peek(noAdmin.tokenId as string))?.lastUsedAt).toBe(NOW + 8);
      }));
  });
}
