/**
 * Pat: the token façade. It owns everything that needs both the secret and the store: hashing on
 * issue, the ordered checks of verify, and the verified-secret memo; transparent rehash
 * (`rehash.ts`), bootstrap (`bootstrap.ts`) and the list options (`list-options.ts`) have modules
 * of their own. Every method validates its arguments before any hashing or storage call
 * (`INVALID_INPUT`, nothing written). Storage semantics (atomicity, conditional writes) are the
 * store's; this class only decides what to ask for.
 */
import {
  SCRYPT_CONCURRENCY,
  SECRET_BYTES,
  base64UrlEncode,
  formatChecksummedToken,
  formatToken,
  generateTokenId,
  parseToken,
  randomBytes,
  type HashSecretOptions,
  type VerifySecretOptions,
} from "@pat/crypto";
import {
  InvalidConfigError,
  StorageError,
  checkOwner,
  checkTokenId,
  copyRecord,
  retiredByRotation,
  toPublicRecord,
  toValidRecord,
  type PublicTokenRecord,
  type TokenRecord,
  type TokenStore,
} from "@pat/store";
import {
  checkBatchLoadParams,
  checkIssueParams,
  checkNewOwner,
  checkRegisterParams,
  checkRevokeOptions,
  checkUpdateParams,
  type NewRecordFields,
} from "./arguments.js";
import { bootstrapFirstAdmin, type BootstrapContext } from "./bootstrap.js";
import { resolvePatConfig, type PatConfig } from "./config.js";
import { BOOTSTRAP_KEYS, GENERATE_KEYS, ownKnownKeys } from "./known-keys.js";
import { checkListOptions, listedRecords } from "./list-options.js";
import { checkExpiryPolicy, updateTouchesExpiry } from "./policies.js";
import { Observer } from "./observe.js";
import { Rehasher } from "./rehash.js";
import { SecretChecker } from "./secret-checker.js";
import { hashNewSecret } from "./stored-hash.js";
import {
  checkRotateOptions,
  completeRotationOnFirstUse,
  type RotateOptions,
  type RotateResult,
} from "./rotate.js";
import {
  refuse,
  type BatchLoadOptions,
  type BatchLoadResult,
  type BootstrapParams,
  type GenerateParams,
  type GenerateResult,
  type IssueParams,
  type IssueResult,
  type ListOptions,
  type PatOptions,
  type RegisterParams,
  type RevokeOptions,
  type UpdateParams,
  type VerifyResult,
} from "./types.js";
import { VerifyMemo } from "./verify-memo.js";

/**
 * Reads of one verify in all when its confirming write keeps finding the record changed since it
 * was read (an admin change racing the verify); after that, verify throws `STORAGE_ERROR`.
 */
const CONFIRM_ATTEMPTS = 3;

/**
 * Personal access tokens over any {@link TokenStore}: issue, verify, update, revoke, restore, list.
 *
 * Construction validates every option and throws `InvalidConfigError` (`INVALID_CONFIG`) naming
 * the option (an unknown option key too). Methods throw `InvalidInputError` (`INVALID_INPUT`) for
 * bad arguments (an unknown key included; only own properties are read) before any
 * hashing or storage call, `TokenNotFoundError` / `TokenExistsError` as documented per method, and
 * `StorageError` (`STORAGE_ERROR`) when the backend fails. No message contains a secret or a hash.
 *
 * @example
 * ```ts
 * import { Pat, MemoryTokenStore } from "@pat/core";
 * const pat = new Pat({ store: new MemoryTokenStore() });
 * const { token, record } = await pat.issue({ owner: "alice@example.com", roles: ["reader"] });
 * const result = await pat.verify(token);
 * if (result.valid) console.log(result.record.owner, result.record.roles);
 * ```
 */
export class Pat {
  readonly #config: PatConfig;
  readonly #store: TokenStore;
  readonly #memo: VerifyMemo;
  /** Step 3 of verify: memos, the fair scrypt scheduler, the fast hash. */
  readonly #secrets: SecretChecker;
  /** Options of every new hash (configured parameters and memory budget). */
  readonly #hashOptions: HashSecretOptions;
  /** `{ maxmem }` when configured, else `{}`: the memory option of every verify. */
  readonly #verifyOptions: VerifySecretOptions;
  /** Undefined when `rehash` is off. */
  readonly #rehasher: Rehasher | undefined;
  readonly #bootstrap: BootstrapContext;
  /** Events and telemetry (`onEvent`, `telemetry`); `emit` reports what no public call's answer shows. */
  readonly #observer: Observer;

  constructor(options: PatOptions) {
    const config = resolvePatConfig(options);
    this.#config = config;
    this.#observer = new Observer(options, config.clock, config.tokenPrefix);
    this.#store = config.store;
    this.#memo = new VerifyMemo(config.verifyCacheEntries);
    const { maxmem, ...params } = config.hash;
    this.#verifyOptions = Object.freeze(maxmem === undefined ? {} : { maxmem });
    this.#hashOptions = Object.freeze({ ...params, ...this.#verifyOptions });
    this.#secrets = new SecretChecker({
      memo: this.#memo,
      refusedEntries: config.verifyCacheEntries,
      concurrency: SCRYPT_CONCURRENCY,
      verifyOptions: this.#verifyOptions,
    });
    this.#rehasher = config.rehash
      ? new Rehasher(this.#store, this.#memo, config.hash, config.hashAlgorithm, (tokenId) =>
          this.#observer.emit({ type: "rehashed", tokenId }),
        )
      : undefined;
    this.#bootstrap = {
      store: this.#store,
      tokenPrefix: config.tokenPrefix,
      bootstrapPhc: config.bootstrapPhc,
      verifyOptions: this.#verifyOptions,
      now: () => this.#now(),
    };
    this.#observer.instrument(this);
  }

  /** The configured token prefix. */
  get tokenPrefix(): string {
    return this.#config.tokenPrefix;
  }

  /** The store this instance reads and writes. */
  get store(): TokenStore {
    return this.#store;
  }

  /** Current time in whole Unix seconds, from the injected clock (milliseconds). */
  #now(): number {
    const ms = this.#config.clock();
    if (typeof ms !== "number" || !Number.isFinite(ms) || ms < 0) {
      throw new InvalidConfigError(
        `clock must return milliseconds since the epoch (got ${typeof ms === "number" ? String(ms) : typeof ms})`,
      );
    }
    return Math.floor(ms / 1000);
  }

  /**
   * Makes a token and the PHC hash of its secret without storing anything (pair it with
   * {@link Pat.register} later). Throws `INVALID_INPUT` for a malformed `tokenId`.
   *
   * @example
   * ```ts
   * const { token, tokenId, secretPhc } = await pat.generate();
   * ```
   */
  async generate(input: GenerateParams = {}): Promise<GenerateResult> {
    const params = ownKnownKeys(input, GENERATE_KEYS, "generate params", "input");
    if (params.tokenId !== undefined) checkTokenId(params.tokenId);
    return this.#generate(params.tokenId);
  }

  /** {@link Pat.generate} after its checks. */
  async #generate(givenTokenId: string | undefined): Promise<GenerateResult> {
    const tokenId = givenTokenId ?? generateTokenId();
    const secret = randomBytes(SECRET_BYTES);
    const secretPhc = await hashNewSecret(secret, this.#config.hashAlgorithm, this.#hashOptions);
    const prefix = this.#config.tokenPrefix;
    return {
      token:
        this.#config.policies.tokenFormat === "checksummed"
          ? formatChecksummedToken(prefix, tokenId, secret)
          : formatToken(prefix, tokenId, base64UrlEncode(secret)),
      tokenId,
      secretPhc,
    };
  }

  /**
   * Stores a record for a token made elsewhere (e.g. by {@link Pat.generate}). The PHC string is
   * checked (`INVALID_INPUT` when unusable). Throws `TOKEN_EXISTS` (`Token ID already exists: <id>`)
   * for a taken id. Resolves the stored record.
   *
   * @example
   * ```ts
   * const { tokenId, secretPhc } = await pat.generate();
   * await pat.register({ tokenId, secretPhc, owner: "ci@example.com", roles: ["deploy"] });
   * ```
   */
  async register(params: RegisterParams): Promise<TokenRecord> {
    const { tokenId, secretPhc, ...fields } = checkRegisterParams(params, this.#config.hash.maxmem);
    checkExpiryPolicy(this.#config.policies, fields.expiresAt, this.#now());
    const record = this.#newRecord(tokenId, secretPhc, fields);
    await this.#store.create(record);
    return copyRecord(record);
  }

  /**
   * Makes a token and stores its record in one conditional write: of concurrent issues with one
   * `tokenId`, exactly one succeeds and the others throw `TOKEN_EXISTS`. The token is returned
   * once and stored nowhere; the record answered is the stored one without `secretPhc` (as
   * @access-tokens/core answers it). Throws `INVALID_INPUT` for bad arguments.
   *
   * @example
   * ```ts
   * const { token, record } = await pat.issue({ owner: "alice@example.com", isAdmin: false });
   * ```
   */
  async issue(params: IssueParams): Promise<IssueResult> {
    const { tokenId: givenTokenId, ...fields } = checkIssueParams(params);
    checkExpiryPolicy(this.#config.policies, fields.expiresAt, this.#now());
    const { token, tokenId, secretPhc } = await this.#generate(givenTokenId);
    const record = this.#newRecord(tokenId, secretPhc, fields);
    await this.#store.create(record);
    return { token, record: toValidRecord(record) };
  }

  /** The record `register` and `issue` store, created now. */
  #newRecord(tokenId: string, secretPhc: string, fields: NewRecordFields): TokenRecord {
    const { owner, isAdmin, roles, expiresAt, ...labels } = fields;
    return {
      tokenId,
      secretPhc,
      owner,
      isAdmin,
      ...(roles === undefined ? {} : { roles }),
      createdAt: this.#now(),
      ...(expiresAt === undefined ? {} : { expiresAt }),
      ...labels,
    };
  }

  /**
   * Checks a presented token. Never throws for any input (only `STORAGE_ERROR` when the backend
   * fails). Checks, in order: prefix, format, record (`not_found`), stored hash (`invalid_phc`,
   * `unsupported_algorithm`, `invalid_parameters`), secret (`invalid_secret`), `revoked`,
   * `expired` (expiresAt <= now), then records `lastUsedAt` with a conditional write that answers
   * `revoked` / `not_found` if the token was revoked or deleted meanwhile, and that confirms the
   * record read: if its hash, owner, admin flag, roles or expiry changed meanwhile, the answer
   * comes from a fresh read (a verify racing `update` never answers from the stale record; after
   * 3 reads that each changed before their write, `STORAGE_ERROR`). With
   * `lastUsedResolutionSeconds` > 0, a skipped write confirms nothing. `revoked` and `expired`
   * carry the record; the record never holds `secretPhc` or `revokedAt`.
   *
   * @example
   * ```ts
   * const result = await pat.verify(token);
   * if (!result.valid) console.log(result.reason); // e.g. "revoked"
   * ```
   */
  async verify(token: string): Promise<VerifyResult> {
    // 1. Prefix and format: no storage, no hashing.
    const parsed = parseToken(this.#config.tokenPrefix, token);
    if ("reason" in parsed) return refuse(parsed.reason);
    return this.#verifyStored(parsed.tokenId, parsed.secret, CONFIRM_ATTEMPTS);
  }

  /**
   * Steps 2-6 of {@link Pat.verify}. When the confirming write finds the record changed since
   * it was read, the answer comes from a fresh read, at most `attempts` reads in all.
   */
  async #verifyStored(
    tokenId: string,
    secret: Uint8Array,
    attempts: number,
  ): Promise<VerifyResult> {
    // 2. The record (a token id is not a secret: `not_found` costs no scrypt).
    const record = await this.#store.get(tokenId);
    if (record === null) return refuse("not_found");

    // 3. The secret against the stored hash: memos, else scrypt in its fair turn among token
    //    ids (`secret-checker.ts`), or the fast hash; the stored string is checked too.
    const checked = await this.#secrets.check(tokenId, record.secretPhc, secret);
    if (!checked.ok) return refuse(checked.reason);

    // 4. State, now that the secret matched: revoked (or replaced by rotation) before expired.
    const now = this.#now();
    if (record.revokedAt !== undefined || retiredByRotation(record, now)) {
      return { valid: false, reason: "revoked", record: toValidRecord(record) };
    }
    if (typeof record.expiresAt === "number" && record.expiresAt <= now) {
      return { valid: false, reason: "expired", record: toValidRecord(record) };
    }

    // 5. lastUsedAt: a conditional write, skipped while the stored value is recent enough.
    let lastUsedAt = record.lastUsedAt;
    const resolution = this.#config.lastUsedResolutionSeconds;
    const fresh =
      resolution > 0 &&
      lastUsedAt !== undefined &&
      now - lastUsedAt < resolution &&
      lastUsedAt <= now;
    if (!fresh) {
      // Conditional on the record read: a change committed since is never confirmed stale.
      const outcome = await this.#store.touch(tokenId, now, record);
      if (outcome === "changed") {
        if (attempts > 1) return this.#verifyStored(tokenId, secret, attempts - 1);
        throw new StorageError(
          `Token ${tokenId} changed during each of ${CONFIRM_ATTEMPTS} verify attempts`,
          "TokenChangedDuringVerify",
        );
      }
      if (outcome === "revoked") {
        return { valid: false, reason: "revoked", record: toValidRecord(record) };
      }
      if (outcome === "not_found") return refuse("not_found");
      lastUsedAt = now;
    }

    // 6. Valid; a successor's first use retires its predecessor before this answer (`rotate.ts`);
    // a weaker stored hash is replaced in the background, after it.
    const answered =
      record.awaitingFirstUse === true
        ? await completeRotationOnFirstUse(this.#store, record, now)
        : record;
    this.#rehasher?.start(record, secret, checked.hash);
    return { valid: true, record: toValidRecord(answered, lastUsedAt) };
  }

  /**
   * Resolves once the background work of this instance has settled: the transparent rehashes
   * (`rehash: true`) started by earlier verifies, including any started while waiting. Verify
   * never waits for them; await this before a process or a serverless invocation ends, so an
   * upgrade in flight is not cut off (it would be done by a later verify), and in tests. Never
   * rejects: a failed rehash is left for the next verify.
   *
   * @example
   * ```ts
   * await pat.verify(token);
   * await pat.idle(); // the stored hash is upgraded, if it needed to be
   * ```
   */
  async idle(): Promise<void> {
    await this.#rehasher?.idle();
  }

  /**
   * Changes a token in one atomic write. `roles` is an array (replace; `[]` clears), `{ add }` or
   * `{ remove }` (atomic set operations; an empty list does nothing); `expiresAt: null` removes
   * the expiry. Everything is validated first (`INVALID_INPUT`, nothing written); an update with
   * nothing in it does nothing and does not touch storage. Throws `TOKEN_NOT_FOUND`.
   *
   * @example
   * ```ts
   * await pat.update(tokenId, { roles: { add: ["admin"] }, expiresAt: null });
   * ```
   */
  async update(tokenId: string, updates: UpdateParams): Promise<void> {
    checkTokenId(tokenId);
    const changes = checkUpdateParams(updates, this.#config.hash.maxmem);
    if (updateTouchesExpiry(this.#config.policies, changes.expiresAt)) {
      checkExpiryPolicy(this.#config.policies, changes.expiresAt, this.#now());
    }
    if (Object.keys(changes).length === 0) return;
    await this.#store.update(tokenId, changes);
  }

  /**
   * Revokes a token (idempotent: the first `revokedAt` stays). With `expiresAt`, the expiry
   * becomes the earlier of it and the current one (cleanup time; revoking never extends a token).
   * Throws `TOKEN_NOT_FOUND`, `INVALID_INPUT`.
   *
   * @example
   * ```ts
   * await pat.revoke(tokenId, { expiresAt: Math.floor(Date.now() / 1000) + 30 * 86400 });
   * ```
   */
  async revoke(tokenId: string, options: RevokeOptions = {}): Promise<void> {
    checkTokenId(tokenId);
    const cleanup = checkRevokeOptions(options);
    await this.#store.revoke(tokenId, { revokedAt: this.#now(), ...cleanup });
  }

  /**
   * Undoes a revoke (idempotent) and gives back the expiry the token had before it was revoked.
   * Throws `TOKEN_NOT_FOUND`, `INVALID_INPUT`.
   *
   * @example
   * ```ts
   * await pat.restore(tokenId);
   * ```
   */
  async restore(tokenId: string): Promise<void> {
    checkTokenId(tokenId);
    await this.#store.restore(tokenId);
  }

  /**
   * Replaces a token's secret: a new token (new id, `rotatedFrom` the old id) for the same owner,
   * admin flag, roles and expiry, while the old secret keeps working for `graceSeconds` (default
   * 0: retired at once) or, with `untilFirstUse`, until the new token's first successful verify.
   * Afterwards the old secret verifies as `revoked`. Atomic: of concurrent rotations of one token
   * exactly one succeeds. Throws `TOKEN_NOT_FOUND`, `TokenStateError` (`TOKEN_REVOKED`,
   * `TOKEN_EXPIRED`, `TOKEN_ROTATED`, `ROTATION_PENDING`), `INVALID_INPUT`. See `rotate.ts`.
   *
   * @example
   * ```ts
   * const { token, record } = await pat.rotate(tokenId, { graceSeconds: 3600 });
   * ```
   */
  async rotate(tokenId: string, options: RotateOptions = {}): Promise<RotateResult> {
    checkTokenId(tokenId);
    const { graceSeconds, untilFirstUse } = checkRotateOptions(options);
    const { token, tokenId: successorId, secretPhc } = await this.#generate(undefined);
    const rotatedAt = this.#now();
    const { successor } = await this.#store.rotate(tokenId, {
      successorId,
      secretPhc,
      rotatedAt,
      ...(graceSeconds === undefined ? {} : { graceEndsAt: rotatedAt + graceSeconds }),
      untilFirstUse,
    });
    return { token, record: toValidRecord(successor) };
  }

  /**
   * Every token, lazily paged from storage, without `secretPhc` unless `includeSecretPhc`.
   * `afterTokenId` resumes after a given id, `limit` caps how many are yielded, `hasRole` filters,
   * `batchLimit` is the page size asked of storage (default: DynamoDB sizes its pages, up to 1 MB,
   * or `limit` when there is no `hasRole`). Revoked and expired tokens are included (filter on
   * `revokedAt` / `expiresAt`).
   * Options are checked at the call (`INVALID_INPUT`).
   *
   * @example
   * ```ts
   * for await (const record of pat.list({ hasRole: "admin", limit: 10 })) console.log(record.tokenId);
   * ```
   */
  list(
    options: ListOptions & { includeSecretPhc: true },
  ): AsyncGenerator<TokenRecord, void, undefined>;
  list(options?: ListOptions): AsyncGenerator<PublicTokenRecord, void, undefined>;
  list(options: ListOptions = {}): AsyncGenerator<PublicTokenRecord, void, undefined> {
    const checked = checkListOptions(options, () => this.#now());
    return listedRecords(this.#store.scan(checked.scan), checked);
  }

  /**
   * Like {@link Pat.list}, for one owner's tokens (DynamoDB: the owner index).
   * Throws `INVALID_INPUT` for a bad owner or options.
   *
   * @example
   * ```ts
   * for await (const record of pat.listByOwner("alice@example.com")) console.log(record.tokenId);
   * ```
   */
  listByOwner(
    owner: string,
    options: ListOptions & { includeSecretPhc: true },
  ): AsyncGenerator<TokenRecord, void, undefined>;
  listByOwner(
    owner: string,
    options?: ListOptions,
  ): AsyncGenerator<PublicTokenRecord, void, undefined>;
  listByOwner(
    owner: string,
    options: ListOptions = {},
  ): AsyncGenerator<PublicTokenRecord, void, undefined> {
    checkOwner(owner);
    const checked = checkListOptions(options, () => this.#now());
    return listedRecords(this.#store.queryByOwner(owner, checked.scan), checked);
  }

  /**
   * Loads many tokens at once (an array or a Set of ids; duplicates read once). DynamoDB: 100
   * keys a request, at most `batchGetConcurrency` (default 4) in flight, unprocessed keys retried. Throws `INVALID_INPUT` for a
   * malformed id.
   *
   * @example
   * ```ts
   * const { found, notFound } = await pat.batchLoad([idA, idB]);
   * ```
   */
  batchLoad(
    tokenIds: Iterable<string>,
    options: BatchLoadOptions & { includeSecretPhc: true },
  ): Promise<BatchLoadResult<TokenRecord>>;
  batchLoad(tokenIds: Iterable<string>, options?: BatchLoadOptions): Promise<BatchLoadResult>;
  async batchLoad(
    tokenIds: Iterable<string>,
    options: BatchLoadOptions = {},
  ): Promise<BatchLoadResult> {
    const { ids, includeSecretPhc } = checkBatchLoadParams(tokenIds, options);
    if (ids.length === 0) return { found: [], notFound: [] };
    const { found, notFound } = await this.#store.batchGet(ids);
    return {
      found: found.map(includeSecretPhc ? copyRecord : toPublicRecord),
      notFound: [...notFound],
    };
  }

  /**
   * Number of tokens. Approximate on DynamoDB (DescribeTable's ItemCount, refreshed about every
   * six hours); exact in memory.
   *
   * @example
   * ```ts
   * const count = await pat.getCount();
   * ```
   */
  async getCount(): Promise<number> {
    return this.#store.approximateCount();
  }

  /**
   * Stores the first admin token: only with a configured `bootstrapPhc`, only when the presented
   * secret matches it, and only while the store holds no token (checked consistently; of
   * concurrent bootstraps, even under different token ids, exactly one is valid). Otherwise
   * resolves `not_found` (or the format / `invalid_secret` reason). Throws `INVALID_INPUT` for a
   * bad owner.
   *
   * @example
   * ```ts
   * const result = await pat.bootstrap(bootstrapToken, { owner: "root@example.com" });
   * ```
   */
  async bootstrap(token: string, input: BootstrapParams): Promise<VerifyResult> {
    const params = ownKnownKeys(input, BOOTSTRAP_KEYS, "bootstrap params", "input");
    checkNewOwner(params.owner);
    return bootstrapFirstAdmin(this.#bootstrap, token, params.owner);
  }
}
