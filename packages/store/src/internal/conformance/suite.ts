/**
 * The conformance suite of the TokenStore port: every documented behaviour of `port.ts`,
 * including the concurrency guarantees, checked against what the harness's back door (`peek`)
 * shows was persisted. Each test asks the factory for a fresh store, so tests share nothing and
 * run in any order. One file per group of behaviours.
 */
import { describe } from "vitest";
import { describeBootstrap } from "./bootstrap.js";
import { describeCreateAndGet } from "./create-get.js";
import { type TokenStoreHarnessFactory, useFresh } from "./harness.js";
import { describeInputBounds } from "./input-bounds.js";
import { describeLabels } from "./labels.js";
import { describeListing } from "./listing.js";
import { describeListingByState } from "./listing-state.js";
import { describeRevokeAndRestore } from "./revoke-restore.js";
import { describeRotate } from "./rotate.js";
import { describeTouch } from "./touch.js";
import { describeTouchExpected } from "./touch-expected.js";
import { describeUpdate } from "./update.js";

export type { TokenStoreHarness, TokenStoreHarnessFactory } from "./harness.js";

/** Declares `"<name>: TokenStore conformance"` over `factory`. */
export function describeTokenStoreConformance(
  name: string,
  factory: TokenStoreHarnessFactory,
): void {
  const use = useFresh(factory);
  describe(`${name}: TokenStore conformance`, () => {
    describeCreateAndGet(use);
    describeUpdate(use);
    describeRevokeAndRestore(use);
    describeTouch(use);
    describeTouchExpected(use);
    describeListing(use);
    describeListingByState(use);
    describeLabels(use);
    describeBootstrap(use);
    describeInputBounds(use);
    describeRotate(use);
  });
}
