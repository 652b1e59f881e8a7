/**
 * Conformance of a TokenStore, touch: its three outcomes, and no stub recreated for an absent id.
 */
import { describe, expect, it } from "vitest";
import { makeRecord, newTokenId, NOW } from "./fixtures.js";
import { type Use } from "./harness.js";

/** Declares the tests of this group; `use` runs one test on a fresh harness. */
export function describeTouch(use: Use): void {
  describe("touch", () => {
    it("sets lastUsedAt on a live record", () =>
      use(async ({ store, peek }) => {
        const record = makeRecord();
        await store.create(record);
        expect(await store.touch(record.tokenId, NOW + 7)).toBe("touched");
        expect((await peek(record.tokenId))?.lastUsedAt).toBe(NOW + 7);
      }));

    it("answers revoked and writes nothing for a revoked record", () =>
      use(async ({ store, peek }) => {
        const record = makeRecord({ lastUsedAt: NOW });
        await store.create(record);
        await store.revoke(record.tokenId, { revokedAt: NOW });
        expect(await store.touch(record.tokenId, NOW + 7)).toBe("revoked");
        expect((await peek(record.tokenId))?.lastUsedAt).toBe(NOW);
      }));

    it("answers not_found and never recreates a stub", () =>
      use(async ({ store, peek }) => {
        const tokenId = newTokenId();
        expect(await store.touch(tokenId, NOW)).toBe("not_found");
        expect(await peek(tokenId)).toBeNull();
      }));
  });
}
