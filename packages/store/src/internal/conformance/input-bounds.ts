/**
 * Conformance of a TokenStore, hostile input: a batch read of more ids than `MAX_BATCH_IDS` is
 * refused before any read; owners and roles with control or bidi formatting characters are
 * refused when written and still read when already stored.
 */
import { describe, expect, it } from "vitest";
import { InvalidInputError, InvalidRecordError } from "../../errors.js";
import { MAX_BATCH_IDS } from "../token-model/index.js";
import { collect, makeRecord, newTokenId } from "./fixtures.js";
import { seed, type Use } from "./harness.js";

/** Declares the tests of this group; `use` runs one test on a fresh harness. */
export function describeInputBounds(use: Use): void {
  describe("input bounds", () => {
    it("batchGet refuses more than MAX_BATCH_IDS ids with INVALID_INPUT", () =>
      use(async ({ store }) => {
        const record = makeRecord();
        await seed(store, [record]);
        const ids = [record.tokenId, ...Array.from({ length: MAX_BATCH_IDS }, newTokenId)];
        const refused = store.batchGet(ids);
        await expect(refused).rejects.toBeInstanceOf(InvalidInputError);
        await expect(refused).rejects.toThrow(
          `tokenIds must hold at most ${MAX_BATCH_IDS} token ids (got more)`,
        );
      }));

    it("refuses control and bidi characters in a new owner or role, writing nothing", () =>
      use(async ({ store, peek }) => {
        const hostile = makeRecord({ owner: "a\nb\u001b[31mred" });
        await expect(store.create(hostile)).rejects.toBeInstanceOf(InvalidRecordError);
        await expect(store.createFirst(hostile)).rejects.toBeInstanceOf(InvalidRecordError);
        expect(await peek(hostile.tokenId)).toBeNull();
        await expect(store.create(makeRecord({ roles: ["ok", "\u202eevil"] }))).rejects.toThrow(
          /roles\[1\] must not contain control or bidirectional formatting characters/,
        );
        const record = makeRecord({ roles: ["r"] });
        await store.create(record);
        for (const changes of [
          { owner: "x\u0007" },
          { roles: ["\u009b"] },
          { roles: { add: ["a\u2066"] } },
        ]) {
          await expect(store.update(record.tokenId, changes)).rejects.toBeInstanceOf(
            InvalidInputError,
          );
        }
        expect(await store.get(record.tokenId)).toMatchObject({
          owner: record.owner,
          roles: ["r"],
        });
      }));

    it("still reads, lists, finds and cleans up records stored with such characters", () =>
      use(async ({ store, putRaw }) => {
        const owner = "a\nb\u001b[31mred";
        const base = makeRecord();
        await putRaw({ ...base, owner, roles: new Set(["\u202eevil", "fine"]) });
        const loaded = await store.get(base.tokenId);
        expect(loaded?.owner).toBe(owner);
        expect([...(loaded?.roles ?? [])].sort()).toEqual(["fine", "\u202eevil"].sort());
        expect((await collect(store.scan())).map((r) => r.tokenId)).toContain(base.tokenId);
        const byOwner = await collect(store.queryByOwner(owner, { hasRole: "\u202eevil" }));
        expect(byOwner.map((r) => r.tokenId)).toEqual([base.tokenId]);
        expect((await store.batchGet([base.tokenId])).found).toHaveLength(1);
        const cleaned = await store.update(base.tokenId, {
          roles: { remove: ["\u202eevil"] },
        });
        expect(cleaned?.roles).toEqual(["fine"]);
        expect((await store.update(base.tokenId, { owner: "clean" }))?.owner).toBe("clean");
      }));
  });
}
