/**
 * The native scrypt backend (RFC 7914): Node's `crypto.scrypt`, which runs OpenSSL's
 * implementation on the libuv thread pool and never blocks the event loop. The pool (4 threads
 * by default, `UV_THREADPOOL_SIZE`) already bounds how many derivations hold memory at once.
 * Only the Node entry imports this file; the browser entry's graph never reaches `node:crypto`.
 */
import { scrypt as nodeScryptCallback } from "node:crypto";
import type { RawScryptParams } from "./scrypt-params.js";

export function nodeScrypt(
  password: Uint8Array,
  salt: Uint8Array,
  params: RawScryptParams,
  maxmem: number,
): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    nodeScryptCallback(
      password,
      salt,
      params.dkLen,
      { N: params.N, r: params.r, p: params.p, maxmem },
      (error, key) => {
        if (error) reject(error);
        else resolve(new Uint8Array(key.buffer, key.byteOffset, key.byteLength));
      },
    );
  });
}
