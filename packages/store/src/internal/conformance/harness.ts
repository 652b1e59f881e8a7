/**
 * The harness of the conformance suite: what an adapter under test provides (a fresh store over
 * fresh storage per test, and a back door to that storage), and the helpers every group shares.
 */
import type { TokenRecord, TokenStore } from "../../port.js";
import { makeRecord } from "./fixtures.js";

/** What the suite needs of an adapter under test. */
export interface TokenStoreHarness {
  /** A store over fresh, empty storage. */
  readonly store: TokenStore;
  /** Reads the stored item directly from storage (not through the store), or `null`. */
  peek(tokenId: string): Promise<Record<string, unknown> | null>;
  /** Writes an item directly to storage, bypassing validation (to plant invalid items). */
  putRaw(item: Record<string, unknown>): Promise<void>;
  /** Frees the storage (drops the table, ...). */
  cleanup?(): Promise<void>;
}

/** Builds a fresh harness per test. */
export type TokenStoreHarnessFactory = () => Promise<TokenStoreHarness>;

/** Runs one test on a fresh harness, cleaning up after it whatever the outcome. */
export type Use = (test: (harness: TokenStoreHarness) => Promise<void>) => Promise<void>;

/** {@link Use} over `factory`. */
export function useFresh(factory: TokenStoreHarnessFactory): Use {
  return async (test) => {
    const harness = await factory();
    try {
      await test(harness);
    } finally {
      await harness.cleanup?.();
    }
  };
}

/** An item that is not a valid record (its owner is too long). */
export function invalidOwnerItem(): Record<string, unknown> {
  return { ...makeRecord(), roles: undefined, owner: "x".repeat(101) };
}

/** Creates `records` through the store. */
export async function seed(store: TokenStore, records: TokenRecord[]): Promise<void> {
  // A few at a time: enough parallelism to be quick, not enough to throttle a local endpoint.
  for (let i = 0; i < records.length; i += 25) {
    await Promise.all(records.slice(i, i + 25).map((r) => store.create(r)));
  }
}
