/**
 * The portable scrypt backend (RFC 7914) on @noble/hashes' `scryptAsync`, which yields to the
 * event loop every few milliseconds. Derivations run behind a small semaphore: each holds
 * 128·r·(N+p+1) bytes, so with a cap of 2, 500 concurrent calls keep at most two buffers alive
 * (2 × 16 MiB at the default N=2^14, r=8) instead of 500. Two, not one, keeps a short hash from
 * waiting behind a long one; more buys nothing on one JavaScript thread.
 */
import { scryptAsync } from "@noble/hashes/scrypt.js";
import type { RawScryptParams } from "./scrypt-params.js";
import { Semaphore } from "./semaphore.js";

/** How many noble derivations may hold memory at the same time. */
export const NOBLE_CONCURRENCY = 2;

const gate = new Semaphore(NOBLE_CONCURRENCY);

export function nobleScrypt(
  password: Uint8Array,
  salt: Uint8Array,
  params: RawScryptParams,
  maxmem: number,
): Promise<Uint8Array> {
  return gate.run(() => scryptAsync(password, salt, { ...params, maxmem }));
}
