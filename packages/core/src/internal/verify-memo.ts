/**
 * The verified-secret memo (ARCHITECTURE "Performance shape"). After scrypt confirmed that a secret
 * matches a stored PHC string, remember HMAC-SHA256(key, phc ‖ 0x00 ‖ secret) in a bounded LRU, so
 * the same token presented again skips scrypt. scrypt(secret, phc) = match is a pure function of
 * its two inputs, so an entry can never go stale: revocation, expiry, owner and the current hash
 * itself come from the fresh read on every verify, and a changed hash simply misses.
 *
 * The key is 32 random bytes made per instance and never leaves it; entries are one-way digests of
 * 256-bit secrets, so a memory dump of the memo alone reveals no usable secret. Memory is bounded
 * by `maxEntries` × (a 43-character key string + the parameters object).
 */
import { createHmac, randomBytes } from "node:crypto";
import type { ScryptParams } from "@pat/crypto";

/** A bounded LRU of (phc, secret) pairs known to match, with the parameters of the hash. */
export class VerifyMemo {
  readonly #key = randomBytes(32);
  readonly #entries = new Map<string, ScryptParams>();
  readonly #maxEntries: number;

  constructor(maxEntries: number) {
    this.#maxEntries = maxEntries;
  }

  /** Number of entries held. */
  get size(): number {
    return this.#entries.size;
  }

  #digest(phc: string, secret: Uint8Array): string {
    return createHmac("sha256", this.#key)
      .update(phc, "utf8")
      .update(Uint8Array.of(0))
      .update(secret)
      .digest("base64url");
  }

  /** The parameters of `phc` if this secret was seen to match it; marks the entry recently used. */
  get(phc: string, secret: Uint8Array): ScryptParams | undefined {
    if (this.#maxEntries === 0) return undefined;
    const digest = this.#digest(phc, secret);
    const params = this.#entries.get(digest);
    if (params !== undefined) {
      this.#entries.delete(digest);
      this.#entries.set(digest, params);
    }
    return params;
  }

  /** Remembers that `secret` matches `phc`, dropping the least recently used entry when full. */
  set(phc: string, secret: Uint8Array, params: ScryptParams): void {
    if (this.#maxEntries === 0) return;
    const digest = this.#digest(phc, secret);
    this.#entries.delete(digest);
    this.#entries.set(digest, params);
    if (this.#entries.size > this.#maxEntries) {
      const oldest = this.#entries.keys().next();
      if (oldest.done !== true) this.#entries.delete(oldest.value);
    }
  }

  /** Forgets every entry. */
  clear(): void {
    this.#entries.clear();
  }
}
