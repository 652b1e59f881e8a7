/**
 * The verified-secret memo, which lets a repeated token skip scrypt. After scrypt confirmed that a secret
 * matches a stored PHC string, remember HMAC-SHA256(key, len(phc) ‖ phc ‖ len(secret) ‖ secret)
 * in a bounded LRU, so the same token presented again skips scrypt. Both parts are prefixed with
 * their byte length (32-bit big-endian), so no two different (phc, secret) pairs feed the HMAC
 * the same bytes: ("p", [0, 1]) and ("p\0", [1]) are different entries. scrypt(secret, phc) = match
 * is a pure function of its two inputs, so an entry can never go stale: revocation, expiry, owner
 * and the current hash itself come from the fresh read on every verify, and a changed hash simply
 * misses.
 *
 * The key is 32 random bytes made per instance and never leaves it; entries are one-way digests of
 * 256-bit secrets, so a memory dump of the memo alone reveals no usable secret. Memory is bounded
 * by `maxEntries` × (a 43-character key string + the parameters object).
 *
 * The digest is `secret-digest.ts`'s, under a key of this memo's own. Its HMAC is @noble/hashes'
 * (not `node:crypto`'s), so this package loads in browsers and workers;
 * about 10 µs a digest here, against a verify's milliseconds of storage.
 *
 * Callers compute the digest once per verify ({@link VerifyMemo.digest}) and use it for both the
 * lookup and, after a miss that scrypt confirmed, the insertion.
 */
import type { ScryptParams } from "@pat/crypto";
import { SecretDigest } from "./secret-digest.js";

/** A bounded LRU of (phc, secret) pairs known to match, with the parameters of the hash. */
export class VerifyMemo {
  // Its own key: the digests of this memo and of the refused-secret memo never coincide.
  readonly #digests = new SecretDigest();
  readonly #entries = new Map<string, ScryptParams>();
  readonly #maxEntries: number;

  constructor(maxEntries: number) {
    this.#maxEntries = maxEntries;
  }

  /** Number of entries held. */
  get size(): number {
    return this.#entries.size;
  }

  /**
   * The entry key of a (phc, secret) pair, or undefined when the memo holds nothing
   * (`maxEntries` 0), so a disabled memo costs no HMAC.
   */
  digest(phc: string, secret: Uint8Array): string | undefined {
    if (this.#maxEntries === 0) return undefined;
    return this.#digests.of(phc, secret);
  }

  /** The parameters remembered under `digest`, if any; marks the entry recently used. */
  get(digest: string | undefined): ScryptParams | undefined {
    if (digest === undefined) return undefined;
    const params = this.#entries.get(digest);
    if (params !== undefined) {
      this.#entries.delete(digest);
      this.#entries.set(digest, params);
    }
    return params;
  }

  /** Remembers `params` under `digest`, dropping the least recently used entry when full. */
  set(digest: string | undefined, params: ScryptParams): void {
    if (digest === undefined || this.#maxEntries === 0) return;
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
