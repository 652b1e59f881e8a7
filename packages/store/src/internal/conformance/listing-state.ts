/**
 * Conformance of a TokenStore, listing by state: `state` (`active`, `revoked`, `expired`, judged
 * at the caller's `now`) and `expiringBefore` filter scan and queryByOwner, alone, together and
 * with `hasRole`, across pages; bad values are refused when the listing is iterated.
 */
import { describe, expect, it } from "vitest";
import type { ScanOptions, TokenRecord } from "../../port.js";
import { collect, makeRecord, NEXT_YEAR, NOW, sorted } from "./fixtures.js";
import { seed, type Use } from "./harness.js";

/** Five tokens, one per state and expiry shape, all of owner `alice`. */
async function seedStates(use: Parameters<Parameters<Use>[0]>[0]): Promise<{
  soon: TokenRecord;
  later: TokenRecord;
  never: TokenRecord;
  revoked: TokenRecord;
  cleared: TokenRecord;
}> {
  const { store } = use;
  // "now" of the listing is NOW + 100; TTL never sees these times in the past (all are future).
  const soon = makeRecord({ expiresAt: NEXT_YEAR, roles: ["reader"] });
  const later = makeRecord({ expiresAt: NEXT_YEAR + 1000 });
  const never = makeRecord({ roles: ["reader"] });
  const revoked = makeRecord({ expiresAt: NEXT_YEAR + 10 });
  const cleared = makeRecord({ expiresAt: null });
  await seed(store, [soon, later, never, revoked, cleared]);
  await store.revoke(revoked.tokenId, { revokedAt: NOW });
  return { soon, later, never, revoked, cleared };
}

const ids = (records: readonly TokenRecord[]): string[] => sorted(records.map((r) => r.tokenId));

/** Declares the tests of this group; `use` runs one test on a fresh harness. */
export function describeListingByState(use: Use): void {
  describe("listing by state", () => {
    it("filters by state at the given now, in scan and queryByOwner, page by page", () =>
      use(async (harness) => {
        const { store } = harness;
        const t = await seedStates(harness);
        // Judged a second after `soon` expires: it is expired then, without waiting for it.
        const now = NEXT_YEAR;
        for (const list of [
          (o: ScanOptions) => store.scan(o),
          (o: ScanOptions) => store.queryByOwner("alice", o),
        ]) {
          const of = async (o: ScanOptions) => ids(await collect(list({ pageSize: 2, ...o })));
          expect(await of({ state: "active", now })).toEqual(ids([t.later, t.never, t.cleared]));
          expect(await of({ state: "expired", now })).toEqual(ids([t.soon]));
          expect(await of({ state: "revoked" })).toEqual(ids([t.revoked]));
          expect(await of({ state: "active", now: NOW })).toEqual(
            ids([t.soon, t.later, t.never, t.cleared]),
          );
        }
      }));

    it("filters by expiringBefore, alone and with a state and a role", () =>
      use(async (harness) => {
        const { store } = harness;
        const t = await seedStates(harness);
        const of = async (o: ScanOptions) => ids(await collect(store.scan(o)));
        expect(await of({ expiringBefore: NEXT_YEAR + 11 })).toEqual(ids([t.soon, t.revoked]));
        expect(await of({ expiringBefore: NEXT_YEAR })).toEqual([]);
        expect(await of({ expiringBefore: NEXT_YEAR + 2000, state: "active", now: NOW })).toEqual(
          ids([t.soon, t.later]),
        );
        expect(
          await of({
            expiringBefore: NEXT_YEAR + 2000,
            hasRole: "reader",
            state: "active",
            now: NOW,
          }),
        ).toEqual(ids([t.soon]));
        expect(await of({ hasRole: "reader", state: "active", now: NOW })).toEqual(
          ids([t.soon, t.never]),
        );
      }));

    it("refuses a bad state, a state that needs now without it, and bad times", () =>
      use(async ({ store }) => {
        await seed(store, [makeRecord()]);
        const bad: [ScanOptions, string][] = [
          [{ state: "gone" as "active" }, 'state must be "active", "revoked" or "expired"'],
          [{ state: "active" }, 'state "active" needs now (the time to judge expiry at)'],
          [{ state: "expired" }, 'state "expired" needs now'],
          [{ state: "revoked", now: -1 }, "now must be a non-negative integer of Unix seconds"],
          [{ expiringBefore: 1.5 }, "expiringBefore must be a non-negative integer of Unix"],
        ];
        for (const [options, message] of bad) {
          const listing = collect(store.scan(options));
          await expect(listing).rejects.toMatchObject({ code: "INVALID_INPUT" });
          await expect(collect(store.scan(options))).rejects.toThrow(message);
        }
      }));
  });
}
