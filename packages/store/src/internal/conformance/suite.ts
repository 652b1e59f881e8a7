/**
 * The conformance suite of the TokenStore port: every documented behaviour of `port.ts`,
 * including the concurrency guarantees, checked against what the harness's back door (`peek`)
 * shows was persisted. Each test asks the factory for a fresh store, so tests share nothing and
 * run in any order.
 */
import { describe, expect, it } from "vitest";
import type { TokenRecord, TokenStore } from "../../port.js";
import { validateRecord } from "../record.js";
import {
  collect,
  makeRecord,
  NEXT_YEAR,
  newTokenId,
  NOW,
  PHC_A,
  PHC_B,
  rolesOf,
  sorted,
} from "./fixtures.js";

/** What the suite needs of an adapter under test. */
export interface TokenStoreHarness {
  /** A store over fresh, empty storage. */
  readonly store: TokenStore;
  /** Reads the stored item directly from storage (not through the store), or `null`. */
  peek(tokenId: string): Promise<Record<string, unknown> | null>;
  /** Writes an item directly to storage, bypassing validation (to plant invalid items). */
  putRaw(item: Record<string, unknown>): Promise<void>;
  /** Frees the storage (drops the table, ...). */
  cleanup?(): Promise<void>;
}

/** Builds a fresh harness per test. */
export type TokenStoreHarnessFactory = () => Promise<TokenStoreHarness>;

function invalidOwnerItem(): Record<string, unknown> {
  return { ...makeRecord(), roles: undefined, owner: "x".repeat(101) };
}

async function seed(store: TokenStore, records: TokenRecord[]): Promise<void> {
  // A few at a time: enough parallelism to be quick, not enough to throttle a local endpoint.
  for (let i = 0; i < records.length; i += 25) {
    await Promise.all(records.slice(i, i + 25).map((r) => store.create(r)));
  }
}

export function describeTokenStoreConformance(
  name: string,
  factory: TokenStoreHarnessFactory,
): void {
  async function use(fn: (harness: TokenStoreHarness) => Promise<void>): Promise<void> {
    const harness = await factory();
    try {
      await fn(harness);
    } finally {
      await harness.cleanup?.();
    }
  }

  describe(`${name}: TokenStore conformance`, () => {
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

    describe("update", () => {
      it("sets owner, isAdmin, secretPhc and expiresAt in one write", () =>
        use(async ({ store, peek }) => {
          const record = makeRecord();
          await store.create(record);
          const updated = await store.update(record.tokenId, {
            owner: "bob",
            isAdmin: true,
            secretPhc: PHC_B,
            expiresAt: NEXT_YEAR,
          });
          const expected = {
            ...record,
            owner: "bob",
            isAdmin: true,
            secretPhc: PHC_B,
            expiresAt: NEXT_YEAR,
          };
          expect(updated).toEqual(expected);
          expect(await store.get(record.tokenId)).toEqual(expected);
          expect((await peek(record.tokenId))?.secretPhc).toBe(PHC_B);
        }));

      it("clears the expiry with expiresAt: null, stored and read back as null", () =>
        use(async ({ store, peek }) => {
          const record = makeRecord({ expiresAt: NEXT_YEAR });
          await store.create(record);
          const updated = await store.update(record.tokenId, { expiresAt: null });
          expect(updated?.expiresAt).toBeNull();
          expect((await store.get(record.tokenId))?.expiresAt).toBeNull();
          expect((await peek(record.tokenId))?.expiresAt).toBeNull();
          // A cleared expiry is no expiry: a revoke with a cleanup time sets one, restore clears it.
          await store.revoke(record.tokenId, { revokedAt: NOW, cleanupAt: NOW + 60 });
          expect((await store.get(record.tokenId))?.expiresAt).toBe(NOW + 60);
          await store.restore(record.tokenId);
          expect((await store.get(record.tokenId))?.expiresAt ?? null).toBeNull();
        }));

      it("replaces roles with an array and clears them with []", () =>
        use(async ({ store, peek }) => {
          const record = makeRecord({ roles: ["a", "b"] });
          await store.create(record);
          const replaced = await store.update(record.tokenId, { roles: ["c", "d"] });
          expect(sorted(replaced?.roles ?? [])).toEqual(["c", "d"]);
          expect(rolesOf(await peek(record.tokenId))).toEqual(["c", "d"]);
          const cleared = await store.update(record.tokenId, { roles: [] });
          expect(cleared).not.toHaveProperty("roles");
          expect((await peek(record.tokenId))?.roles).toBeUndefined();
        }));

      it("adds and removes roles as idempotent set operations", () =>
        use(async ({ store, peek }) => {
          const record = makeRecord({ roles: ["a"] });
          await store.create(record);
          const added = await store.update(record.tokenId, { roles: { add: ["a", "b", "b"] } });
          expect(sorted(added?.roles ?? [])).toEqual(["a", "b"]);
          await store.update(record.tokenId, { roles: { add: ["b"] } });
          expect(rolesOf(await peek(record.tokenId))).toEqual(["a", "b"]);
          const removed = await store.update(record.tokenId, { roles: { remove: ["a", "zz"] } });
          expect(removed?.roles).toEqual(["b"]);
          await store.update(record.tokenId, { roles: { remove: ["b"] } });
          expect((await peek(record.tokenId))?.roles).toBeUndefined();
          const again = await store.update(record.tokenId, { roles: { remove: ["b"] } });
          expect(again).not.toHaveProperty("roles");
          const fresh = await store.update(record.tokenId, { roles: { add: ["x"] } });
          expect(fresh?.roles).toEqual(["x"]);
        }));

      it("treats an empty add or remove as a no-op", () =>
        use(async ({ store }) => {
          const record = makeRecord({ roles: ["a"] });
          await store.create(record);
          expect((await store.update(record.tokenId, { roles: { add: [] } }))?.roles).toEqual([
            "a",
          ]);
          expect((await store.update(record.tokenId, { roles: { remove: [] } }))?.roles).toEqual([
            "a",
          ]);
        }));

      it("refuses add and remove at once, and roles beyond the limits, writing nothing", () =>
        use(async ({ store }) => {
          const record = makeRecord({ roles: Array.from({ length: 49 }, (_, i) => `r${i}`) });
          await store.create(record);
          const both = { add: ["x"], remove: ["r0"] } as unknown as { add: string[] };
          await expect(store.update(record.tokenId, { roles: both })).rejects.toMatchObject({
            code: "INVALID_INPUT",
          });
          await expect(
            store.update(record.tokenId, { roles: { add: ["x", "y"] } }),
          ).rejects.toMatchObject({
            code: "INVALID_INPUT",
            message: "roles would hold more than 50 roles",
          });
          await expect(
            store.update(record.tokenId, { roles: ["x".repeat(101)] }),
          ).rejects.toMatchObject({ code: "INVALID_INPUT" });
          expect((await store.get(record.tokenId))?.roles).toHaveLength(49);
          // Adding a role already held and one new role reaches exactly 50: allowed.
          const full = await store.update(record.tokenId, { roles: { add: ["r0", "x"] } });
          expect(full?.roles).toHaveLength(50);
        }));

      it("writes only when expectedSecretPhc matches, else resolves null", () =>
        use(async ({ store, peek }) => {
          const record = makeRecord();
          await store.create(record);
          const stale = await store.update(
            record.tokenId,
            { secretPhc: PHC_B, owner: "mallory" },
            { expectedSecretPhc: "$scrypt$other" },
          );
          expect(stale).toBeNull();
          expect((await peek(record.tokenId))?.owner).toBe("alice");
          const fresh = await store.update(
            record.tokenId,
            { secretPhc: PHC_B },
            { expectedSecretPhc: PHC_A },
          );
          expect(fresh?.secretPhc).toBe(PHC_B);
        }));

      it("resolves null for a repeated conditional rotation: the first one consumed the PHC", () =>
        use(async ({ store }) => {
          const record = makeRecord();
          await store.create(record);
          const rotate = (): Promise<TokenRecord | null> =>
            store.update(record.tokenId, { secretPhc: PHC_B }, { expectedSecretPhc: PHC_A });
          const first = await rotate();
          expect(first?.secretPhc).toBe(PHC_B);
          expect(first && Object.keys(first).sort()).toEqual(Object.keys(record).sort());
          expect(await rotate()).toBeNull();
          const racing = await Promise.all([1, 2, 3, 4].map(() => store.get(record.tokenId)));
          expect(racing.every((r) => r?.secretPhc === PHC_B)).toBe(true);
        }));

      it("of 4 concurrent identical conditional rotations, exactly one writes", () =>
        use(async ({ store }) => {
          const record = makeRecord();
          await store.create(record);
          const results = await Promise.all(
            [1, 2, 3, 4].map(() =>
              store.update(record.tokenId, { secretPhc: PHC_B }, { expectedSecretPhc: PHC_A }),
            ),
          );
          expect(results.filter((r) => r !== null)).toHaveLength(1);
        }));

      it("throws TOKEN_NOT_FOUND for an absent id and never creates a record", () =>
        use(async ({ store, peek }) => {
          const tokenId = newTokenId();
          for (const changes of [{ owner: "bob" }, {}, { roles: { add: [] } }]) {
            await expect(store.update(tokenId, changes)).rejects.toMatchObject({
              code: "TOKEN_NOT_FOUND",
              message: `Token not found: ${tokenId}`,
            });
          }
          await expect(
            store.update(tokenId, { owner: "bob" }, { expectedSecretPhc: PHC_A }),
          ).rejects.toMatchObject({ code: "TOKEN_NOT_FOUND" });
          expect(await peek(tokenId)).toBeNull();
        }));

      it("resolves the record unchanged for empty changes on an existing id", () =>
        use(async ({ store }) => {
          const record = makeRecord({ roles: ["a"] });
          await store.create(record);
          expect(await store.update(record.tokenId, {})).toEqual(record);
        }));

      it("applies 100 concurrent role adds and removes exactly", () =>
        use(async ({ store, peek }) => {
          const keep = ["k0", "k1", "k2", "k3", "k4"];
          const drop = Array.from({ length: 20 }, (_, i) => `d${i}`);
          const add = Array.from({ length: 20 }, (_, i) => `a${i}`);
          const never = Array.from({ length: 20 }, (_, i) => `n${i}`);
          const record = makeRecord({ roles: [...keep, ...drop] });
          await store.create(record);
          const ops = [
            ...add.map((r) => ({ add: [r] })),
            ...add.map((r) => ({ add: [r] })),
            ...drop.map((r) => ({ remove: [r] })),
            ...drop.map((r) => ({ remove: [r] })),
            ...never.map((r) => ({ remove: [r] })),
          ];
          expect(ops).toHaveLength(100);
          await Promise.all(ops.map((roles) => store.update(record.tokenId, { roles })));
          expect(rolesOf(await peek(record.tokenId))).toEqual(sorted([...keep, ...add]));
        }));
    });

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
          expect(sorted(found.map((r) => r.tokenId))).toEqual(
            sorted(readers.map((r) => r.tokenId)),
          );
          expect(await collect(store.scan({ hasRole: "nobody" }))).toEqual([]);
        }));

      it("yields nothing from an empty store and refuses a bad pageSize", () =>
        use(async ({ store }) => {
          expect(await collect(store.scan())).toEqual([]);
          await expect(collect(store.scan({ pageSize: 0 }))).rejects.toMatchObject({
            code: "INVALID_INPUT",
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
          const results = await Promise.all(
            [1, 2, 3, 4].map(() => store.createFirst({ ...record })),
          );
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
  });
}
