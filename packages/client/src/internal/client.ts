/**
 * `AccessTokensClient`: the admin API of `@pat/http` (and of `@access-tokens/express`) over
 * `fetch`: each method checks its arguments, then sends one call through `AdminApi` (the JWT
 * exchange, retries and error scrubbing live there). Paths, methods, query strings and bodies
 * are those of `@access-tokens/client`.
 */
import { AdminApi } from "./admin-api.js";
import {
  checkLimit,
  checkObject,
  checkText,
  checkTokenId,
  checkTokenIds,
  listQuery,
  MAX_PAGE_SIZE,
} from "./arguments.js";
import { HttpError } from "./errors.js";
import { resolveConfig, type AccessTokensClientConfig } from "./options.js";
import { readAllPages } from "./paging.js";
import { isSameRegistration, withoutHash } from "./registration.js";
import {
  rotateBody,
  rotateResultSchema,
  type RotateOptions,
  type RotateResult,
} from "./rotation.js";
import {
  batchLoadResultSchema,
  issueResultSchema,
  listResponseSchema,
  registerResultSchema,
  type BatchLoadOptions,
  type BatchLoadResult,
  type GetOptions,
  type IssueConfig,
  type IssueResult,
  type ListAllOptions,
  type ListByOwnerOptions,
  type ListOptions,
  type RegisterConfig,
  type RevokeOptions,
  type TokenRecord,
  type UpdateConfig,
} from "./schemas.js";

/** Register and get answer `{ record }`. */
const recordResultSchema = registerResultSchema;

/**
 * Client of the `@pat/http` admin API, a drop-in for `AccessTokensClient` of
 * `@access-tokens/client`: same constructor options, methods, requests and answers. Holds the PAT
 * and the JWT in private fields (neither shows in `util.inspect` or `JSON.stringify`).
 *
 * @example
 * ```ts
 * const client = new AccessTokensClient({ endpoint: "https://api.example.com", apiKey: adminPat });
 * const records = await client.list({ includeRevoked: true });
 * ```
 */
export class AccessTokensClient {
  readonly #api: AdminApi;
  readonly #clock: () => number;
  /** `{endpoint}{adminPath}/tokens`, for messages. */
  readonly #tokensUrl: string;

  /**
   * Checks the options and keeps them; nothing is sent until the first call.
   *
   * @throws `TypeError` for an option of the wrong type; `PatClientError` `INVALID_CONFIG`
   *   for one out of range (a relative `endpoint`, an `apiKey` with spaces, `retry.retries: 99`).
   */
  constructor(config: AccessTokensClientConfig) {
    const resolved = resolveConfig(config);
    this.#api = new AdminApi(resolved);
    this.#clock = resolved.clock;
    this.#tokensUrl = `${resolved.endpoint}${resolved.adminPath}/tokens`;
  }

  async #list(options: ListOptions & { owner?: string }, action: string): Promise<TokenRecord[]> {
    const path = `/tokens${listQuery(options)}`;
    const schema = listResponseSchema;
    return (await this.#api.call("GET", path, action, { repeatable: true, schema })).records;
  }

  /**
   * One page of tokens (`GET {adminPath}/tokens`), revoked and expired ones left out unless
   * asked for. Page on with `afterTokenId` = the last id of the previous page, or use
   * {@link AccessTokensClient.listAll}. Requires an admin token. Repeated on 429/5xx and network
   * errors.
   *
   * @throws {@link HttpError} (400 bad option, 401, 403 not admin), {@link NetworkError},
   *   {@link InvalidResponseError}, `INVALID_INPUT` for a `limit` that is not a positive integer.
   * @example
   * ```ts
   * const active = await client.list({ hasRole: "deploy", limit: 50 });
   * ```
   */
  async list(options: ListOptions = {}): Promise<TokenRecord[]> {
    return this.#list(options, "list tokens");
  }

  /**
   * Loads many tokens by id at once (`POST {adminPath}/tokens/batch`); a read, so it is repeated
   * on 429/5xx and network errors although it is a POST. Accepts a `Set` (as
   * `@access-tokens/client`) or an array; duplicates are sent once.
   *
   * @throws {@link HttpError}, {@link NetworkError}, {@link InvalidResponseError}.
   * @example
   * ```ts
   * const { found, notFound } = await client.batchLoad(new Set([idA, idB]));
   * ```
   */
  async batchLoad(
    tokenIds: ReadonlySet<string> | readonly string[],
    options: BatchLoadOptions = {},
  ): Promise<BatchLoadResult> {
    const ids = checkTokenIds(tokenIds);
    checkObject(options, "options");
    const body = { tokenIds: ids, includeSecretPhc: options.includeSecretPhc };
    return this.#api.call("POST", "/tokens/batch", "batch load tokens", {
      body,
      repeatable: true,
      schema: batchLoadResultSchema,
    });
  }

  /**
   * Issues a new token (`POST {adminPath}/tokens`, answered 201). Never repeated after a 429,
   * 5xx or network error: the token may have been created and its secret would be lost; the
   * error says so and the caller decides (list by owner to check).
   *
   * @returns the token (show it once; it is stored nowhere) and its record.
   * @throws {@link HttpError} (400 invalid field, 409 token id taken), {@link NetworkError},
   *   {@link InvalidResponseError}.
   * @example
   * ```ts
   * const { token, record } = await client.issue({ owner: "ci@example.com", roles: ["deploy"] });
   * ```
   */
  async issue(config: IssueConfig): Promise<IssueResult> {
    checkObject(config, "config");
    if (config.tokenId !== undefined) checkTokenId(config.tokenId);
    return this.#api.call("POST", "/tokens", "issue token", {
      body: config,
      repeatable: false,
      schema: issueResultSchema,
    });
  }

  /**
   * Stores a token made elsewhere under its id and PHC hash (`PUT {adminPath}/tokens/:tokenId`).
   * Repeated on 429/5xx and network errors: the id is fixed, so a repeat cannot make a second
   * token. When a repeat answers 409 (an earlier attempt stored the token, but its answer was
   * lost), the token is read back (`POST /tokens/batch`, with its hash where the server allows
   * it) and, if it is exactly what was sent (hash when given, owner, admin flag, roles, expiry,
   * not revoked), resolves as a success. A 409 to the first attempt, or a token that differs, is
   * an error.
   *
   * @returns the stored record (without `secretPhc`).
   * @throws {@link HttpError} (400 invalid field or PHC string, 409 id taken by another token),
   *   {@link NetworkError}, {@link InvalidResponseError}, `INVALID_INPUT` for a malformed id.
   * @example
   * ```ts
   * const record = await client.register({ tokenId, secretPhc, owner: "ci@example.com" });
   * ```
   */
  async register(config: RegisterConfig): Promise<TokenRecord> {
    checkObject(config, "config");
    const { tokenId, ...rest } = config;
    checkTokenId(tokenId);
    try {
      const answer = await this.#api.call(
        "PUT",
        `/tokens/${tokenId}`,
        `register token ${tokenId}`,
        {
          body: rest,
          repeatable: true,
          secrets: [config.secretPhc],
          schema: recordResultSchema,
        },
      );
      return answer.record;
    } catch (error) {
      if (!(error instanceof HttpError && error.status === 409 && error.attempts > 1)) throw error;
      const stored = await this.#readBack(tokenId);
      if (stored !== undefined && isSameRegistration(stored, config)) return withoutHash(stored);
      throw error;
    }
  }

  /** The stored record of `tokenId`, with its hash when the server gives it to this client. */
  async #readBack(tokenId: string): Promise<TokenRecord | undefined> {
    let found: TokenRecord[];
    try {
      ({ found } = await this.batchLoad([tokenId], { includeSecretPhc: true }));
    } catch (error) {
      if (!(error instanceof HttpError && error.status === 403)) throw error;
      ({ found } = await this.batchLoad([tokenId]));
    }
    return found.find((record) => record.tokenId === tokenId);
  }

  /**
   * Changes a token (`PATCH {adminPath}/tokens/:tokenId`, answered 204). Repeated on 429/5xx
   * and network errors: every change this API offers (set a field, replace the roles, add or
   * remove roles as sets) leaves the same state when applied twice.
   *
   * @throws {@link HttpError} (400 invalid change, 404 no such token), {@link NetworkError},
   *   `INVALID_INPUT` for a malformed id.
   * @example
   * ```ts
   * await client.update(tokenId, { roles: { add: ["deploy"] }, expiresAt: null });
   * ```
   */
  async update(tokenId: string, updates: UpdateConfig): Promise<void> {
    checkTokenId(tokenId);
    checkObject(updates, "updates");
    await this.#api.call("PATCH", `/tokens/${tokenId}`, `update token ${tokenId}`, {
      body: updates,
      repeatable: true,
      secrets: [updates.secretPhc],
    });
  }

  /**
   * Revokes a token (`PUT {adminPath}/tokens/:tokenId/revoke`, answered 204), optionally with a
   * cleanup time. Idempotent, so repeated on 429/5xx and network errors.
   *
   * @throws {@link HttpError} (404 no such token), {@link NetworkError}, `INVALID_INPUT`.
   * @example
   * ```ts
   * await client.revoke(tokenId, { expiresAt: Math.floor(Date.now() / 1000) + 86_400 });
   * ```
   */
  async revoke(tokenId: string, options: RevokeOptions = {}): Promise<void> {
    checkTokenId(tokenId);
    checkObject(options, "options");
    await this.#api.call("PUT", `/tokens/${tokenId}/revoke`, `revoke token ${tokenId}`, {
      body: options,
      repeatable: true,
    });
  }

  /**
   * Rotates a token (`POST {adminPath}/tokens/:tokenId/rotate`, answered 201; `@pat` addition,
   * `@pat/http` only): a new token for the same owner, roles, admin flag and expiry, the old
   * secret working for `graceSeconds` (default 0) or, with `untilFirstUse`, until the new token is
   * first used. Never repeated after a 429, 5xx or network error: the rotation may have happened
   * and the new secret would be lost (a repeat answers 409 `TOKEN_ROTATED`); `get` the old id to
   * see its `rotatedTo`.
   *
   * @returns the new token (show it once) and its record (`rotatedFrom` is the old id).
   * @throws {@link HttpError} (404 no such token; 409 `TOKEN_REVOKED`, `TOKEN_EXPIRED`,
   *   `TOKEN_ROTATED`, `ROTATION_PENDING`), {@link NetworkError}, `INVALID_INPUT`.
   * @example
   * ```ts
   * const { token, record } = await client.rotate(tokenId, { graceSeconds: 3600 });
   * ```
   */
  async rotate(tokenId: string, options: RotateOptions = {}): Promise<RotateResult> {
    checkTokenId(tokenId);
    return this.#api.call("POST", `/tokens/${tokenId}/rotate`, `rotate token ${tokenId}`, {
      body: rotateBody(options),
      repeatable: false,
      schema: rotateResultSchema,
    });
  }

  /**
   * Restores a revoked token (`PUT {adminPath}/tokens/:tokenId/restore`, answered 204).
   * Idempotent, so repeated on 429/5xx and network errors.
   *
   * @throws {@link HttpError} (404 no such token), {@link NetworkError}, `INVALID_INPUT`.
   * @example
   * ```ts
   * await client.restore(tokenId);
   * ```
   */
  async restore(tokenId: string): Promise<void> {
    checkTokenId(tokenId);
    await this.#api.call("PUT", `/tokens/${tokenId}/restore`, `restore token ${tokenId}`, {
      repeatable: true,
    });
  }

  /**
   * One token by id (`GET {adminPath}/tokens/:tokenId`; `@pat` addition, `@pat/http` only).
   * A missing token is an {@link HttpError} with status 404, as for `update` and `revoke`.
   *
   * @throws {@link HttpError} (404 no such token), {@link NetworkError},
   *   {@link InvalidResponseError}, `INVALID_INPUT` for a malformed id.
   * @example
   * ```ts
   * const record = await client.get(tokenId);
   * ```
   */
  async get(tokenId: string, options: GetOptions = {}): Promise<TokenRecord> {
    checkTokenId(tokenId);
    checkObject(options, "options");
    const query = options.includeSecretPhc ? "?includeSecretPhc=true" : "";
    const answer = await this.#api.call(
      "GET",
      `/tokens/${tokenId}${query}`,
      `get token ${tokenId}`,
      {
        repeatable: true,
        schema: recordResultSchema,
      },
    );
    return answer.record;
  }

  /**
   * One page of the tokens of `owner` (`GET {adminPath}/tokens?owner=…`; `@pat` addition,
   * `@pat/http` only), with the options of {@link AccessTokensClient.list}.
   *
   * @throws as {@link AccessTokensClient.list}; `INVALID_INPUT` for an empty owner.
   * @example
   * ```ts
   * const mine = await client.listByOwner("ci@example.com");
   * ```
   */
  async listByOwner(owner: string, options: ListByOwnerOptions = {}): Promise<TokenRecord[]> {
    if (typeof owner !== "string") throw new TypeError("owner must be a string");
    checkText(owner, "owner");
    return this.#list({ ...options, owner }, "list tokens by owner");
  }

  /**
   * Every token, paging through `list` (or the owner listing when `owner` is given) until the
   * server has no more (`@pat` addition). The pages are asked for with revoked and expired tokens
   * included, so a page is never cut short by that filter; `includeRevoked` / `includeExpired`
   * are then applied here, expiry by this client's clock (`expiresAt` at or before now, the
   * server's rule). With `state`, the server selects the tokens (in storage, by its clock) and
   * `includeRevoked` / `includeExpired` are ignored.
   *
   * @throws as {@link AccessTokensClient.list}; {@link InvalidResponseError} if the server
   *   answers a token twice (it ignored `afterTokenId`).
   * @example
   * ```ts
   * const all = await client.listAll({ includeRevoked: true });
   * ```
   */
  async listAll(options: ListAllOptions = {}): Promise<TokenRecord[]> {
    checkObject(options, "options");
    const { pageSize = 100, owner, includeRevoked, includeExpired, ...rest } = options;
    checkLimit(pageSize, "pageSize", MAX_PAGE_SIZE);
    const action = owner === undefined ? "list tokens" : "list tokens by owner";
    const readPage = (afterTokenId: string | undefined) =>
      this.#list(
        {
          ...rest,
          ...(owner === undefined ? {} : { owner }),
          ...(afterTokenId === undefined ? {} : { afterTokenId }),
          limit: pageSize,
          // With `state` the server filters in storage: its pages are never cut short.
          ...(rest.state === undefined ? { includeRevoked: true, includeExpired: true } : {}),
        },
        action,
      );
    return readAllPages(readPage, {
      now: Math.floor(this.#clock() / 1000),
      url: this.#tokensUrl,
      ...(rest.state === undefined
        ? {
            ...(includeRevoked === undefined ? {} : { includeRevoked }),
            ...(includeExpired === undefined ? {} : { includeExpired }),
          }
        : { includeRevoked: true, includeExpired: true }),
    });
  }

  /**
   * A JWT for this client's PAT, exchanged at `POST {authPath}/token` and renewed before it
   * expires (`@pat` addition): for calling your own API routes that take the JWT. The JWT is a
   * bearer credential like the PAT: keep it out of logs.
   *
   * @throws {@link HttpError} (401 the PAT was refused), {@link NetworkError},
   *   {@link InvalidResponseError}.
   * @example
   * ```ts
   * const jwt = await client.getAccessToken();
   * await fetch(`${apiUrl}/reports`, { headers: { Authorization: `Bearer ${jwt}` } });
   * ```
   */
  getAccessToken(): Promise<string> {
    return this.#api.accessToken();
  }
}
