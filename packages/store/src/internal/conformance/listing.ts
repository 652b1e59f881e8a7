/**
 * Conformance of a TokenStore, listings: scan and queryByOwner paging with `afterTokenId` and
 * `hasRole` (invalid items skipped), and batchGet of 250 ids with misses and duplicates.
 */
import { describe, expect, it } from "vitest";
import { collect, makeRecord, newTokenId, sorted } from "./fixtures.js";
import { invalidOwnerItem, seed, type Use } from "./harness.js";

/** Declares the tests of this group; `use` runs one test on a fresh harness. */
export function describeListing(use: Use): void {
  describe("scan", () => {
    it("yields every valid record once, page by page, and resumes after afterTokenId", () =>
      use(async ({ store, putRaw }) => {
        const records = Array.from({ length: 23 }, () => makeRecord());
        await seed(store, records);
        await putRaw(invalidOwnerItem());
        await putRaw({ tokenId: "not-a-token", note: "foreign item" });
        const all = await collect(store.scan({ pageSize: 5 }));
        expect(sorted(all.map((r) => r.tokenId))).toEqual(sorted(records.map((r) => r.tokenId)));
        const cut = all[9]?.tokenId as string;
        const rest = await collect(store.scan({ pageSize: 4, afterTokenId: cut }));
        expect(rest.map((r) => r.tokenId)).toEqual(all.slice(10).map((r) => r.tokenId));
        const byId = new Map(records.map((r) => [r.tokenId, r]));
        for (const r of all) expect(r).toEqual(byId.get(r.tokenId));
      }));

    it("filters by role with hasRole", () =>
      use(async ({ store }) => {
        const readers = Array.from({ length: 6 }, () => makeRecord({ roles: ["reader", "x"] }));
        const others = Array.from({ length: 7 }, () => makeRecord({ roles: ["writer"] }));
        await seed(store, [...readers, ...others, makeRecord()]);
        const found = await collect(store.scan({ hasRole: "reader", pageSize: 3 }));
        expect(sorted(found.map((r) => r.tokenId))).toEqual(sorted(readers.map((r) => r.tokenId)));
        expect(await collect(store.scan({ hasRole: "nobody" }))).toEqual([]);
      }));

    it("yields nothing from an empty store and refuses a bad pageSize", () =>
      use(async ({ store }) => {
        expect(await collect(store.scan())).toEqual([]);
        await expect(collect(store.scan({ pageSize: 0 }))).rejects.toMatchObject({
          code: "INVALID_INPUT",
        });
      }));

    it("refuses, when iterated, an afterTokenId that is not a token id and a hasRole that is not a role", () =>
      use(async ({ store }) => {
        await seed(store, [makeRecord({ roles: ["reader"] })]);
        const listings = [
          (options: object) => store.scan(options),
          (options: object) => store.queryByOwner("alice", options),
        ];
        for (const list of listings) {
          await expect(collect(list({ afterTokenId: "abc" }))).rejects.toMatchObject({
            code: "INVALID_INPUT",
            message:
              "afterTokenId must be 21 characters of [A-Za-z0-9] (got a string of 3 characters)",
          });
          await expect(collect(list({ hasRole: "r".repeat(101) }))).rejects.toMatchObject({
            code: "INVALID_INPUT",
            message:
              "hasRole must be a string of 1-100 characters (got a string of 101 characters)",
          });
        }
        await expect(collect(store.queryByOwner(""))).rejects.toMatchObject({
          code: "INVALID_INPUT",
          message: "owner must be a string of 1-100 characters (got a string of 0 characters)",
        });
      }));
  });

  describe("queryByOwner", () => {
    it("yields exactly the owner's valid records, pages, resumes and filters by role", () =>
      use(async ({ store, putRaw }) => {
        const mine = Array.from({ length: 9 }, (_, i) =>
          makeRecord({ owner: "carol", roles: i % 3 === 0 ? ["ops"] : [] }),
        );
        const theirs = Array.from({ length: 5 }, () => makeRecord({ owner: "dave" }));
        await seed(store, [...mine, ...theirs]);
        await putRaw({ ...makeRecord({ owner: "carol" }), roles: undefined, createdAt: -1 });
        const all = await collect(store.queryByOwner("carol", { pageSize: 2 }));
        expect(sorted(all.map((r) => r.tokenId))).toEqual(sorted(mine.map((r) => r.tokenId)));
        const cut = all[3]?.tokenId as string;
        const rest = await collect(store.queryByOwner("carol", { afterTokenId: cut }));
        expect(rest.map((r) => r.tokenId)).toEqual(all.slice(4).map((r) => r.tokenId));
        const ops = await collect(store.queryByOwner("carol", { hasRole: "ops" }));
        expect(ops).toHaveLength(3);
        expect(await collect(store.queryByOwner("nobody"))).toEqual([]);
      }));
  });

  describe("batchGet", () => {
    it("reads 250 ids with misses and duplicates, each once, in request order", () =>
      use(async ({ store, putRaw }) => {
        const records = Array.from({ length: 150 }, (_, i) =>
          makeRecord({ roles: i % 2 ? ["odd"] : [] }),
        );
        await seed(store, records);
        const bad = invalidOwnerItem();
        await putRaw(bad);
        const missing = Array.from({ length: 49 }, () => newTokenId());
        const ids = [
          ...records.map((r) => r.tokenId),
          ...missing,
          bad.tokenId as string,
          ...records.slice(0, 50).map((r) => r.tokenId),
        ];
        // A fixed interleaving so request order differs from creation order.
        const order = ids.map((id, i) => ({ id, key: (i * 7919) % ids.length }));
        order.sort((a, b) => a.key - b.key);
        const request = order.map((o) => o.id);
        expect(request).toHaveLength(250);
        const result = await store.batchGet(request);
        const firstSeen = [...new Set(request)];
        const existing = new Set(records.map((r) => r.tokenId));
        expect(result.found.map((r) => r.tokenId)).toEqual(
          firstSeen.filter((id) => existing.has(id)),
        );
        expect(result.notFound).toEqual(firstSeen.filter((id) => !existing.has(id)));
        const byId = new Map(records.map((r) => [r.tokenId, r]));
        for (const r of result.found) {
          expect({ ...r, roles: sorted(r.roles ?? []) }).toEqual(byId.get(r.tokenId));
        }
      }));

    it("resolves empty lists for no ids", () =>
      use(async ({ store }) => {
        expect(await store.batchGet([])).toEqual({ found: [], notFound: [] });
      }));
  });
}
