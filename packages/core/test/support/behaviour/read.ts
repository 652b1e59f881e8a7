/**
 * The Pat behaviour suite, list, listByOwner, batchLoad and getCount: paging, filters, limits and
 * views (no `secretPhc` unless asked).
 */
import { describe, expect, it } from "vitest";
import { generateTokenId } from "@pat/crypto";
import { MAX_BATCH_IDS } from "../../../src/index.js";
import { CountingStore } from "../counting-store.js";
import { expectPatError } from "../hygiene.js";
import { T0, collect, makePat, secretFixture, type BehaviourContext } from "./fixtures.js";

/** Registers this group of the behaviour suite (see `index.ts`). */
export function describeRead(context: BehaviourContext): void {
  const { setup, issued } = context;
  describe("list and listByOwner", () => {
    async function populated() {
      const ctx = await setup();
      const fixture = await secretFixture();
      const ids: string[] = [];
      await Promise.all(
        Array.from({ length: 25 }, async (_, i) => {
          const tokenId = generateTokenId();
          ids.push(tokenId);
          await ctx.pat.register({
            tokenId,
            secretPhc: fixture.phc,
            owner: i % 5 === 0 ? "owner-a" : "owner-b",
            roles: i % 3 === 0 ? ["admin", "reader"] : ["reader"],
          });
        }),
      );
      return { ...ctx, ids, phc: fixture.phc };
    }

    it("yields every token once, without secretPhc", async () => {
      const { pat, ids } = await populated();
      const records = await collect(pat.list());
      expect(records.map((r) => r.tokenId).sort()).toEqual([...ids].sort());
      for (const record of records) expect(record).not.toHaveProperty("secretPhc");
    });

    it("includes secretPhc when asked", async () => {
      const { pat, phc } = await populated();
      const records = await collect(pat.list({ includeSecretPhc: true }));
      expect(records).toHaveLength(25);
      for (const record of records) expect(record.secretPhc).toBe(phc);
    });

    it("pages with afterTokenId and limit, seeing each token exactly once", async () => {
      const { pat, ids } = await populated();
      const seen: string[] = [];
      let after: string | undefined;
      for (let page = 0; page < 10; page++) {
        const records = await collect(
          pat.list({ limit: 7, ...(after === undefined ? {} : { afterTokenId: after }) }),
        );
        expect(records.length).toBeLessThanOrEqual(7);
        if (records.length === 0) break;
        seen.push(...records.map((r) => r.tokenId));
        after = records.at(-1)?.tokenId;
      }
      expect(seen).toHaveLength(25);
      expect([...seen].sort()).toEqual([...ids].sort());
    });

    it("asks storage for pages of batchLimit records, yielding the same records", async () => {
      const { store, ids } = await populated();
      const counting = new CountingStore(store);
      const pageSizes: (number | undefined)[] = [];
      const scan = counting.scan.bind(counting);
      counting.scan = (options) => {
        pageSizes.push(options?.pageSize);
        return scan(options);
      };
      const { pat } = makePat(counting);
      const records = await collect(pat.list({ batchLimit: 4 }));
      expect(records.map((r) => r.tokenId).sort()).toEqual([...ids].sort());
      expect(await collect(pat.list({ batchLimit: 10, limit: 3 }))).toHaveLength(3);
      expect(await collect(pat.list({ batchLimit: 2, limit: 5 }))).toHaveLength(5);
      expect(await collect(pat.list({ batchLimit: 2, hasRole: "admin" }))).toHaveLength(9);
      expect(await collect(pat.list())).toHaveLength(25);
      expect(await collect(pat.list({ limit: 7 }))).toHaveLength(7);
      expect(await collect(pat.list({ limit: 7, hasRole: "admin" }))).toHaveLength(7);
      // No batchLimit: the storage's own page size, or the limit when nothing is filtered.
      expect(pageSizes).toEqual([4, 3, 2, 2, undefined, 7, undefined]);
      await expectPatError(() => pat.list({ batchLimit: 0 }), "INVALID_INPUT", /batchLimit/);
      await expectPatError(() => pat.list({ batchLimit: 2.5 }), "INVALID_INPUT", /batchLimit/);
      await expectPatError(
        () => pat.listByOwner("owner-a", { batchLimit: -1 }),
        "INVALID_INPUT",
        /batchLimit/,
      );
    });

    it("stops at limit, and limit 0 yields nothing", async () => {
      const { pat } = await populated();
      expect(await collect(pat.list({ limit: 3 }))).toHaveLength(3);
      expect(await collect(pat.list({ limit: 0 }))).toHaveLength(0);
    });

    it("filters by role with hasRole", async () => {
      const { pat } = await populated();
      const admins = await collect(pat.list({ hasRole: "admin" }));
      expect(admins).toHaveLength(9);
      for (const record of admins) expect(record.roles).toContain("admin");
      expect(await collect(pat.list({ hasRole: "admin", limit: 4 }))).toHaveLength(4);
      expect(await collect(pat.list({ hasRole: "nobody" }))).toHaveLength(0);
    });

    it("lists one owner's tokens with listByOwner", async () => {
      const { pat } = await populated();
      const mine = await collect(pat.listByOwner("owner-a"));
      expect(mine).toHaveLength(5);
      for (const record of mine) {
        expect(record.owner).toBe("owner-a");
        expect(record).not.toHaveProperty("secretPhc");
      }
      expect(await collect(pat.listByOwner("owner-a", { hasRole: "admin" }))).toHaveLength(2);
      expect(await collect(pat.listByOwner("owner-b", { limit: 2 }))).toHaveLength(2);
      expect(await collect(pat.listByOwner("nobody"))).toHaveLength(0);
      const withPhc = await collect(pat.listByOwner("owner-a", { includeSecretPhc: true }));
      expect(withPhc.every((r) => typeof r.secretPhc === "string")).toBe(true);
    });

    it("includes revoked and expired tokens (the caller filters)", async () => {
      const { pat, clock } = await setup();
      const a = await issued(pat, { owner: "x", expiresAt: T0 + 1 });
      const b = await issued(pat, { owner: "x" });
      await pat.revoke(b.record.tokenId);
      clock.seconds = T0 + 10;
      const records = await collect(pat.list());
      expect(records.map((r) => r.tokenId).sort()).toEqual(
        [a.record.tokenId, b.record.tokenId].sort(),
      );
      expect(records.find((r) => r.tokenId === b.record.tokenId)?.revokedAt).toBe(T0);
    });

    it("refuses bad options with INVALID_INPUT", async () => {
      const { pat } = await setup();
      await expectPatError(() => pat.list({ limit: -1 }), "INVALID_INPUT", /limit/);
      await expectPatError(() => pat.list({ limit: 1.5 }), "INVALID_INPUT", /limit/);
      await expectPatError(() => pat.list({ afterTokenId: "x" }), "INVALID_INPUT", /afterTokenId/);
      await expectPatError(() => pat.list({ hasRole: "" }), "INVALID_INPUT", /hasRole/);
      await expectPatError(() => pat.listByOwner(""), "INVALID_INPUT", /owner/);
    });
  });

  describe("batchLoad", () => {
    it("loads 250 ids (200 present, 50 missing) from an array or a Set", async () => {
      const { pat } = await setup();
      const fixture = await secretFixture();
      const present = Array.from({ length: 200 }, () => generateTokenId());
      const missing = Array.from({ length: 50 }, () => generateTokenId());
      for (let i = 0; i < present.length; i += 25) {
        await Promise.all(
          present
            .slice(i, i + 25)
            .map((tokenId) => pat.register({ tokenId, secretPhc: fixture.phc, owner: "bulk" })),
        );
      }
      const ids = [...present, ...missing].sort();
      const result = await pat.batchLoad(ids);
      expect(result.found.map((r) => r.tokenId).sort()).toEqual([...present].sort());
      expect([...result.notFound].sort()).toEqual([...missing].sort());
      for (const record of result.found) expect(record).not.toHaveProperty("secretPhc");

      const fromSet = await pat.batchLoad(new Set([...ids, ...ids]), { includeSecretPhc: true });
      expect(fromSet.found).toHaveLength(200);
      expect(fromSet.notFound).toHaveLength(50);
      for (const record of fromSet.found) expect(record.secretPhc).toBe(fixture.phc);
    });

    it("answers empty for no ids and reads duplicates once", async () => {
      const { pat } = await setup();
      expect(await pat.batchLoad([])).toEqual({ found: [], notFound: [] });
      const { record } = await issued(pat);
      const result = await pat.batchLoad([record.tokenId, record.tokenId]);
      expect(result.found).toHaveLength(1);
      expect(result.notFound).toEqual([]);
    });

    it("refuses a malformed id or a string with INVALID_INPUT", async () => {
      const { pat } = await setup();
      await expectPatError(
        pat.batchLoad([generateTokenId(), "bad"]),
        "INVALID_INPUT",
        /tokenIds\[1\]/,
      );
      await expectPatError(
        pat.batchLoad(generateTokenId() as unknown as string[]),
        "INVALID_INPUT",
        /iterable/,
      );
    });

    it("reads an endless iterable lazily and refuses it at MAX_BATCH_IDS ids", async () => {
      const { pat } = await setup();
      const id = generateTokenId();
      let reads = 0;
      function* endless(): Generator<string> {
        for (;;) {
          reads += 1;
          yield id;
        }
      }
      const started = Date.now();
      await expectPatError(
        pat.batchLoad(endless()),
        "INVALID_INPUT",
        `tokenIds must hold at most ${MAX_BATCH_IDS} token ids (got more)`,
      );
      expect(reads).toBe(MAX_BATCH_IDS + 1);
      expect(Date.now() - started).toBeLessThan(5_000);
    });

    it("refuses a malformed id as soon as it is read, before reading the rest", async () => {
      const { pat } = await setup();
      let reads = 0;
      function* junkThenEndless(): Generator<string> {
        reads += 1;
        yield generateTokenId();
        reads += 1;
        yield "not-an-id";
        for (;;) {
          reads += 1;
          yield generateTokenId();
        }
      }
      const error = await expectPatError(
        pat.batchLoad(junkThenEndless()),
        "INVALID_INPUT",
        "tokenIds[1] must be 21 characters of [A-Za-z0-9] (got a string of 9 characters)",
      );
      expect(error.message).not.toContain("not-an-id");
      expect(reads).toBe(2);
    });

    it("loads exactly MAX_BATCH_IDS ids", async () => {
      const { pat } = await setup();
      const ids = Array.from({ length: MAX_BATCH_IDS }, () => generateTokenId());
      const result = await pat.batchLoad(ids);
      expect(result.found).toEqual([]);
      expect(result.notFound).toHaveLength(MAX_BATCH_IDS);
    });
  });

  describe("getCount", () => {
    // Exact in memory. On DynamoDB it is DescribeTable's ItemCount, which AWS refreshes about
    // every six hours (documented as approximate); DynamoDB Local updates it at once, so the
    // same exact counts hold there and prove the bootstrap marker is left out.
    it("counts tokens, revoked ones included", async () => {
      const { pat } = await setup();
      expect(await pat.getCount()).toBe(0);
      for (let i = 0; i < 5; i++) await issued(pat);
      expect(await pat.getCount()).toBe(5);
      const { record } = await issued(pat);
      await pat.revoke(record.tokenId);
      expect(await pat.getCount()).toBe(6);
    });
  });
}
