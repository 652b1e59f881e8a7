/**
 * Transparent rehash: after a successful verify of a stored hash weaker than the configured
 * parameters, replace it in the background. The new hash takes, for each parameter, the larger of
 * the stored and the configured value, so a rehash never weakens anything; the write is
 * conditional on the stored hash still being the one just verified (a concurrent change wins);
 * failures are swallowed (the next verify retries) and nothing is logged, since the work involves
 * a secret. The new hash goes into the verified-secret memo, so the next verify skips scrypt.
 *
 * Moving between algorithms is the same mechanism: a verified hash of another algorithm than
 * the configured `hashAlgorithm` is replaced by a hash of the configured one (scrypt with the
 * configured parameters, or the fast hash with the configured salt length), in either
 * direction. A fast hash is "weaker" only in its salt length.
 */
import { hashSecret, hashSecretHmac, type ScryptParams } from "@pat/crypto";
import type { TokenRecord, TokenStore } from "@pat/store";
import { withinVerifyBounds, type HashParams } from "./config.js";
import type { HashAlgorithm, StoredHash } from "./stored-hash.js";
import type { VerifyMemo } from "./verify-memo.js";

/** What a rehash writes: a scrypt hash with these parameters, or a fast hash with this salt. */
type RehashTarget =
  | { readonly algorithm: "scrypt"; readonly params: ScryptParams }
  | { readonly algorithm: "hmac-sha256"; readonly saltLength: number };

/** Runs the rehashes of one `Pat`: at most one per token id at a time. */
export class Rehasher {
  readonly #store: TokenStore;
  readonly #memo: VerifyMemo;
  readonly #configured: HashParams;
  readonly #algorithm: HashAlgorithm;
  /** Told of each stored hash this rehasher replaced (must not throw). */
  readonly #onRehashed: (tokenId: string) => void;
  /** Rehashes in flight, by token id. */
  readonly #running = new Map<string, Promise<void>>();

  constructor(
    store: TokenStore,
    memo: VerifyMemo,
    configured: HashParams,
    algorithm: HashAlgorithm = "scrypt",
    onRehashed: (tokenId: string) => void = () => undefined,
  ) {
    this.#store = store;
    this.#memo = memo;
    this.#configured = configured;
    this.#algorithm = algorithm;
    this.#onRehashed = onRehashed;
  }

  /**
   * What a rehash of `stored` would write, or undefined when nothing is to be gained: another
   * algorithm than the configured one moves to the configured one; scrypt to scrypt follows
   * {@link Rehasher.target}; fast hash to fast hash only lengthens a shorter salt.
   */
  plan(stored: StoredHash): RehashTarget | undefined {
    const c = this.#configured;
    if (this.#algorithm === "hmac-sha256") {
      if (stored.algorithm === "hmac-sha256" && stored.params.saltLength >= c.saltLength) {
        return undefined;
      }
      return { algorithm: "hmac-sha256", saltLength: c.saltLength };
    }
    if (stored.algorithm === "hmac-sha256") {
      const { maxmem, ...params } = c;
      return withinVerifyBounds(params, maxmem) ? { algorithm: "scrypt", params } : undefined;
    }
    const params = this.target(stored.params);
    return params === undefined ? undefined : { algorithm: "scrypt", params };
  }

  /**
   * The parameters a rehash of a hash made with `stored` would use: each one the larger of the
   * stored and the configured value. Undefined when that is `stored` itself (nothing to gain), or
   * when the combination is beyond what the configured verify accepts (memory above `maxmem`,
   * work above `SCRYPT_PARAM_BOUNDS.work`, a PHC string longer than a record holds): then the
   * stored hash stays as it is.
   */
  target(stored: ScryptParams): ScryptParams | undefined {
    const c = this.#configured;
    const target: ScryptParams = {
      cost: Math.max(stored.cost, c.cost),
      blockSize: Math.max(stored.blockSize, c.blockSize),
      parallelization: Math.max(stored.parallelization, c.parallelization),
      keyLength: Math.max(stored.keyLength, c.keyLength),
      saltLength: Math.max(stored.saltLength, c.saltLength),
    };
    if (
      target.cost === stored.cost &&
      target.blockSize === stored.blockSize &&
      target.parallelization === stored.parallelization &&
      target.keyLength === stored.keyLength &&
      target.saltLength === stored.saltLength
    ) {
      return undefined;
    }
    return withinVerifyBounds(target, c.maxmem) ? target : undefined;
  }

  /**
   * Starts replacing `record`'s hash (verified with `secret`, made with `stored`) when a stronger
   * one is possible or the configured algorithm is another ({@link Rehasher.plan}), without
   * waiting for it. A rehash already running for the token makes this a
   * no-op (the next verify retries if needed).
   */
  start(record: TokenRecord, secret: Uint8Array, stored: StoredHash): void {
    if (this.#running.has(record.tokenId)) return;
    const target = this.plan(stored);
    if (target === undefined) return;
    const running = this.#rehash(record, secret, target).finally(() => {
      this.#running.delete(record.tokenId);
    });
    this.#running.set(record.tokenId, running);
  }

  /** Resolves once no rehash is in flight (also those started while waiting). Never rejects. */
  async idle(): Promise<void> {
    while (this.#running.size > 0) await Promise.all(this.#running.values());
  }

  /** Hashes with `target`, writes conditionally, memoises. Never rejects (see the file comment). */
  async #rehash(record: TokenRecord, secret: Uint8Array, target: RehashTarget): Promise<void> {
    try {
      const { maxmem } = this.#configured;
      const secretPhc =
        target.algorithm === "scrypt"
          ? await hashSecret(secret, {
              ...target.params,
              ...(maxmem === undefined ? {} : { maxmem }),
            })
          : await hashSecretHmac(secret, { saltLength: target.saltLength });
      const updated = await this.#store.update(
        record.tokenId,
        { secretPhc },
        { expectedSecretPhc: record.secretPhc },
      );
      if (updated !== null && updated.secretPhc === secretPhc) {
        if (target.algorithm === "scrypt") {
          this.#memo.set(this.#memo.digest(secretPhc, secret), target.params);
        }
        this.#onRehashed(record.tokenId);
      }
    } catch {
      // Deliberately ignored: the token verified either way, and the next verify retries.
    }
  }
}
