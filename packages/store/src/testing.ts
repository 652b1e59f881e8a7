/**
 * `@pat/store/testing`: the conformance suite every TokenStore adapter passes.
 *
 * Runs under vitest (an optional peer dependency of @pat/store). Adapter authors call it once in
 * a test file with a factory that builds a fresh store over fresh storage per test, plus a back
 * door to the storage so the suite can check what was persisted, not only what round-trips.
 */
export type { TokenStoreHarness, TokenStoreHarnessFactory } from "./internal/conformance/suite.js";
import { describeTokenStoreConformance as describeSuite } from "./internal/conformance/suite.js";
import type { TokenStoreHarnessFactory } from "./internal/conformance/suite.js";

/**
 * Declares the vitest suite `"<name>: TokenStore conformance"`: create/get/duplicates, every form
 * of update (set, clear, add/remove/replace roles, `expectedSecretPhc`), revoke/restore with and
 * without a cleanup time, touch outcomes, scan and queryByOwner paging with `afterTokenId` and
 * `hasRole`, batchGet, isEmpty, createFirst, and the concurrency guarantees (50 concurrent
 * creates of one id, 100 concurrent role changes, racing revokes and restores).
 *
 * Each test calls `factory()` for a fresh harness and `cleanup()` when done. `peek` and `putRaw`
 * must bypass the store under test and talk to the storage directly.
 *
 * @throws nothing itself; the declared tests fail with vitest assertion errors.
 * @example
 * ```ts
 * import { MemoryTokenStore } from "@pat/store";
 * import { describeTokenStoreConformance } from "@pat/store/testing";
 *
 * describeTokenStoreConformance("MemoryTokenStore", async () => {
 *   const items = new Map<string, Record<string, unknown>>();
 *   return {
 *     store: new MemoryTokenStore({ items }),
 *     peek: async (id) => structuredClone(items.get(id) ?? null),
 *     putRaw: async (item) => void items.set(String(item.tokenId), structuredClone(item)),
 *   };
 * });
 * ```
 */
export function describeTokenStoreConformance(
  name: string,
  factory: TokenStoreHarnessFactory,
): void {
  describeSuite(name, factory);
}
