/**
 * Conformance of a TokenStore, approximateCount, isEmpty and createFirst: the first token stored
 * once, also under concurrent calls with the same or different records.
 */
import { describe, expect, it } from "vitest";
import { collect, makeRecord } from "./fixtures.js";
import { invalidOwnerItem, seed, type Use } from "./harness.js";

/** Declares the tests of this group; `use` runs one test on a fresh harness. */
export function describeBootstrap(use: Use): void {
  describe("approximateCount, isEmpty and createFirst", () => {
    it("counts records approximately as a non-negative integer", () =>
      use(async ({ store }) => {
        await seed(store, [makeRecord(), makeRecord()]);
        const count = await store.approximateCount();
        expect(Number.isSafeInteger(count) && count >= 0).toBe(true);
      }));

    it("is empty until a valid token is stored; invalid items do not count", () =>
      use(async ({ store, putRaw }) => {
        expect(await store.isEmpty()).toBe(true);
        await putRaw(invalidOwnerItem());
        await putRaw({ tokenId: "#something-else" });
        expect(await store.isEmpty()).toBe(true);
        await store.create(makeRecord());
        expect(await store.isEmpty()).toBe(false);
      }));

    it("stores the first token once, and never again", () =>
      use(async ({ store }) => {
        const first = makeRecord({ isAdmin: true });
        expect(await store.createFirst(first)).toBe(true);
        expect(await store.get(first.tokenId)).toEqual(first);
        const second = makeRecord({ isAdmin: true });
        expect(await store.createFirst(second)).toBe(false);
        expect(await store.get(second.tokenId)).toBeNull();
        expect(await store.isEmpty()).toBe(false);
        expect(await collect(store.scan())).toEqual([first]);
      }));

    it("refuses when the store already holds a token", () =>
      use(async ({ store }) => {
        await store.create(makeRecord());
        const first = makeRecord();
        expect(await store.createFirst(first)).toBe(false);
        expect(await store.get(first.tokenId)).toBeNull();
      }));

    it("of 4 concurrent calls with the same record, exactly one answers true", () =>
      use(async ({ store }) => {
        const record = makeRecord({ isAdmin: true });
        const results = await Promise.all([1, 2, 3, 4].map(() => store.createFirst({ ...record })));
        expect(results.filter(Boolean)).toHaveLength(1);
        expect(await collect(store.scan())).toEqual([record]);
        expect(await store.createFirst({ ...record })).toBe(false);
      }));

    it("of 10 concurrent calls with different ids, exactly one stores its token", () =>
      use(async ({ store }) => {
        const records = Array.from({ length: 10 }, () => makeRecord({ isAdmin: true }));
        const results = await Promise.all(records.map((r) => store.createFirst(r)));
        expect(results.filter(Boolean)).toHaveLength(1);
        const winner = records[results.indexOf(true)];
        expect(await collect(store.scan())).toEqual([winner]);
      }));
  });
}
