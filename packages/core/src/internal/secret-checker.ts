/**
 * Step 3 of verify: does the presented secret match the stored hash? Cheapest answer first:
 *
 * 1. A fast-hash record (`$hmac-sha256$`) is checked at once: one HMAC costs less than a memo
 *    lookup, and there is no lever for a flood to pull.
 * 2. The verified-secret memo: a pair that matched before answers at once (warm entries never
 *    wait behind a flood).
 * 3. The refused-secret memo: a pair that failed before is refused at once.
 * 4. A stored string that cannot be used (`invalid_phc`, `unsupported_algorithm`,
 *    `invalid_parameters`) is refused without queueing.
 * 5. Otherwise scrypt runs in the fair scheduler: its turn among token ids, at most one
 *    derivation per id, identical concurrent pairs sharing one derivation. The answer fills the
 *    verified or the refused memo.
 *
 * Every step answers the same as a bare `verifySecret` would: the memos cache a pure function
 * of (stored hash, secret), the scheduler only orders work. So a wrong secret is never valid
 * and a correct one is never refused, only (under a flood of its own id) delayed.
 */
import { type VerifySecretOptions, type VerifySecretResult, verifySecret } from "@pat/crypto";
import { DerivationScheduler } from "./derivation-scheduler.js";
import { RefusedMemo } from "./refused-memo.js";
import { SecretDigest } from "./secret-digest.js";
import {
  checkStoredSecret,
  inspectStoredPhc,
  isFastHash,
  type StoredSecretCheck,
} from "./stored-hash.js";
import type { VerifyMemo } from "./verify-memo.js";

/** The scrypt check of a (secret, stored scrypt string) pair; injectable for tests. */
export type ScryptCheck = (
  secret: Uint8Array,
  phc: string,
  options: VerifySecretOptions,
) => Promise<VerifySecretResult>;

/** How a {@link SecretChecker} is set up. */
export interface SecretCheckerOptions {
  readonly memo: VerifyMemo;
  /** Most refused pairs remembered (0: none). */
  readonly refusedEntries: number;
  /** Most scrypt derivations at once. */
  readonly concurrency: number;
  readonly verifyOptions: VerifySecretOptions;
  /** Default: @pat/crypto's `verifySecret`. */
  readonly scrypt?: ScryptCheck | undefined;
}

/** Checks secrets against stored hashes (see the file comment). */
export class SecretChecker {
  readonly #memo: VerifyMemo;
  readonly #refused: RefusedMemo;
  readonly #scheduler: DerivationScheduler;
  readonly #verifyOptions: VerifySecretOptions;
  readonly #scrypt: ScryptCheck;
  /** Digests for sharing and refusals when the verified memo is off (it has its own key). */
  readonly #digest = new SecretDigest();

  constructor(options: SecretCheckerOptions) {
    this.#memo = options.memo;
    this.#refused = new RefusedMemo(options.refusedEntries);
    this.#scheduler = new DerivationScheduler(options.concurrency);
    this.#verifyOptions = options.verifyOptions;
    this.#scrypt = options.scrypt ?? verifySecret;
  }

  /** Whether `secret` matches `phc`, the stored hash of token `tokenId`. Never throws for any `phc`. */
  async check(tokenId: string, phc: string, secret: Uint8Array): Promise<StoredSecretCheck> {
    if (isFastHash(phc)) return checkStoredSecret(secret, phc, this.#verifyOptions);

    const digest = this.#memo.digest(phc, secret) ?? this.#digest.of(phc, secret);
    const params = this.#memo.get(digest);
    if (params !== undefined) return { ok: true, hash: { algorithm: "scrypt", params } };
    if (this.#refused.has(digest)) return { ok: false, reason: "invalid_secret" };
    const inspected = inspectStoredPhc(phc, this.#verifyOptions);
    if (!inspected.ok) return inspected;

    const checked = await this.#scheduler.run(tokenId, digest, async () => {
      const result = await this.#scrypt(secret, phc, this.#verifyOptions);
      if (result.ok) this.#memo.set(digest, result.params);
      else if (result.reason === "invalid_secret") this.#refused.add(digest);
      return result;
    });
    return checked.ok
      ? { ok: true, hash: { algorithm: "scrypt", params: checked.params } }
      : checked;
  }
}
