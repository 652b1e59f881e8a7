/**
 * The native scrypt backend (RFC 7914): Node's `crypto.scrypt`, which runs OpenSSL's
 * implementation on the libuv thread pool and never blocks the event loop. At most
 * {@link NODE_CONCURRENCY} derivations are handed to the pool at once: as many as the machine has
 * cores (more only queue inside the pool and compete with the main thread for CPU), and always
 * one pool thread fewer than the pool size, so `dns.lookup` and `fs` calls — which share the
 * pool, and which the DynamoDB client's connections need — are not starved by a burst of
 * verifies. Only the Node entry imports this file; the browser entry's graph never reaches
 * `node:crypto`.
 */
import { scrypt as nodeScryptCallback } from "node:crypto";
import { availableParallelism } from "node:os";
import type { RawScryptParams } from "./scrypt-params.js";
import { Semaphore } from "./semaphore.js";

const poolSize = Number(process.env["UV_THREADPOOL_SIZE"]) || 4;

/** How many native derivations may be on the libuv pool at once. */
export const NODE_CONCURRENCY = Math.max(1, Math.min(poolSize - 1, availableParallelism()));

const gate = new Semaphore(NODE_CONCURRENCY);

function derive(
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

export function nodeScrypt(
  password: Uint8Array,
  salt: Uint8Array,
  params: RawScryptParams,
  maxmem: number,
): Promise<Uint8Array> {
  return gate.run(() => derive(password, salt, params, maxmem));
}
