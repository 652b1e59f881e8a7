/**
 * The Pat behaviour suite, update: one atomic write of owner, admin flag, roles (replace, add,
 * remove), secret hash and expiry; refused arguments write nothing; an empty update touches no
 * storage.
 */
import { describe, expect, it } from "vitest";
import { generateTokenId } from "@pat/crypto";
import { type Pat, type TokenRecord } from "../../../src/index.js";
import { CountingStore } from "../counting-store.js";
import { expectPatError } from "../hygiene.js";
import { T0, expectRefused, makePat, secretFixture, type BehaviourContext } from "./fixtures.js";

/** Registers this group of the behaviour suite (see `index.ts`). */
export function describeUpdate(context: BehaviourContext): void {
  const { harness, setup, issued } = context;
  describe("update", () => {
    async function withToken(extra: Partial<Parameters<Pat["issue"]>[0]> = {}) {
      const ctx = await setup();
      const issuedToken = await issued(ctx.pat, { owner: "alice", roles: ["a", "b"], ...extra });
      const read = async (): Promise<TokenRecord> => {
        const record = await ctx.store.get(issuedToken.record.tokenId);
        if (record === null) throw new Error("record vanished");
        return record;
      };
      return { ...ctx, ...issuedToken, id: issuedToken.record.tokenId, read };
    }
    const sorted = (roles: readonly string[] | undefined) => [...(roles ?? [])].sort();

    it("changes owner and isAdmin", async () => {
      const { pat, id, read } = await withToken();
      await pat.update(id, { owner: "bob", isAdmin: true });
      expect(await read()).toMatchObject({ owner: "bob", isAdmin: true });
    });

    it("replaces roles with an array and clears them with []", async () => {
      const { pat, id, read } = await withToken();
      await pat.update(id, { roles: ["x", "y"] });
      expect(sorted((await read()).roles)).toEqual(["x", "y"]);
      await pat.update(id, { roles: [] });
      expect(await read()).not.toHaveProperty("roles");
    });

    it("adds and removes roles as set operations, idempotently", async () => {
      const { pat, id, read } = await withToken();
      await pat.update(id, { roles: { add: ["c", "a"] } });
      await pat.update(id, { roles: { add: ["c"] } });
      expect(sorted((await read()).roles)).toEqual(["a", "b", "c"]);
      await pat.update(id, { roles: { remove: ["a", "zzz"] } });
      await pat.update(id, { roles: { remove: ["a"] } });
      expect(sorted((await read()).roles)).toEqual(["b", "c"]);
      await pat.update(id, { roles: { remove: ["b", "c"] } });
      expect(await read()).not.toHaveProperty("roles");
    });

    it("drops a role repeated within one add or remove list (set operations are idempotent)", async () => {
      const { pat, id, read } = await withToken();
      await pat.update(id, { roles: { add: ["c", "c"] } });
      expect(sorted((await read()).roles)).toEqual(["a", "b", "c"]);
      await pat.update(id, { roles: { remove: ["a", "a"] } });
      expect(sorted((await read()).roles)).toEqual(["b", "c"]);
    });

    it("refuses add and remove together with INVALID_INPUT", async () => {
      const { pat, id, read } = await withToken();
      await expectPatError(
        pat.update(id, { roles: { add: ["x"], remove: ["a"] } as unknown as { add: string[] } }),
        "INVALID_INPUT",
        /add and remove/,
      );
      expect(sorted((await read()).roles)).toEqual(["a", "b"]);
    });

    it("treats an empty add or remove list as a no-op", async () => {
      const { pat, id, read, store } = await withToken();
      const before = await read();
      await pat.update(id, { roles: { add: [] } });
      await pat.update(id, { roles: { remove: [] } });
      expect(await read()).toEqual(before);
      expect(store).toBeDefined();
    });

    it("sets expiresAt and clears it with null, which reads back as null", async () => {
      const { pat, id, read, token } = await withToken();
      await pat.update(id, { expiresAt: T0 + 500 });
      expect((await read()).expiresAt).toBe(T0 + 500);
      await pat.update(id, { expiresAt: null });
      expect((await read()).expiresAt).toBeNull();
      const verified = await pat.verify(token);
      expect(verified.valid).toBe(true);
      expect(verified.record?.expiresAt).toBeNull();
    });

    it("replaces the secret hash, so the old token stops verifying", async () => {
      const { pat, id, token } = await withToken();
      const replacement = await secretFixture();
      await pat.update(id, { secretPhc: replacement.phc });
      expectRefused(await pat.verify(token), "invalid_secret");
      expect((await pat.verify(replacement.tokenFor(id))).valid).toBe(true);
    });

    it("applies several changes at once", async () => {
      const { pat, id, read } = await withToken();
      await pat.update(id, { owner: "zed", roles: { add: ["admin"] }, expiresAt: T0 + 9 });
      const record = await read();
      expect(record).toMatchObject({ owner: "zed", expiresAt: T0 + 9 });
      expect(sorted(record.roles)).toEqual(["a", "admin", "b"]);
    });

    it("throws TOKEN_NOT_FOUND for a missing token and creates nothing", async () => {
      const { pat, store } = await setup();
      const id = generateTokenId();
      await expectPatError(
        pat.update(id, { owner: "x" }),
        "TOKEN_NOT_FOUND",
        `Token not found: ${id}`,
      );
      await expectPatError(
        pat.update(id, { roles: { add: ["r"] } }),
        "TOKEN_NOT_FOUND",
        `Token not found: ${id}`,
      );
      expect(await store.get(id)).toBeNull();
    });

    it("does nothing and does not touch storage for an empty update", async () => {
      const inner = await harness.newStore();
      const store = new CountingStore(inner);
      const { pat } = makePat(store);
      await pat.update(generateTokenId(), {});
      await pat.update(generateTokenId(), { roles: { add: [] } });
      expect(store.total()).toBe(0);
    });

    it.each([
      ["an empty owner", { owner: "" }, /owner/],
      ["51 roles", { roles: Array.from({ length: 51 }, (_, i) => `r${i}`) }, /at most 50/],
      [
        "51 roles to add",
        { roles: { add: Array.from({ length: 51 }, (_, i) => `r${i}`) } },
        /roles\.add/,
      ],
      ["a bad role to remove", { roles: { remove: [""] } }, /roles\.remove\[0\]/],
      ["roles that are a string", { roles: "admin" }, /roles/],
      ["a negative expiresAt", { expiresAt: -5 }, /expiresAt/],
      ["an invalid PHC", { secretPhc: "$scrypt$nonsense" }, /^Invalid secret PHC string: /],
      ["a non-boolean isAdmin", { isAdmin: 1 }, /isAdmin/],
      [
        "a repeated role in a replacement",
        { roles: ["x", "x"] },
        /^roles\[1\] duplicates an earlier role/,
      ],
    ])("refuses %s with INVALID_INPUT and writes nothing", async (_label, updates, message) => {
      const { pat, id, read } = await withToken();
      const before = await read();
      await expectPatError(
        pat.update(id, { owner: "changed", ...(updates as object) } as Parameters<
          Pat["update"]
        >[1]),
        "INVALID_INPUT",
        message,
      );
      expect(await read()).toEqual(before);
    });

    it("refuses a malformed token id", async () => {
      const { pat } = await setup();
      await expectPatError(pat.update("nope", { owner: "x" }), "INVALID_INPUT", /tokenId/);
    });
  });
}
