/**
 * The refused-secret memo: a bounded LRU of keyed digests (see `secret-digest.ts`) of
 * (stored hash, secret) pairs that a derivation found not to match. A wrong secret presented
 * again against the same stored hash is then refused without another scrypt. scrypt's answer is
 * a pure function of the pair, so an entry is never stale and can never refuse a correct secret:
 * a correct pair is never entered, and a changed stored hash makes a different digest. It holds
 * digests only, never a secret; memory is bounded by `maxEntries` × one 43-character string.
 *
 * It does not help against distinct wrong secrets (each one costs a derivation); fairness is
 * the scheduler's job.
 */

/** A bounded LRU set of digests. */
export class RefusedMemo {
  readonly #entries = new Set<string>();
  readonly #maxEntries: number;

  constructor(maxEntries: number) {
    this.#maxEntries = maxEntries;
  }

  /** Number of entries held. */
  get size(): number {
    return this.#entries.size;
  }

  /** Whether `digest` is held; marks it recently used. */
  has(digest: string): boolean {
    if (!this.#entries.delete(digest)) return false;
    this.#entries.add(digest);
    return true;
  }

  /** Remembers `digest`, dropping the least recently used entry when full. */
  add(digest: string): void {
    if (this.#maxEntries === 0) return;
    this.#entries.delete(digest);
    this.#entries.add(digest);
    if (this.#entries.size > this.#maxEntries) {
      const oldest = this.#entries.values().next();
      if (oldest.done !== true) this.#entries.delete(oldest.value);
    }
  }
}
