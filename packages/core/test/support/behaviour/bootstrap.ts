/**
 * The Pat behaviour suite, bootstrap: the first admin token of an empty store, for the bootstrap
 * secret only, exactly once under concurrency.
 */
import { describe, expect, it } from "vitest";
import { generateTokenId } from "@pat/crypto";
import { expectPatError } from "../hygiene.js";
import { T0, expectRefused, secretFixture, type BehaviourContext } from "./fixtures.js";

/** Registers this group of the behaviour suite (see `index.ts`). */
export function describeBootstrap(context: BehaviourContext): void {
  const { setup, issued } = context;
  describe("bootstrap", () => {
    async function bootstrapSetup() {
      const fixture = await secretFixture();
      const ctx = await setup({ bootstrapPhc: fixture.phc });
      return { ...ctx, fixture };
    }

    it("stores the first admin token on an empty store; the token then verifies", async () => {
      const { pat, store, fixture } = await bootstrapSetup();
      const tokenId = generateTokenId();
      const result = await pat.bootstrap(fixture.tokenFor(tokenId), { owner: "root" });
      expect(result).toEqual({
        valid: true,
        record: { tokenId, owner: "root", isAdmin: true, createdAt: T0 },
      });
      expect((await store.get(tokenId))?.secretPhc).toBe(fixture.phc);
      const verified = await pat.verify(fixture.tokenFor(tokenId));
      expect(verified.valid && verified.record.isAdmin).toBe(true);
      // The bootstrap token counts; whatever marks bootstrapping as done does not.
      expect(await pat.getCount()).toBe(1);
    });

    it("answers invalid_secret for a wrong secret and stores nothing", async () => {
      const { pat, store } = await bootstrapSetup();
      const other = await secretFixture();
      expectRefused(
        await pat.bootstrap(other.tokenFor(generateTokenId()), { owner: "root" }),
        "invalid_secret",
      );
      expect(await store.isEmpty()).toBe(true);
    });

    it("answers not_found once the store holds a token", async () => {
      const { pat, fixture } = await bootstrapSetup();
      await issued(pat);
      expectRefused(
        await pat.bootstrap(fixture.tokenFor(generateTokenId()), { owner: "root" }),
        "not_found",
      );
    });

    it("answers not_found without a bootstrapPhc", async () => {
      const { pat } = await setup();
      const fixture = await secretFixture();
      expectRefused(
        await pat.bootstrap(fixture.tokenFor(generateTokenId()), { owner: "root" }),
        "not_found",
      );
    });

    it("answers the format reasons for malformed tokens and refuses a bad owner", async () => {
      const { pat, fixture } = await bootstrapSetup();
      expectRefused(await pat.bootstrap("nope", { owner: "root" }), "invalid_prefix");
      expectRefused(await pat.bootstrap("pat_nope", { owner: "root" }), "invalid_format");
      await expectPatError(
        pat.bootstrap(fixture.tokenFor(generateTokenId()), { owner: "" }),
        "INVALID_INPUT",
        /owner/,
      );
    });

    it("lets exactly one of 4 concurrent bootstraps (different token ids) be valid", async () => {
      const { pat, store, fixture } = await bootstrapSetup();
      const ids = Array.from({ length: 4 }, () => generateTokenId());
      const results = await Promise.all(
        ids.map((id) => pat.bootstrap(fixture.tokenFor(id), { owner: "root" })),
      );
      expect(results.filter((r) => r.valid)).toHaveLength(1);
      for (const r of results.filter((r) => !r.valid)) expectRefused(r, "not_found");
      const stored = await store.batchGet(ids);
      expect(stored.found).toHaveLength(1);
    });
  });
}
