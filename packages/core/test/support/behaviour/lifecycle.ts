/**
 * The Pat behaviour suite, token lifecycle options: checksummed tokens (`tokenFormat`), the
 * expiry policies (`requireExpiry`, `maxLifetimeSeconds`), labels (`name`, `description`,
 * `metadata`) and listing by state (`state`, `expiringBefore`).
 */
import { describe, expect, it } from "vitest";
import { generateTokenId } from "@pat/crypto";
import { checksummedTokenPattern, isWellFormedToken } from "../../../src/index.js";
import { CountingStore } from "../counting-store.js";
import { expectPatError, rememberSecret } from "../hygiene.js";
import {
  T0,
  collect,
  expectRefused,
  makePat,
  secretFixture,
  type BehaviourContext,
} from "./fixtures.js";

const DAY = 86_400;

/** Registers this group of the behaviour suite (see `index.ts`). */
export function describeLifecycle(context: BehaviourContext): void {
  const { setup, issued, harness } = context;

  describe("checksummed tokens (tokenFormat)", () => {
    it("issues checksummed tokens that verify and that a scanner finds", async () => {
      const { pat } = await setup({ tokenFormat: "checksummed" });
      const { token, record } = await issued(pat);
      expect(token).toMatch(/^pat_[0-9A-Za-z]{70}$/);
      expect(token.startsWith(`pat_${record.tokenId}`)).toBe(true);
      expect(isWellFormedToken(token, { format: "checksummed" })).toBe(true);
      expect(`leaked: ${token}\n`.match(checksummedTokenPattern())?.[0]).toBe(token);
      expect((await pat.verify(token)).valid).toBe(true);
      const generated = await pat.generate();
      rememberSecret(generated.token);
      expect(isWellFormedToken(generated.token, { format: "checksummed" })).toBe(true);
    });

    it("refuses a mistyped checksummed token as invalid_format with no storage request", async () => {
      const inner = await harness.newStore();
      const store = new CountingStore(inner);
      const { pat } = makePat(store, { tokenFormat: "checksummed" });
      const { token } = await issued(pat);
      const before = store.total();
      for (let i = 4; i < token.length; i++) {
        const typo = token.slice(0, i) + (token[i] === "a" ? "b" : "a") + token.slice(i + 1);
        expectRefused(await pat.verify(typo), "invalid_format");
      }
      expect(store.total()).toBe(before);
    });

    it("verifies default tokens under tokenFormat checksummed, and checksummed ones under default", async () => {
      const store = await harness.newStore();
      const plain = makePat(store).pat;
      const checked = makePat(store, { tokenFormat: "checksummed" }).pat;
      const a = await issued(plain);
      const b = await issued(checked);
      expect(a.token).toContain(".");
      expect((await checked.verify(a.token)).valid).toBe(true);
      expect((await plain.verify(b.token)).valid).toBe(true);
    });

    it("refuses an unknown tokenFormat at construction", async () => {
      const store = await harness.newStore();
      await expectPatError(
        () => makePat(store, { tokenFormat: "short" as "default" }),
        "INVALID_CONFIG",
        'tokenFormat must be "default" or "checksummed" (got "short")',
      );
    });
  });

  describe("expiry policies", () => {
    it("requireExpiry: issue and register need expiresAt, update refuses expiresAt null", async () => {
      const { pat, store } = await setup({ requireExpiry: true });
      const message = "expiresAt is required by the requireExpiry policy";
      await expectPatError(pat.issue({ owner: "a" }), "INVALID_INPUT", message);
      const fixture = await secretFixture();
      const tokenId = generateTokenId();
      await expectPatError(
        pat.register({ tokenId, secretPhc: fixture.phc, owner: "a" }),
        "INVALID_INPUT",
        message,
      );
      expect(await store.get(tokenId)).toBeNull();
      const { record } = await issued(pat, { owner: "a", expiresAt: T0 + 10 * 365 * DAY });
      await expectPatError(
        pat.update(record.tokenId, { expiresAt: null }),
        "INVALID_INPUT",
        message,
      );
      await pat.update(record.tokenId, { expiresAt: T0 + DAY, owner: "b" });
      expect(await store.get(record.tokenId)).toMatchObject({ expiresAt: T0 + DAY, owner: "b" });
      await pat.update(record.tokenId, { owner: "c" }); // no expiry change: no policy check
    });

    it("maxLifetimeSeconds: bounds issue, register and update from now, and needs an expiry", async () => {
      const { pat, clock, store } = await setup({ maxLifetimeSeconds: 30 * DAY });
      const at = await issued(pat, { owner: "a", expiresAt: T0 + 30 * DAY });
      expect(at.record.expiresAt).toBe(T0 + 30 * DAY);
      await expectPatError(
        pat.issue({ owner: "a", expiresAt: T0 + 30 * DAY + 1 }),
        "INVALID_INPUT",
        "expiresAt must be at most 2592000 seconds from now by the maxLifetimeSeconds policy (got 2592001)",
      );
      await expectPatError(
        pat.issue({ owner: "a" }),
        "INVALID_INPUT",
        "expiresAt is required by the maxLifetimeSeconds policy (2592000 seconds)",
      );
      const fixture = await secretFixture();
      await expectPatError(
        pat.register({
          tokenId: generateTokenId(),
          secretPhc: fixture.phc,
          owner: "a",
          expiresAt: T0 + 31 * DAY,
        }),
        "INVALID_INPUT",
        /maxLifetimeSeconds policy/,
      );
      // Renewal: a new expiry up to 30 days from the update, not from creation.
      clock.seconds = T0 + 20 * DAY;
      await pat.update(at.record.tokenId, { expiresAt: T0 + 50 * DAY });
      await expectPatError(
        pat.update(at.record.tokenId, { expiresAt: T0 + 50 * DAY + 1 }),
        "INVALID_INPUT",
        /maxLifetimeSeconds policy/,
      );
      await expectPatError(
        pat.update(at.record.tokenId, { expiresAt: null }),
        "INVALID_INPUT",
        /required by the maxLifetimeSeconds policy/,
      );
      expect((await store.get(at.record.tokenId))?.expiresAt).toBe(T0 + 50 * DAY);
    });

    it("refuses bad policy options at construction", async () => {
      const store = await harness.newStore();
      for (const bad of [0, -1, 1.5, "30d"]) {
        await expectPatError(
          () => makePat(store, { maxLifetimeSeconds: bad as number }),
          "INVALID_CONFIG",
          /maxLifetimeSeconds must be a positive integer of seconds/,
        );
      }
      await expectPatError(
        () => makePat(store, { requireExpiry: "yes" as unknown as boolean }),
        "INVALID_CONFIG",
        "requireExpiry must be a boolean (got string)",
      );
    });
  });

  describe("labels", () => {
    const labels = {
      name: "CI deploy",
      description: "Deploys main.\nRotate yearly.",
      metadata: { ticket: "OPS-7", "team:owner": "platform" },
    };

    it("stores labels on issue and register, answers them from verify, list and batchLoad", async () => {
      const { pat } = await setup();
      const { token, record } = await issued(pat, { owner: "a", ...labels });
      expect(record).toMatchObject(labels);
      const verified = await pat.verify(token);
      expect(verified.valid && verified.record).toMatchObject(labels);
      const fixture = await secretFixture();
      const registered = await pat.register({
        tokenId: generateTokenId(),
        secretPhc: fixture.phc,
        owner: "b",
        name: "imported",
      });
      expect(registered.name).toBe("imported");
      const listed = await collect(pat.list());
      expect(listed.find((r) => r.tokenId === record.tokenId)).toMatchObject(labels);
      const loaded = await pat.batchLoad([record.tokenId]);
      expect(loaded.found[0]).toMatchObject(labels);
    });

    it("updates labels: set, replace metadata whole, remove with null", async () => {
      const { pat, store } = await setup();
      const { record } = await issued(pat, { owner: "a", ...labels });
      await pat.update(record.tokenId, { name: "renamed", metadata: { only: "this" } });
      expect(await store.get(record.tokenId)).toMatchObject({
        name: "renamed",
        description: labels.description,
        metadata: { only: "this" },
      });
      await pat.update(record.tokenId, { name: null, description: null, metadata: null });
      const stored = await store.get(record.tokenId);
      expect(stored).not.toHaveProperty("name");
      expect(stored).not.toHaveProperty("description");
      expect(stored).not.toHaveProperty("metadata");
    });

    it("refuses labels out of bounds before anything is written", async () => {
      const counting = new CountingStore(await harness.newStore());
      const { pat } = makePat(counting);
      await expectPatError(
        pat.issue({ owner: "a", name: "x".repeat(101) }),
        "INVALID_INPUT",
        "name must be a string of 1-100 characters (got a string of 101 characters)",
      );
      await expectPatError(
        pat.issue({ owner: "a", metadata: { "bad key": "v" } }),
        "INVALID_INPUT",
        /metadata key #1 must be 1-64 characters/,
      );
      await expectPatError(
        pat.update(generateTokenId(), { description: "" }),
        "INVALID_INPUT",
        "description must be a string of 1-1000 characters (got a string of 0 characters)",
      );
      expect(counting.total()).toBe(0);
    });
  });

  describe("list by state", () => {
    it("lists active, revoked and expired tokens at the clock's now, and by expiringBefore", async () => {
      const { pat, clock } = await setup();
      const soon = (await issued(pat, { owner: "a", expiresAt: T0 + 3 * DAY })).record.tokenId;
      const later = (await issued(pat, { owner: "a", expiresAt: T0 + 30 * DAY })).record.tokenId;
      const never = (await issued(pat, { owner: "b" })).record.tokenId;
      const gone = (await issued(pat, { owner: "a", expiresAt: T0 + DAY })).record.tokenId;
      await pat.revoke(gone);
      const ids = async (options: Parameters<typeof pat.list>[0]) =>
        (await collect(pat.list(options))).map((r) => r.tokenId).sort();
      expect(await ids({ state: "active" })).toEqual([soon, later, never].sort());
      expect(await ids({ state: "revoked" })).toEqual([gone]);
      expect(await ids({ state: "expired" })).toEqual([]);
      expect(await ids({ state: "active", expiringBefore: T0 + 7 * DAY })).toEqual([soon]);
      expect(await ids({ expiringBefore: T0 + 7 * DAY })).toEqual([soon, gone].sort());
      expect(await ids({ state: "active", limit: 1 })).toHaveLength(1);
      clock.seconds = T0 + 3 * DAY;
      expect(await ids({ state: "expired" })).toEqual([soon]);
      const owned = await collect(pat.listByOwner("a", { state: "active" }));
      expect(owned.map((r) => r.tokenId)).toEqual([later]);
    });

    it("refuses a bad state or expiringBefore at the call", async () => {
      const { pat } = await setup();
      expect(() => pat.list({ state: "live" as "active" })).toThrow(
        'state must be "active", "revoked" or "expired" (got a string of 4 characters)',
      );
      expect(() => pat.list({ expiringBefore: -5 })).toThrow(
        "expiringBefore must be a non-negative integer of Unix seconds (got -5)",
      );
    });
  });
}
