/**
 * Small helpers of the conformance suite: fresh ids, records with future times (DynamoDB TTL
 * must never race a test), and readers that normalise what a harness's `peek` returns.
 */
import type { TokenRecord } from "../../port.js";

const BASE62 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

/** A fresh random token id (21 base62 characters). */
export function newTokenId(): string {
  const bytes = new Uint8Array(21);
  globalThis.crypto.getRandomValues(bytes);
  let id = "";
  for (const byte of bytes) id += BASE62[byte % 62];
  return id;
}

/** Now, in Unix seconds. */
export const NOW = Math.floor(Date.now() / 1000);
/** A year from now: far enough that no TTL sweeper touches it during a run. */
export const NEXT_YEAR = NOW + 365 * 24 * 3600;

/** A stand-in PHC string: storage never interprets it. */
export const PHC_A = "$scrypt$ln=4,r=8,p=1$c2FsdHNhbHRzYWx0$aGFzaGhhc2hoYXNoaGFzaA";
/** Another stand-in PHC string. */
export const PHC_B = "$scrypt$ln=5,r=8,p=1$b3RoZXJzYWx0b3RoZXI$b3RoZXJoYXNob3RoZXJoYXNo";

/** A valid record with a fresh id; `overrides` replace fields. */
export function makeRecord(overrides: Partial<TokenRecord> = {}): TokenRecord {
  return {
    tokenId: newTokenId(),
    secretPhc: PHC_A,
    owner: "alice",
    isAdmin: false,
    roles: [],
    createdAt: NOW,
    ...overrides,
  };
}

/** The roles of a raw item, sorted, whatever the storage type (`[]` when absent). */
export function rolesOf(item: Record<string, unknown> | null): string[] {
  const roles = item?.roles;
  if (roles === undefined || roles === null) return [];
  return [...(roles as Iterable<string>)].sort();
}

/** Everything an async iterable yields. */
export async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const value of iterable) out.push(value);
  return out;
}

/** Sorted copy. */
export function sorted(values: readonly string[]): string[] {
  return [...values].sort();
}
