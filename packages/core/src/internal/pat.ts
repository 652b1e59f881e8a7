/**
 * Pat: the token façade of ARCHITECTURE "Behaviour of the façade". It owns everything that needs
 * both the secret and the store: hashing on issue, the ordered checks of verify, the verified-secret
 * memo, transparent rehash and bootstrap. Every method validates its arguments before any hashing
 * or storage call (`INVALID_INPUT`, nothing written). Storage semantics (atomicity, conditional
 * writes) are the store's; this class only decides what to ask for.
 */
import {
  DEFAULT_MAXMEM,
  SCRYPT_PARAM_BOUNDS,
  base64UrlEncode,
  formatToken,
  generateTokenId,
  hashSecret,
  parseToken,
  randomBytes,
  verifySecret,
  type ScryptParams,
  type VerifySecretResult,
} from "@pat/crypto";
import {
  InvalidConfigError,
  InvalidInputError,
  MAX_SECRET_PHC_LENGTH as MAX_PHC,
  type TokenChanges,
  type TokenRecord,
  type TokenStore,
} from "@pat/store";
import { phcLength, resolveConfig, type PatConfig } from "./config.js";
import { copyRecord, toPublicRecord, toValidRecord } from "./records.js";
import type {
  BatchLoadOptions,
  BatchLoadResult,
  BootstrapParams,
  GenerateParams,
  GenerateResult,
  IssueParams,
  IssueResult,
  ListOptions,
  PatOptions,
  PublicTokenRecord,
  RegisterParams,
  RevokeOptions,
  UpdateParams,
  VerifyFailureReason,
  VerifyResult,
} from "./types.js";
import {
  checkBoolean,
  checkObject,
  checkOwner,
  checkPhc,
  checkRole,
  checkRoles,
  checkRolesChange,
  checkTime,
  checkTokenId,
  isNoOpRolesChange,
} from "./validate.js";
import { VerifyMemo } from "./verify-memo.js";

/** Bytes of a token secret (ARCHITECTURE "Token format"). */
const SECRET_BYTES = 32;

/**
 * Test hook: resolves once every rehash this instance has in flight has settled. Internal (not
 * exported by the package entry); tests import it from this module to await fire-and-forget
 * rehashes deterministically.
 */
export let settleRehashes: (pat: Pat) => Promise<void>;

function refuse(reason: VerifyFailureReason): VerifyResult {
  return { valid: false, reason };
}

/**
 * Personal access tokens over any {@link TokenStore}: issue, verify, update, revoke, restore, list.
 *
 * Construction validates every option and throws `InvalidConfigError` (`INVALID_CONFIG`) naming
 * the option. Methods throw `InvalidInputError` (`INVALID_INPUT`) for bad arguments before any
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
  /** `{ maxmem }` when configured, else `{}`: the memory option of every hash and verify. */
  readonly #maxmemOption: { readonly maxmem?: number };
  /** Rehashes in flight, at most one per token id. */
  readonly #rehashing = new Map<string, Promise<void>>();

  static {
    settleRehashes = async (pat) => {
      while (pat.#rehashing.size > 0) await Promise.all(pat.#rehashing.values());
    };
  }

  constructor(options: PatOptions) {
    this.#config = resolveConfig(options);
    this.#store = this.#config.store;
    this.#memo = new VerifyMemo(this.#config.verifyCacheEntries);
    const { maxmem } = this.#config;
    this.#maxmemOption = Object.freeze(maxmem === undefined ? {} : { maxmem });
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

  #hash(secret: Uint8Array): Promise<string> {
    const c = this.#config;
    // @pat/crypto bounds how many native derivations run at once, process-wide.
    return hashSecret(secret, {
      cost: c.cost,
      blockSize: c.blockSize,
      parallelization: c.parallelization,
      keyLength: c.keyLength,
      saltLength: c.saltLength,
      ...this.#maxmemOption,
    });
  }

  /** verifySecret with the configured memory budget. */
  #verifySecret(secret: Uint8Array, phc: string): Promise<VerifySecretResult> {
    return verifySecret(secret, phc, this.#maxmemOption);
  }

  /**
   * The parameters a rehash of a hash made with `stored` would use: each one the larger of the
   * stored and the configured value, so a rehash never weakens any of them. Undefined when that is
   * `stored` itself (nothing to gain), or when the combination is beyond what this instance can
   * verify (memory above `maxmem`, work above `SCRYPT_PARAM_BOUNDS.work`, a PHC string longer than
   * a record holds): then the stored hash stays as it is.
   */
  #rehashTarget(stored: ScryptParams): ScryptParams | undefined {
    const c = this.#config;
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
    const { cost: n, blockSize: r, parallelization: p } = target;
    // The memory formula of @pat/crypto: 128·r·(N+p+2) bytes.
    if (128 * r * (n + p + 2) > (c.maxmem ?? DEFAULT_MAXMEM)) return undefined;
    if (n * r * p > SCRYPT_PARAM_BOUNDS.work.max) return undefined;
    if (phcLength(target) > MAX_PHC) return undefined;
    return target;
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
  async generate(params: GenerateParams = {}): Promise<GenerateResult> {
    checkObject(params, "generate params");
    if (params.tokenId !== undefined) checkTokenId(params.tokenId);
    return this.#generate(params.tokenId);
  }

  /** {@link Pat.generate} after its checks. */
  async #generate(givenTokenId: string | undefined): Promise<GenerateResult> {
    const tokenId = givenTokenId ?? generateTokenId();
    const secret = randomBytes(SECRET_BYTES);
    const secretPhc = await this.#hash(secret);
    return {
      token: formatToken(this.#config.tokenPrefix, tokenId, base64UrlEncode(secret)),
      tokenId,
      secretPhc,
    };
  }

  #newRecord(params: {
    tokenId: string;
    secretPhc: string;
    owner: string;
    isAdmin?: boolean | undefined;
    /** Already checked by {@link checkRoles}. */
    roles: string[];
    expiresAt?: number | undefined;
  }): TokenRecord {
    return {
      tokenId: params.tokenId,
      secretPhc: params.secretPhc,
      owner: params.owner,
      isAdmin: params.isAdmin ?? false,
      // A token without roles has no `roles`, as the store reads it back.
      ...(params.roles.length === 0 ? {} : { roles: params.roles }),
      createdAt: this.#now(),
      ...(params.expiresAt === undefined ? {} : { expiresAt: params.expiresAt }),
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
    checkObject(params, "register params");
    checkTokenId(params.tokenId);
    checkPhc(params.secretPhc, this.#config.maxmem);
    checkOwner(params.owner);
    checkBoolean(params.isAdmin, "isAdmin");
    if (params.expiresAt !== undefined) checkTime(params.expiresAt, "expiresAt");
    const roles = params.roles === undefined ? [] : checkRoles(params.roles);
    const record = this.#newRecord({ ...params, roles });
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
    checkObject(params, "issue params");
    checkOwner(params.owner);
    checkBoolean(params.isAdmin, "isAdmin");
    const roles = params.roles === undefined ? [] : checkRoles(params.roles);
    if (params.expiresAt !== undefined) checkTime(params.expiresAt, "expiresAt");
    if (params.tokenId !== undefined) checkTokenId(params.tokenId);
    const { token, tokenId, secretPhc } = await this.#generate(params.tokenId);
    const record = this.#newRecord({ ...params, tokenId, secretPhc, roles });
    await this.#store.create(record);
    return { token, record: toValidRecord(record) };
  }

  /**
   * Checks a presented token. Never throws for any input (only `STORAGE_ERROR` when the backend
   * fails). Checks, in order: prefix, format, record (`not_found`), stored hash (`invalid_phc`,
   * `unsupported_algorithm`, `invalid_parameters`), secret (`invalid_secret`), `revoked`,
   * `expired` (expiresAt <= now), then records `lastUsedAt` with a conditional write that answers
   * `revoked` / `not_found` if the token was revoked or deleted meanwhile. `revoked` and `expired`
   * carry the record; the record never holds `secretPhc` or `revokedAt`.
   *
   * @example
   * ```ts
   * const result = await pat.verify(token);
   * if (!result.valid) console.log(result.reason); // e.g. "revoked"
   * ```
   */
  async verify(token: string): Promise<VerifyResult> {
    const parsed = parseToken(this.#config.tokenPrefix, token);
    if ("reason" in parsed) return refuse(parsed.reason);
    const { tokenId, secret } = parsed;

    const record = await this.#store.get(tokenId);
    if (record === null) return refuse("not_found");

    const digest = this.#memo.digest(record.secretPhc, secret);
    let params = this.#memo.get(digest);
    if (params === undefined) {
      const checked = await this.#verifySecret(secret, record.secretPhc);
      if (!checked.ok) return refuse(checked.reason);
      params = checked.params;
      this.#memo.set(digest, params);
    }

    if (record.revokedAt !== undefined) {
      return { valid: false, reason: "revoked", record: toValidRecord(record) };
    }
    const now = this.#now();
    if (typeof record.expiresAt === "number" && record.expiresAt <= now) {
      return { valid: false, reason: "expired", record: toValidRecord(record) };
    }

    let lastUsedAt = record.lastUsedAt;
    const resolution = this.#config.lastUsedResolutionSeconds;
    const fresh =
      resolution > 0 &&
      lastUsedAt !== undefined &&
      now - lastUsedAt < resolution &&
      lastUsedAt <= now;
    if (!fresh) {
      const outcome = await this.#store.touch(tokenId, now);
      if (outcome === "revoked") {
        return { valid: false, reason: "revoked", record: toValidRecord(record) };
      }
      if (outcome === "not_found") return refuse("not_found");
      lastUsedAt = now;
    }

    if (this.#config.rehash) this.#startRehash(record, secret, params);

    return { valid: true, record: toValidRecord(record, lastUsedAt) };
  }

  /**
   * Starts replacing a weaker stored hash, without making the verify wait for it: the token
   * verified either way. At most one rehash per token id runs in this instance at a time; others
   * are skipped (the next verify retries if needed).
   */
  #startRehash(record: TokenRecord, secret: Uint8Array, stored: ScryptParams): void {
    if (this.#rehashing.has(record.tokenId)) return;
    const target = this.#rehashTarget(stored);
    if (target === undefined) return;
    const running = this.#rehash(record, secret, target).finally(() => {
      this.#rehashing.delete(record.tokenId);
    });
    this.#rehashing.set(record.tokenId, running);
  }

  /**
   * Hashes the secret with `target` and stores it only if the stored hash is still the one just
   * verified (a concurrent change wins), then memoises the new hash so that the next verify skips
   * scrypt. Best effort: a failure (token deleted meanwhile, storage hiccup) is left for the next
   * verify to retry. Never rejects, and nothing is logged (secret hygiene).
   */
  async #rehash(record: TokenRecord, secret: Uint8Array, target: ScryptParams): Promise<void> {
    try {
      const secretPhc = await hashSecret(secret, { ...target, ...this.#maxmemOption });
      const updated = await this.#store.update(
        record.tokenId,
        { secretPhc },
        { expectedSecretPhc: record.secretPhc },
      );
      if (updated !== null && updated.secretPhc === secretPhc) {
        this.#memo.set(this.#memo.digest(secretPhc, secret), target);
      }
    } catch {
      // Deliberately ignored; see above.
    }
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
    checkObject(updates, "updates");
    const changes: { -readonly [K in keyof TokenChanges]: TokenChanges[K] } = {};
    if (updates.owner !== undefined) {
      checkOwner(updates.owner);
      changes.owner = updates.owner;
    }
    if (updates.isAdmin !== undefined) {
      checkBoolean(updates.isAdmin, "isAdmin");
      changes.isAdmin = updates.isAdmin;
    }
    if (updates.secretPhc !== undefined) {
      checkPhc(updates.secretPhc, this.#config.maxmem);
      changes.secretPhc = updates.secretPhc;
    }
    if (updates.expiresAt !== undefined) {
      if (updates.expiresAt !== null) checkTime(updates.expiresAt, "expiresAt");
      changes.expiresAt = updates.expiresAt;
    }
    if (updates.roles !== undefined) {
      const roles = checkRolesChange(updates.roles);
      if (!isNoOpRolesChange(roles)) changes.roles = roles;
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
    checkObject(options, "revoke options");
    if (options.expiresAt !== undefined) checkTime(options.expiresAt, "expiresAt");
    await this.#store.revoke(tokenId, {
      revokedAt: this.#now(),
      ...(options.expiresAt === undefined ? {} : { cleanupAt: options.expiresAt }),
    });
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
    const checked = checkListOptions(options);
    return this.#yieldRecords(this.#store.scan(checked.scan), checked);
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
    const checked = checkListOptions(options);
    return this.#yieldRecords(this.#store.queryByOwner(owner, checked.scan), checked);
  }

  async *#yieldRecords(
    source: AsyncIterable<TokenRecord>,
    options: CheckedListOptions,
  ): AsyncGenerator<PublicTokenRecord, void, undefined> {
    if (options.limit === 0) return;
    let yielded = 0;
    for await (const record of source) {
      yield options.includeSecretPhc ? copyRecord(record) : toPublicRecord(record);
      yielded += 1;
      if (options.limit !== undefined && yielded >= options.limit) return;
    }
  }

  /**
   * Loads many tokens at once (an array or a Set of ids; duplicates read once). DynamoDB: 100
   * keys a request, requests in parallel, unprocessed keys retried. Throws `INVALID_INPUT` for a
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
    if (
      typeof tokenIds !== "object" ||
      tokenIds === null ||
      typeof (tokenIds as Partial<Iterable<string>>)[Symbol.iterator] !== "function"
    ) {
      throw new InvalidInputError("tokenIds must be an iterable of token ids (an array or a Set)");
    }
    checkObject(options, "batchLoad options");
    checkBoolean(options.includeSecretPhc, "includeSecretPhc");
    const ids = [...tokenIds];
    ids.forEach((id, i) => checkTokenId(id, `tokenIds[${i}]`));
    if (ids.length === 0) return { found: [], notFound: [] };
    const { found, notFound } = await this.#store.batchGet(ids);
    return {
      found: found.map(options.includeSecretPhc === true ? copyRecord : toPublicRecord),
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
  async bootstrap(token: string, params: BootstrapParams): Promise<VerifyResult> {
    checkObject(params, "bootstrap params");
    checkOwner(params.owner);
    const { bootstrapPhc } = this.#config;
    const parsed = parseToken(this.#config.tokenPrefix, token);
    if ("reason" in parsed) return refuse(parsed.reason);
    if (bootstrapPhc === undefined) return refuse("not_found");
    // Cheap refusal once bootstrapping is over: no scrypt for a table that has tokens.
    if (!(await this.#store.isEmpty())) return refuse("not_found");
    const checked = await this.#verifySecret(parsed.secret, bootstrapPhc);
    if (!checked.ok) return refuse(checked.reason);
    const record: TokenRecord = {
      tokenId: parsed.tokenId,
      secretPhc: bootstrapPhc,
      owner: params.owner,
      isAdmin: true,
      createdAt: this.#now(),
    };
    if (!(await this.#store.createFirst(record))) return refuse("not_found");
    return { valid: true, record: toValidRecord(record) };
  }
}

interface CheckedListOptions {
  readonly scan: { afterTokenId?: string; hasRole?: string; pageSize?: number };
  readonly limit: number | undefined;
  readonly includeSecretPhc: boolean;
}

function checkListOptions(options: ListOptions): CheckedListOptions {
  checkObject(options, "list options");
  const { afterTokenId, limit, includeSecretPhc, hasRole, batchLimit } = options;
  if (afterTokenId !== undefined) checkTokenId(afterTokenId, "afterTokenId");
  if (hasRole !== undefined) checkRole(hasRole, "hasRole");
  checkBoolean(includeSecretPhc, "includeSecretPhc");
  if (
    limit !== undefined &&
    (typeof limit !== "number" || !Number.isSafeInteger(limit) || limit < 0)
  ) {
    throw new InvalidInputError(`limit must be a non-negative integer (got ${String(limit)})`);
  }
  if (
    batchLimit !== undefined &&
    (typeof batchLimit !== "number" || !Number.isSafeInteger(batchLimit) || batchLimit < 1)
  ) {
    throw new InvalidInputError(
      `batchLimit must be a positive integer (got ${String(batchLimit)})`,
    );
  }
  // No page size asked: DynamoDB's own pages (up to 1 MB), the fewest requests. Without a filter,
  // a page never needs more than the records still wanted.
  let pageSize = batchLimit;
  if (limit !== undefined && limit > 0 && hasRole === undefined) {
    pageSize = Math.min(limit, pageSize ?? limit);
  }
  return {
    scan: {
      ...(afterTokenId === undefined ? {} : { afterTokenId }),
      ...(hasRole === undefined ? {} : { hasRole }),
      ...(pageSize === undefined ? {} : { pageSize }),
    },
    limit,
    includeSecretPhc: includeSecretPhc === true,
  };
}
