/**
 * Conformance of a TokenStore, labels: `name`, `description` and `metadata` are stored as extra
 * attributes (a string, a string, a map of strings), read back, set and removed by `update`
 * (metadata replaced whole, `{}` or `null` removes it), kept by revoke, restore and touch,
 * and refused out of bounds before anything is written.
 */
import { describe, expect, it } from "vitest";
import { collect, makeRecord } from "./fixtures.js";
import type { Use } from "./harness.js";

const LABELS = {
  name: "deploy bot",
  description: "Deploys the web app.\nAsk the platform team.",
  metadata: { ticket: "OPS-1234", "team.name": "platform", empty: "" },
};

/** Declares the tests of this group; `use` runs one test on a fresh harness. */
export function describeLabels(use: Use): void {
  describe("labels", () => {
    it("stores name, description and metadata as attributes and reads them back", () =>
      use(async ({ store, peek }) => {
        const record = makeRecord(LABELS);
        await store.create(record);
        expect(await store.get(record.tokenId)).toEqual(record);
        const item = await peek(record.tokenId);
        expect(item).toMatchObject(LABELS);
        expect(await collect(store.scan())).toEqual([record]);
        expect((await store.batchGet([record.tokenId])).found).toEqual([record]);
      }));

    it("sets, replaces and removes labels with update, and keeps them through revoke, restore and touch", () =>
      use(async ({ store, peek }) => {
        const record = makeRecord();
        await store.create(record);
        const set = await store.update(record.tokenId, LABELS);
        expect(set).toEqual({ ...record, ...LABELS });
        const replaced = await store.update(record.tokenId, { metadata: { only: "one" } });
        expect(replaced?.metadata).toEqual({ only: "one" });
        await store.revoke(record.tokenId, { revokedAt: record.createdAt + 1 });
        await store.restore(record.tokenId);
        await store.touch(record.tokenId, record.createdAt + 2);
        expect(await store.get(record.tokenId)).toMatchObject({
          name: LABELS.name,
          description: LABELS.description,
          metadata: { only: "one" },
        });
        const removed = await store.update(record.tokenId, {
          name: null,
          description: null,
          metadata: {},
        });
        expect(removed).toEqual({ ...record, lastUsedAt: record.createdAt + 2 });
        const item = await peek(record.tokenId);
        expect(item).not.toHaveProperty("name");
        expect(item).not.toHaveProperty("description");
        expect(item).not.toHaveProperty("metadata");
      }));

    it("never hands out its own metadata object", () =>
      use(async ({ store }) => {
        const record = makeRecord({ metadata: { a: "1" } });
        await store.create(record);
        const got = await store.get(record.tokenId);
        (got?.metadata as Record<string, string>).a = "changed";
        expect((await store.get(record.tokenId))?.metadata).toEqual({ a: "1" });
      }));

    it("refuses labels out of bounds, naming them, and writes nothing", () =>
      use(async ({ store, peek }) => {
        const cases: [Record<string, unknown>, string][] = [
          [
            { name: "" },
            "name must be a string of 1-100 characters (got a string of 0 characters)",
          ],
          [{ name: "n".repeat(101) }, "name must be a string of 1-100 characters"],
          [{ name: "a\u0000b" }, "name must not contain control characters"],
          [{ description: "d".repeat(1001) }, "description must be a string of 1-1000 characters"],
          [{ metadata: ["x"] }, "metadata must be an object of string values (got an array)"],
          [{ metadata: { "1st": "x" } }, "metadata key #1 must be 1-64 characters"],
          [{ metadata: { ok: 5 } }, "metadata.ok must be a string of 0-500 characters (got 5)"],
          [{ metadata: { ok: "v".repeat(501) } }, "metadata.ok must be a string of 0-500"],
          [
            { metadata: Object.fromEntries(Array.from({ length: 21 }, (_, i) => [`k${i}`, ""])) },
            "metadata must hold at most 20 entries (got 21)",
          ],
        ];
        const record = makeRecord();
        await store.create(record);
        for (const [labels, message] of cases) {
          await expect(store.create(makeRecord(labels))).rejects.toMatchObject({
            code: "INVALID_RECORD",
          });
          const update = store.update(record.tokenId, labels);
          await expect(update).rejects.toMatchObject({ code: "INVALID_INPUT" });
          await expect(update).rejects.toThrow(message);
        }
        expect(await peek(record.tokenId)).not.toHaveProperty("name");
      }));

    it("skips an item with invalid labels in a listing and refuses it on get", () =>
      use(async ({ store, putRaw }) => {
        const bad = { ...makeRecord(), roles: undefined, metadata: { "no spaces": "x" } };
        await putRaw(bad);
        expect(await collect(store.scan())).toEqual([]);
        await expect(store.get(bad.tokenId)).rejects.toMatchObject({ code: "INVALID_RECORD" });
      }));
  });
}
