/**
 * Parameter rules of scrypt (RFC 7914): N a power of two above 1 and below 2^(16·r) (section 2),
 * r ≥ 1, p ≥ 1 with p·r < 2^30, dkLen ≥ 1. The memory a derivation needs is checked against a
 * budget before anything is allocated: 128·r·(N+p+2) bytes, which covers both OpenSSL's count
 * (V = 128·r·(N+2), B = 128·r·p) used by Node and @noble/hashes' 128·r·(N+p+1), so a call that
 * passes here never trips either backend's own `maxmem` check.
 */
import { invalidParameters } from "./errors.js";

/** Memory budget of one derivation unless `maxmem` says otherwise: 64 MiB. */
export const DEFAULT_MAXMEM = 64 * 1024 * 1024;

/** Raw scrypt parameters of RFC 7914: cost N, block size r, parallelization p, output length. */
export interface RawScryptParams {
  N: number;
  r: number;
  p: number;
  dkLen: number;
}

/** Bytes one derivation needs with these parameters (see the file comment). */
export function scryptMemory(N: number, r: number, p: number): number {
  return 128 * r * (N + p + 2);
}

function checkInteger(value: unknown, name: string, min: number, max: number): void {
  if (typeof value !== "number") throw new TypeError(`${name} must be a number`);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw invalidParameters(`${name} must be an integer from ${min} to ${max}`);
  }
}

/** Upper bound on dkLen accepted by this library (RFC 7914 allows up to (2^32-1)·32). */
const MAX_DK_LEN = 1 << 20;

/**
 * Validates RFC 7914 parameters and the memory budget; throws TypeError or CryptoError
 * `INVALID_PARAMETERS` naming the parameter and the bound.
 */
export function checkScryptParams(params: RawScryptParams, maxmem: number): void {
  checkInteger(maxmem, "maxmem", 1, Number.MAX_SAFE_INTEGER);
  checkInteger(params.r, "r", 1, 2 ** 30 - 1);
  checkInteger(params.p, "p", 1, 2 ** 30 - 1);
  checkInteger(params.dkLen, "dkLen", 1, MAX_DK_LEN);
  checkInteger(params.N, "N", 2, 2 ** 32);
  const { N, r, p } = params;
  if (!Number.isInteger(Math.log2(N))) {
    throw invalidParameters("N must be a power of two greater than 1");
  }
  if (r * p >= 2 ** 30) throw invalidParameters("r * p must be below 2^30 (RFC 7914)");
  if (16 * r < 53 && N >= 2 ** (16 * r)) {
    throw invalidParameters(`N must be below 2^(16 * r) = ${2 ** (16 * r)} (RFC 7914)`);
  }
  const need = scryptMemory(N, r, p);
  if (need > maxmem) {
    throw invalidParameters(
      `scrypt needs ${need} bytes (128 * r * (N + p + 2)) but maxmem is ${maxmem} bytes`,
    );
  }
}
