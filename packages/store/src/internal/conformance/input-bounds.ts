/**
 * Conformance of a TokenStore, hostile input: a batch read of more ids than `MAX_BATCH_IDS` is
 * refused before any read.
 */
import { describe, expect, it } from "vitest";
import { InvalidInputError } from "../../errors.js";
import { MAX_BATCH_IDS } from "../token-model/index.js";
import { makeRecord, newTokenId } from "./fixtures.js";
import { seed, type Use } from "./harness.js";

/** Declares the tests of this group; `use` runs one test on a fresh harness. */
export function describeInputBounds(use: Use): void {
  describe("input bounds", () => {
    it("batchGet refuses more than MAX_BATCH_IDS ids with INVALID_INPUT", () =>
      use(async ({ store }) => {
        const record = makeRecord();
        await seed(store, [record]);
        const ids = [record.tokenId, ...Array.from({ length: MAX_BATCH_IDS }, newTokenId)];
        const refused = store.batchGet(ids);
        await expect(refused).rejects.toBeInstanceOf(InvalidInputError);
        await expect(refused).rejects.toThrow(
          `tokenIds must hold at most ${MAX_BATCH_IDS} token ids (got more)`,
        );
      }));
  });
}
