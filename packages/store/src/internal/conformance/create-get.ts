/**
 * Conformance of a TokenStore, create and get: round trips, duplicates (one winner of 50
 * concurrent creates), invalid records in and out, and copies in and out.
 */
import { describe, expect, it } from "vitest";
import { makeRecord, NEXT_YEAR, newTokenId, NOW, rolesOf, sorted } from "./fixtures.js";
import { invalidOwnerItem, type Use } from "./harness.js";

/** Declares the tests of this group; `use` runs one test on a fresh harness. */
export function describeCreateAndGet(use: Use): void {
  describe("create and get", () => {
    it("stores a record and reads it back unchanged", () =>
      use(async ({ store, peek }) => {
        const record = makeRecord({
          roles: ["reader", "writer"],
          isAdmin: true,
          expiresAt: NEXT_YEAR,
          lastUsedAt: NOW,
        });
        await store.create(record);
        const read = await store.get(record.tokenId);
        expect({ ...read, roles: sorted(read?.roles ?? []) }).toEqual(record);
        expect(Object.keys(read ?? {}).sort()).toEqual(Object.keys(record).sort());
        expect(rolesOf(await peek(record.tokenId))).toEqual(["reader", "writer"]);
      }));

    it("leaves roles absent from the item and the record when there are none", () =>
      use(async ({ store, peek }) => {
        for (const record of [makeRecord(), makeRecord({ roles: [] })]) {
          await store.create(record);
          const item = await peek(record.tokenId);
          expect(item).not.toBeNull();
          expect(item).not.toHaveProperty("roles");
          expect(await store.get(record.tokenId)).not.toHaveProperty("roles");
        }
      }));

    it("resolves null for an absent id", () =>
      use(async ({ store }) => {
        expect(await store.get(newTokenId())).toBeNull();
      }));

    it("refuses a duplicate id with TOKEN_EXISTS and keeps the first record", () =>
      use(async ({ store }) => {
        const first = makeRecord({ owner: "first" });
        await store.create(first);
        const again = store.create({ ...first, owner: "second" });
        await expect(again).rejects.toMatchObject({
          code: "TOKEN_EXISTS",
          message: `Token ID already exists: ${first.tokenId}`,
        });
        expect((await store.get(first.tokenId))?.owner).toBe("first");
      }));

    it("refuses a second create of an identical record with TOKEN_EXISTS", () =>
      use(async ({ store }) => {
        const record = makeRecord({ roles: ["reader"], expiresAt: NEXT_YEAR });
        await store.create(record);
        await expect(store.create({ ...record })).rejects.toMatchObject({
          code: "TOKEN_EXISTS",
        });
        const again = await Promise.allSettled([
          store.create({ ...record }),
          store.create({ ...record }),
        ]);
        for (const r of again) {
          expect(r.status === "rejected" && (r.reason as { code?: unknown }).code).toBe(
            "TOKEN_EXISTS",
          );
        }
        expect(Object.keys((await store.get(record.tokenId)) ?? {}).sort()).toEqual(
          Object.keys(record).sort(),
        );
      }));

    it("refuses an invalid record with INVALID_RECORD and stores nothing", () =>
      use(async ({ store, peek }) => {
        const record = makeRecord({ owner: "" });
        await expect(store.create(record)).rejects.toMatchObject({ code: "INVALID_RECORD" });
        expect(await peek(record.tokenId)).toBeNull();
        const repeated = makeRecord({ roles: ["a", "a"] });
        await expect(store.create(repeated)).rejects.toMatchObject({
          code: "INVALID_RECORD",
          message:
            "Cannot store invalid token record: roles[1] duplicates an earlier role (each role may appear once)",
        });
        expect(await peek(repeated.tokenId)).toBeNull();
      }));

    it("throws INVALID_RECORD when the stored item is invalid", () =>
      use(async ({ store, putRaw }) => {
        const item = invalidOwnerItem();
        await putRaw(item);
        await expect(store.get(item.tokenId as string)).rejects.toMatchObject({
          code: "INVALID_RECORD",
        });
      }));

    it("copies records in and out: mutating an argument or a result changes nothing", () =>
      use(async ({ store }) => {
        const roles = ["a"];
        const record = { ...makeRecord(), roles };
        await store.create(record);
        roles.push("b");
        const read = await store.get(record.tokenId);
        (read?.roles as string[]).push("c");
        expect((await store.get(record.tokenId))?.roles).toEqual(["a"]);
      }));

    it("of 50 concurrent creates of one id, exactly one wins", () =>
      use(async ({ store }) => {
        const tokenId = newTokenId();
        const results = await Promise.allSettled(
          Array.from({ length: 50 }, (_, i) =>
            store.create(makeRecord({ tokenId, owner: `owner${i}` })),
          ),
        );
        const won = results.filter((r) => r.status === "fulfilled");
        const lost = results.filter((r) => r.status === "rejected");
        expect(won).toHaveLength(1);
        for (const r of lost) expect(r.reason).toMatchObject({ code: "TOKEN_EXISTS" });
        const winner = results.findIndex((r) => r.status === "fulfilled");
        expect((await store.get(tokenId))?.owner).toBe(`owner${winner}`);
      }));
  });
}
