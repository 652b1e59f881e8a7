/**
 * scrypt (RFC 7914) with a choice of backend: Node's native `crypto.scrypt` where the entry point
 * provides it, @noble/hashes elsewhere. Both produce identical bytes (the RFC 7914 section 12
 * vectors prove it in the tests). Inputs and parameters are validated, and the memory need
 * compared with `maxmem`, before either backend allocates anything.
 */
import { toBytes } from "./bytes.js";
import { invalidInput } from "./errors.js";
import { nobleScrypt } from "./backend-noble.js";
import { checkRawScryptParams } from "./scrypt-checks.js";
import type { RawScryptParams } from "./scrypt-params.js";

/** Which implementation runs scrypt: `"auto"` is native where available, else noble. */
export type ScryptBackend = "auto" | "node" | "noble";

/** Options of {@link scrypt}: RFC 7914's N, r, p, dkLen plus a memory budget and a backend. */
export interface ScryptOptions {
  /** CPU/memory cost, a power of two greater than 1. */
  N: number;
  /** Block size, at least 1. */
  r: number;
  /** Parallelization, at least 1. */
  p: number;
  /** Derived key length in bytes, 1 to 1 048 576. */
  dkLen: number;
  /** Memory budget in bytes (default 64 MiB); checked against 128·r·(N+p+2) before allocating. */
  maxmem?: number;
  /** Implementation to use (default `"auto"`). */
  backend?: ScryptBackend;
}

/** A function computing scrypt once inputs are validated. */
export type ScryptImplementation = (
  password: Uint8Array,
  salt: Uint8Array,
  params: RawScryptParams,
  maxmem: number,
) => Promise<Uint8Array>;

/** The native implementation an entry point offers (`undefined` in the browser entry). */
export type NativeScrypt = ScryptImplementation | undefined;

export function checkBackend(backend: unknown): ScryptBackend {
  if (backend === undefined) return "auto";
  if (backend === "auto" || backend === "node" || backend === "noble") return backend;
  throw new TypeError('backend must be "auto", "node" or "noble"');
}

export function pickBackend(backend: ScryptBackend, native: NativeScrypt): ScryptImplementation {
  if (backend === "noble") return nobleScrypt;
  if (native) return native;
  if (backend === "node") {
    throw invalidInput('backend "node" is not available in this build; use "auto" or "noble"');
  }
  return nobleScrypt;
}

/** Validated scrypt, shared by the Node and browser entry points. */
export async function scryptWith(
  native: NativeScrypt,
  password: unknown,
  salt: unknown,
  options: ScryptOptions,
): Promise<Uint8Array> {
  if (typeof options !== "object" || options === null) {
    throw new TypeError("options must be an object with N, r, p and dkLen");
  }
  const passwordBytes = toBytes(password, "password");
  const saltBytes = toBytes(salt, "salt");
  const params: RawScryptParams = {
    N: options.N,
    r: options.r,
    p: options.p,
    dkLen: options.dkLen,
  };
  const maxmem = checkRawScryptParams(params, options.maxmem);
  const run = pickBackend(checkBackend(options.backend), native);
  return run(passwordBytes, saltBytes, params, maxmem);
}
