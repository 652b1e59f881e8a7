/**
 * Conformance of a TokenStore, update: every form of change in one write, role set operations and
 * their limits, `expectedSecretPhc` (repeated and concurrent rotations), absent ids, and 100
 * concurrent role changes.
 */
import { describe, expect, it } from "vitest";
import type { TokenRecord } from "../../port.js";
import {
  makeRecord,
  NEXT_YEAR,
  newTokenId,
  NOW,
  PHC_A,
  PHC_B,
  rolesOf,
  sorted,
} from "./fixtures.js";
import { type Use } from "./harness.js";

/** Declares the tests of this group; `use` runs one test on a fresh harness. */
export function describeUpdate(use: Use): void {
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
        expect((await store.update(record.tokenId, { roles: { add: [] } }))?.roles).toEqual(["a"]);
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
          message: "roles cannot add and remove in one update; use two updates",
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

    it("refuses a repeated role in a replacement list, and drops repeats from an add or remove", () =>
      use(async ({ store, peek }) => {
        const record = makeRecord({ roles: ["a"] });
        await store.create(record);
        await expect(
          store.update(record.tokenId, { roles: ["b", "c", "b"] }),
        ).rejects.toMatchObject({
          code: "INVALID_INPUT",
          message: "roles[2] duplicates an earlier role (each role may appear once)",
        });
        expect(rolesOf(await peek(record.tokenId))).toEqual(["a"]);
        const added = await store.update(record.tokenId, { roles: { add: ["b", "b"] } });
        expect(sorted(added?.roles ?? [])).toEqual(["a", "b"]);
        const removed = await store.update(record.tokenId, { roles: { remove: ["a", "a"] } });
        expect(removed?.roles).toEqual(["b"]);
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
}
