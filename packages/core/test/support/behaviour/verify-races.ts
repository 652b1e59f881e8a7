/**
 * The Pat behaviour suite, verify racing an admin change: a change committed between verify's
 * read and its confirming `lastUsedAt` write (secret rotation, expiry moved to the past,
 * demotion) is never answered from the stale read; the answer comes from a fresh read.
 */
import { describe, expect, it } from "vitest";
import { CountingStore } from "../counting-store.js";
import { T0, expectRefused, makePat, secretFixture, type BehaviourContext } from "./fixtures.js";

/** Registers this group of the behaviour suite (see `index.ts`). */
export function describeVerifyRaces(context: BehaviourContext): void {
  const { harness, issued } = context;

  /** A Pat over a counting store whose next read is followed by `change` (once). */
  async function racing(extra: Parameters<typeof makePat>[1] = {}) {
    const inner = await harness.newStore();
    const store = new CountingStore(inner);
    const { pat, clock } = makePat(store, extra);
    const raceOnce = (change: () => Promise<void>) => {
      store.afterGet = async () => {
        store.afterGet = undefined;
        await change();
      };
    };
    return { inner, store, pat, clock, raceOnce };
  }

  describe("verify racing an admin change", () => {
    it("answers invalid_secret for the old secret when the secret is rotated between read and write", async () => {
      const { inner, store, pat, raceOnce } = await racing();
      const { token, record } = await issued(pat, { owner: "alice", isAdmin: true });
      const rotated = await secretFixture();
      raceOnce(() => inner.update(record.tokenId, { secretPhc: rotated.phc }).then(() => {}));
      const reads = store.calls.get;
      expectRefused(await pat.verify(token), "invalid_secret");
      expect(store.calls.get - reads).toBe(2);
      expect((await inner.get(record.tokenId))?.lastUsedAt).toBeUndefined();
      expect((await pat.verify(rotated.tokenFor(record.tokenId))).valid).toBe(true);
    });

    it("answers expired when the expiry is moved to the past between read and write", async () => {
      const { inner, pat, raceOnce } = await racing();
      const { token, record } = await issued(pat, { owner: "alice", expiresAt: T0 + 3600 });
      raceOnce(() => inner.update(record.tokenId, { expiresAt: T0 - 1 }).then(() => {}));
      const result = await pat.verify(token);
      expectRefused(result, "expired");
      expect(result.record?.expiresAt).toBe(T0 - 1);
      expect((await inner.get(record.tokenId))?.lastUsedAt).toBeUndefined();
    });

    it("answers with the new admin flag and roles after a demotion between read and write", async () => {
      const { inner, pat, raceOnce } = await racing();
      const { token, record } = await issued(pat, {
        owner: "alice",
        isAdmin: true,
        roles: ["admin", "writer"],
      });
      raceOnce(() => inner.update(record.tokenId, { isAdmin: false, roles: [] }).then(() => {}));
      const result = await pat.verify(token);
      expect(result.valid).toBe(true);
      expect(result.record?.isAdmin).toBe(false);
      expect(result.record).not.toHaveProperty("roles");
      expect((await inner.get(record.tokenId))?.lastUsedAt).toBe(T0);
    });

    it("answers with the new owner after an owner change between read and write", async () => {
      const { inner, pat, raceOnce } = await racing();
      const { token, record } = await issued(pat, { owner: "alice" });
      raceOnce(() => inner.update(record.tokenId, { owner: "bob" }).then(() => {}));
      const result = await pat.verify(token);
      expect(result.valid).toBe(true);
      expect(result.record?.owner).toBe("bob");
    });

    it("throws STORAGE_ERROR, writing nothing, when the record changes before each of 3 writes", async () => {
      const { inner, store, pat } = await racing();
      const { token, record } = await issued(pat, { owner: "alice" });
      const reads = store.calls.get;
      let flip = false;
      store.afterGet = async () => {
        flip = !flip;
        await inner.update(record.tokenId, { owner: flip ? "bob" : "alice" });
      };
      await expect(pat.verify(token)).rejects.toMatchObject({
        code: "STORAGE_ERROR",
        message: `Token ${record.tokenId} changed during each of 3 verify attempts`,
      });
      expect(store.calls.get - reads).toBe(3);
      expect((await inner.get(record.tokenId))?.lastUsedAt).toBeUndefined();
    });

    it("confirms nothing while lastUsedResolutionSeconds skips the write (the documented trade-off)", async () => {
      const { inner, store, pat, clock, raceOnce } = await racing({
        lastUsedResolutionSeconds: 60,
      });
      const { token, record } = await issued(pat, { owner: "alice", isAdmin: true });
      expect((await pat.verify(token)).valid).toBe(true);
      clock.seconds += 10;
      raceOnce(() => inner.update(record.tokenId, { isAdmin: false }).then(() => {}));
      const result = await pat.verify(token);
      expect(result.valid).toBe(true);
      expect(result.record?.isAdmin).toBe(true);
      expect(store.calls.touch).toBe(1);
    });
  });
}
