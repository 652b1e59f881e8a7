/**
 * Small helpers of the conformance suite: fresh ids, records with future times (DynamoDB TTL
 * must never race a test), and readers that normalise what a harness's `peek` returns.
 */
import type { TokenRecord } from "../../port.js";
import { BASE62, TOKEN_ID_LENGTH } from "../token-model/index.js";

/** A fresh random token id (21 base62 characters; uniformity does not matter to a test). */
export function newTokenId(): string {
  const bytes = globalThis.crypto.getRandomValues(new Uint8Array(TOKEN_ID_LENGTH));
  let id = "";
  for (const byte of bytes) id += BASE62.charAt(byte % BASE62.length);
  return id;
}

/** Now, in Unix seconds. */
export const NOW = Math.floor(Date.now() / 1000);
/** A year from now: far enough that no TTL sweeper touches it during a run. */
export const NEXT_YEAR = NOW + 365 * 24 * 3600;

/** B64 of the PHC string format: standard alphabet, no padding. */
function b64(bytes: Uint8Array): string {
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/=+$/, "");
}

/**
 * A stand-in scrypt PHC string of random salt and hash bytes, made at run time so that no source
 * file holds a hash-shaped string. Storage never interprets it; nothing can verify against it.
 */
export function placeholderPhc(ln = 4, saltBytes = 16, hashBytes = 32): string {
  const random = (length: number): Uint8Array =>
    globalThis.crypto.getRandomValues(new Uint8Array(length));
  return `$scrypt$ln=${ln},r=8,p=1$${b64(random(saltBytes))}$${b64(random(hashBytes))}`;
}

/** A stand-in PHC string (see {@link placeholderPhc}). */
export const PHC_A = placeholderPhc(4);
/** Another stand-in PHC string. */
export const PHC_B = placeholderPhc(5);

/** A valid record with a fresh id; `overrides` replace fields. */
export function makeRecord(overrides: Partial<TokenRecord> = {}): TokenRecord {
  return {
    tokenId: newTokenId(),
    secretPhc: PHC_A,
    owner: "alice",
    isAdmin: false,
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
