/**
 * Conformance of a TokenStore, rotation: what `rotate` writes on both sides, the state refusals
 * and their codes, exactly one successor of concurrent rotations, `confirmRotation` (idempotent,
 * ordered), `touch` refusing a token whose grace has ended, and listings by state judging it
 * revoked from then on.
 */
import { describe, expect, it } from "vitest";
import type { RotateRequest } from "../../port.js";
import { makeRecord, NEXT_YEAR, newTokenId, NOW, PHC_B, rolesOf } from "./fixtures.js";
import { type Use } from "./harness.js";

/**
 * A rotate request with a fresh successor id, a grace of an hour from NOW unless overridden
 * (`graceEndsAt: undefined` leaves it out).
 */
function request(
  overrides: Omit<Partial<RotateRequest>, "graceEndsAt"> & {
    readonly graceEndsAt?: number | undefined;
  } = {},
): RotateRequest {
  const { graceEndsAt, ...rest } = {
    successorId: newTokenId(),
    secretPhc: PHC_B,
    rotatedAt: NOW,
    graceEndsAt: NOW + 3600,
    untilFirstUse: false,
    ...overrides,
  };
  return graceEndsAt === undefined ? rest : { ...rest, graceEndsAt };
}

/** Declares the tests of this group; `use` runs one test on a fresh harness. */
export function describeRotate(use: Use): void {
  describe("rotate", () => {
    it("creates a successor that copies owner, isAdmin, roles, expiry and labels", () =>
      use(async ({ store, peek }) => {
        const old = makeRecord({
          isAdmin: true,
          roles: ["a", "b"],
          expiresAt: NEXT_YEAR,
          name: "deploy bot",
          description: "ships main",
          metadata: { team: "ops" },
        });
        await store.create(old);
        const req = request();
        const { successor, predecessor } = await store.rotate(old.tokenId, req);
        expect(successor).toEqual({
          tokenId: req.successorId,
          secretPhc: PHC_B,
          owner: old.owner,
          isAdmin: true,
          roles: ["a", "b"],
          createdAt: NOW,
          expiresAt: NEXT_YEAR,
          name: "deploy bot",
          description: "ships main",
          metadata: { team: "ops" },
          rotatedFrom: old.tokenId,
        });
        expect(predecessor).toMatchObject({ rotatedTo: req.successorId, graceEndsAt: NOW + 3600 });
        const stored = await peek(req.successorId);
        expect(rolesOf(stored)).toEqual(["a", "b"]);
        expect(stored?.rotatedFrom).toBe(old.tokenId);
        expect(stored?.awaitingFirstUse).toBeUndefined();
        expect(await store.get(req.successorId)).toEqual(successor);
      }));

    it("marks the predecessor and lowers its expiry to the end of grace", () =>
      use(async ({ store, peek }) => {
        const old = makeRecord({ expiresAt: NEXT_YEAR, lastUsedAt: NOW - 5 });
        await store.create(old);
        const req = request();
        await store.rotate(old.tokenId, req);
        const item = await peek(old.tokenId);
        expect(item).toMatchObject({
          rotatedTo: req.successorId,
          graceEndsAt: NOW + 3600,
          expiresAt: NOW + 3600,
          secretPhc: old.secretPhc,
          lastUsedAt: NOW - 5,
        });
        expect(await store.get(old.tokenId)).toMatchObject({
          rotatedTo: req.successorId,
          graceEndsAt: NOW + 3600,
        });
      }));

    it("keeps an expiry earlier than the end of grace, and sets one where there was none", () =>
      use(async ({ store, peek }) => {
        const early = makeRecord({ expiresAt: NOW + 60 });
        const never = makeRecord({ expiresAt: null });
        await store.create(early);
        await store.create(never);
        await store.rotate(early.tokenId, request());
        const req = request();
        const { successor } = await store.rotate(never.tokenId, req);
        expect((await peek(early.tokenId))?.expiresAt).toBe(NOW + 60);
        expect((await peek(never.tokenId))?.expiresAt).toBe(NOW + 3600);
        // The successor keeps the cleared expiry: it never expires.
        expect(successor.expiresAt).toBeNull();
        expect((await peek(req.successorId))?.expiresAt).toBeNull();
      }));

    it("with untilFirstUse and no grace end, leaves the predecessor's expiry alone", () =>
      use(async ({ store, peek }) => {
        const old = makeRecord({ expiresAt: NEXT_YEAR });
        await store.create(old);
        const req = request({ untilFirstUse: true, graceEndsAt: undefined });
        const { successor } = await store.rotate(old.tokenId, req);
        expect(successor.awaitingFirstUse).toBe(true);
        expect((await peek(req.successorId))?.awaitingFirstUse).toBe(true);
        const item = await peek(old.tokenId);
        expect(item?.rotatedTo).toBe(req.successorId);
        expect(item?.graceEndsAt).toBeUndefined();
        expect(item?.expiresAt).toBe(NEXT_YEAR);
      }));

    it("leaves exactly one successor of concurrent rotations; the others throw TOKEN_ROTATED", () =>
      use(async ({ store, peek }) => {
        const old = makeRecord();
        await store.create(old);
        const requests = Array.from({ length: 5 }, () => request());
        const outcomes = await Promise.allSettled(
          requests.map((req) => store.rotate(old.tokenId, req)),
        );
        const won = outcomes.filter((o) => o.status === "fulfilled");
        expect(won).toHaveLength(1);
        for (const o of outcomes) {
          if (o.status === "rejected") {
            expect(o.reason).toMatchObject({ code: "TOKEN_ROTATED", tokenId: old.tokenId });
          }
        }
        const stored = await Promise.all(requests.map((req) => peek(req.successorId)));
        expect(stored.filter((item) => item !== null)).toHaveLength(1);
        const winner = requests[outcomes.findIndex((o) => o.status === "fulfilled")];
        expect((await peek(old.tokenId))?.rotatedTo).toBe(winner?.successorId);
      }));

    it("refuses unknown, revoked, expired and rotated tokens with codes, writing nothing", () =>
      use(async ({ store, peek }) => {
        const unknown = request();
        await expect(store.rotate(newTokenId(), unknown)).rejects.toMatchObject({
          code: "TOKEN_NOT_FOUND",
        });
        const revoked = makeRecord();
        await store.create(revoked);
        await store.revoke(revoked.tokenId, { revokedAt: NOW });
        const expired = makeRecord({ expiresAt: NOW });
        await store.create(expired);
        const rotated = makeRecord();
        await store.create(rotated);
        const first = request();
        await store.rotate(rotated.tokenId, first);
        const cases = [
          [revoked.tokenId, "TOKEN_REVOKED", `Token is revoked: ${revoked.tokenId}`],
          [expired.tokenId, "TOKEN_EXPIRED", `Token is expired: ${expired.tokenId}`],
          [rotated.tokenId, "TOKEN_ROTATED", `Token was rotated already: ${rotated.tokenId}`],
        ] as const;
        for (const [tokenId, code, message] of cases) {
          const req = request();
          await expect(store.rotate(tokenId, req)).rejects.toMatchObject({ code, message });
          expect(await peek(req.successorId)).toBeNull();
        }
        await expect(store.rotate(rotated.tokenId, request())).rejects.toMatchObject({
          successorId: first.successorId,
        });
        expect(await peek(unknown.successorId)).toBeNull();
      }));

    it("refuses to rotate a successor still awaiting its first use (ROTATION_PENDING)", () =>
      use(async ({ store, peek }) => {
        const old = makeRecord();
        await store.create(old);
        const first = request({ untilFirstUse: true, graceEndsAt: undefined });
        await store.rotate(old.tokenId, first);
        const second = request();
        await expect(store.rotate(first.successorId, second)).rejects.toMatchObject({
          code: "ROTATION_PENDING",
          predecessorId: old.tokenId,
        });
        expect(await peek(second.successorId)).toBeNull();
        await store.confirmRotation(first.successorId, old.tokenId, NOW + 1);
        await expect(store.rotate(first.successorId, second)).resolves.toBeDefined();
      }));

    it("throws TOKEN_EXISTS for a taken successor id and leaves the token as it was", () =>
      use(async ({ store, peek }) => {
        const old = makeRecord();
        const other = makeRecord();
        await store.create(old);
        await store.create(other);
        await expect(
          store.rotate(old.tokenId, request({ successorId: other.tokenId })),
        ).rejects.toMatchObject({ code: "TOKEN_EXISTS" });
        const item = await peek(old.tokenId);
        expect(item?.rotatedTo).toBeUndefined();
        expect(item?.graceEndsAt).toBeUndefined();
        expect((await peek(other.tokenId))?.rotatedFrom).toBeUndefined();
      }));

    it("refuses a bad request with INVALID_INPUT", () =>
      use(async ({ store }) => {
        const old = makeRecord();
        await store.create(old);
        await expect(
          store.rotate(old.tokenId, request({ graceEndsAt: NOW - 1 })),
        ).rejects.toMatchObject({
          code: "INVALID_INPUT",
          message: "graceEndsAt must not be before rotatedAt",
        });
        await expect(
          store.rotate(old.tokenId, request({ graceEndsAt: undefined })),
        ).rejects.toMatchObject({
          code: "INVALID_INPUT",
          message: "graceEndsAt is required unless untilFirstUse is true",
        });
        await expect(
          store.rotate(old.tokenId, request({ successorId: "short" })),
        ).rejects.toMatchObject({ code: "INVALID_INPUT" });
      }));
  });

  describe("confirmRotation", () => {
    it("ends the grace at the first use and clears awaitingFirstUse, idempotently", () =>
      use(async ({ store, peek }) => {
        const old = makeRecord({ expiresAt: NEXT_YEAR });
        await store.create(old);
        const req = request({ untilFirstUse: true, graceEndsAt: undefined });
        await store.rotate(old.tokenId, req);
        await store.confirmRotation(req.successorId, old.tokenId, NOW + 10);
        await store.confirmRotation(req.successorId, old.tokenId, NOW + 20);
        expect(await peek(old.tokenId)).toMatchObject({
          graceEndsAt: NOW + 10,
          expiresAt: NOW + 10,
        });
        expect((await peek(req.successorId))?.awaitingFirstUse).toBeUndefined();
        expect((await store.get(req.successorId))?.awaitingFirstUse).toBeUndefined();
      }));

    it("ends a longer grace early but never extends a shorter one", () =>
      use(async ({ store, peek }) => {
        const a = makeRecord();
        const b = makeRecord();
        await store.create(a);
        await store.create(b);
        const long = request({ untilFirstUse: true, graceEndsAt: NOW + 3600 });
        const short = request({ untilFirstUse: true, graceEndsAt: NOW + 5 });
        await store.rotate(a.tokenId, long);
        await store.rotate(b.tokenId, short);
        await store.confirmRotation(long.successorId, a.tokenId, NOW + 10);
        await store.confirmRotation(short.successorId, b.tokenId, NOW + 10);
        expect((await peek(a.tokenId))?.graceEndsAt).toBe(NOW + 10);
        expect((await peek(b.tokenId))?.graceEndsAt).toBe(NOW + 5);
        expect((await peek(short.successorId))?.awaitingFirstUse).toBeUndefined();
      }));

    it("leaves a token rotated to another successor alone, and ignores missing records", () =>
      use(async ({ store, peek }) => {
        const old = makeRecord();
        await store.create(old);
        const req = request({ untilFirstUse: true, graceEndsAt: undefined });
        await store.rotate(old.tokenId, req);
        await store.confirmRotation(newTokenId(), old.tokenId, NOW + 10);
        expect((await peek(old.tokenId))?.graceEndsAt).toBeUndefined();
        await expect(
          store.confirmRotation(newTokenId(), newTokenId(), NOW),
        ).resolves.toBeUndefined();
      }));
  });

  describe("touch of a rotated token", () => {
    it("touches during the grace and answers revoked once it has ended", () =>
      use(async ({ store, peek }) => {
        const old = makeRecord();
        await store.create(old);
        await store.rotate(old.tokenId, request({ graceEndsAt: NOW + 100 }));
        expect(await store.touch(old.tokenId, NOW + 99)).toBe("touched");
        expect(await store.touch(old.tokenId, NOW + 100)).toBe("revoked");
        expect((await peek(old.tokenId))?.lastUsedAt).toBe(NOW + 99);
      }));

    it("answers revoked, not changed, once the grace has ended, also with the record read", () =>
      use(async ({ store }) => {
        const old = makeRecord();
        await store.create(old);
        await store.rotate(old.tokenId, request({ graceEndsAt: NOW + 100 }));
        const read = await store.get(old.tokenId);
        expect(read).not.toBeNull();
        if (read === null) return;
        expect(await store.touch(old.tokenId, NOW + 99, read)).toBe("touched");
        expect(await store.touch(old.tokenId, NOW + 100, read)).toBe("revoked");
      }));
  });

  describe("listing a rotated token by state", () => {
    it("lists the predecessor as active during the grace and as revoked once it has ended", () =>
      use(async ({ store }) => {
        const old = makeRecord({ expiresAt: NEXT_YEAR });
        await store.create(old);
        const req = request({ graceEndsAt: NOW + 100 });
        await store.rotate(old.tokenId, req);
        async function ids(state: "active" | "revoked" | "expired", now: number) {
          const found: string[] = [];
          for await (const record of store.scan({ state, now })) found.push(record.tokenId);
          return found.sort();
        }
        const both = [old.tokenId, req.successorId].sort();
        expect(await ids("active", NOW + 99)).toEqual(both);
        expect(await ids("revoked", NOW + 99)).toEqual([]);
        expect(await ids("active", NOW + 100)).toEqual([req.successorId]);
        expect(await ids("revoked", NOW + 100)).toEqual([old.tokenId]);
        expect(await ids("expired", NOW + 100)).toEqual([]);
      }));
  });
}
