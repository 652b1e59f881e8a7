/**
 * `AccessTokensClient`: the admin API of `@pat/http` (and of `@access-tokens/express`) over
 * `fetch`. Every admin call carries a JWT obtained by exchanging the PAT (`session.ts`); a call answered
 * 401 exchanges once more and is sent again once, since the server refused it before acting.
 * Paths, methods, query strings and bodies are those of `@access-tokens/client`.
 */
import type * as z from "zod";
import { invalidResponse, parseAnswer } from "./answers.js";
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
import { resolveConfig, type AccessTokensClientConfig, type ResolvedConfig } from "./options.js";
import { readAllPages } from "./paging.js";
import { createRedactor, type Redactor } from "./redact.js";
import {
  authTokenResponseSchema,
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
import { TokenSession, type Exchanged } from "./session.js";
import { send, type ApiRequest } from "./transport.js";

type Method = ApiRequest["method"];

/** What an admin call sends and how its answer is read. */
interface AdminCall<S extends z.ZodType> {
  readonly body?: unknown;
  readonly repeatable: boolean;
  /** Secrets in the body (a PHC string), scrubbed from errors too. */
  readonly secrets?: readonly (string | undefined)[];
  /**
   * Schema of the 2xx answer; without one the answer body is ignored (204 routes, whose callers
   * then resolve `void`).
   */
  readonly schema?: S;
}

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
  readonly #config: ResolvedConfig;
  readonly #session: TokenSession;

  /**
   * Checks the options and keeps them; nothing is sent until the first call.
   *
   * @throws `TypeError` for an option of the wrong type; `PatClientError` `INVALID_CONFIG`
   *   for one out of range (a relative `endpoint`, an `apiKey` with spaces, `retry.retries: 99`).
   */
  constructor(config: AccessTokensClientConfig) {
    this.#config = resolveConfig(config);
    this.#session = new TokenSession(() => this.#exchange(), this.#config.clock);
  }

  /** Redactor of every secret this call may meet. */
  #redactor(extra: readonly (string | undefined)[] = []): Redactor {
    return createRedactor([this.#config.apiKey, this.#session.held, ...extra]);
  }

  async #exchange(): Promise<Exchanged> {
    const { endpoint, authPath, apiKey } = this.#config;
    const request: ApiRequest = {
      method: "POST",
      url: `${endpoint}${authPath}/token`,
      headers: { Authorization: `Bearer ${apiKey}`, Accept: "application/json" },
      repeatable: true,
      action: "authenticate",
    };
    const redact = this.#redactor();
    const answer = await send(this.#config, request, redact);
    const context = { method: request.method, url: request.url, what: "auth token" };
    const data = parseAnswer(authTokenResponseSchema, answer, context, redact);
    // RFC 6749 section 7.1: the token type is case-insensitive; only bearer tokens are usable.
    if (data.token_type.toLowerCase() !== "bearer") {
      throw invalidResponse(context, answer.status, [
        { path: "token_type", message: "expected Bearer" },
      ]);
    }
    return { accessToken: data.access_token, expiresIn: data.expires_in };
  }

  /**
   * Sends an admin request with the current JWT, once more with a fresh JWT after a 401, and
   * reads the answer with `schema` when one is given.
   */
  async #admin<S extends z.ZodType>(
    method: Method,
    path: string,
    action: string,
    options: AdminCall<S>,
  ): Promise<z.infer<S>> {
    const url = `${this.#config.endpoint}${this.#config.adminPath}${path}`;
    const json = options.body === undefined ? undefined : JSON.stringify(options.body);
    const attemptWith = async (jwt: string) => {
      const request: ApiRequest = {
        method,
        url,
        headers: {
          Authorization: `Bearer ${jwt}`,
          Accept: "application/json",
          ...(json === undefined ? {} : { "Content-Type": "application/json" }),
        },
        ...(json === undefined ? {} : { body: json }),
        repeatable: options.repeatable,
        action,
      };
      const redact = this.#redactor([jwt, ...(options.secrets ?? [])]);
      return { ...(await send(this.#config, request, redact)), redact };
    };
    const jwt = await this.#session.current();
    let sent: Awaited<ReturnType<typeof attemptWith>>;
    try {
      sent = await attemptWith(jwt);
    } catch (error) {
      if (!(error instanceof HttpError && error.status === 401)) throw error;
      this.#session.discard(jwt);
      sent = await attemptWith(await this.#session.renew());
    }
    return options.schema
      ? parseAnswer(options.schema, sent, { method, url, what: action }, sent.redact)
      : (undefined as z.infer<S>);
  }

  async #list(options: ListOptions & { owner?: string }, action: string): Promise<TokenRecord[]> {
    const path = `/tokens${listQuery(options)}`;
    const schema = listResponseSchema;
    return (await this.#admin("GET", path, action, { repeatable: true, schema })).records;
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
    return this.#admin("POST", "/tokens/batch", "batch load tokens", {
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
    return this.#admin("POST", "/tokens", "issue token", {
      body: config,
      repeatable: false,
      schema: issueResultSchema,
    });
  }

  /**
   * Stores a token made elsewhere under its id and PHC hash (`PUT {adminPath}/tokens/:tokenId`).
   * Repeated on 429/5xx and network errors: the id is fixed, so a repeat cannot make a second
   * token; if an earlier attempt did store it, the repeat answers 409 (`attempts` > 1 says so).
   *
   * @returns the stored record.
   * @throws {@link HttpError} (400 invalid field or PHC string, 409 id taken),
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
    const answer = await this.#admin("PUT", `/tokens/${tokenId}`, `register token ${tokenId}`, {
      body: rest,
      repeatable: true,
      secrets: [config.secretPhc],
      schema: recordResultSchema,
    });
    return answer.record;
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
    await this.#admin("PATCH", `/tokens/${tokenId}`, `update token ${tokenId}`, {
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
    await this.#admin("PUT", `/tokens/${tokenId}/revoke`, `revoke token ${tokenId}`, {
      body: options,
      repeatable: true,
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
    await this.#admin("PUT", `/tokens/${tokenId}/restore`, `restore token ${tokenId}`, {
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
    const answer = await this.#admin("GET", `/tokens/${tokenId}${query}`, `get token ${tokenId}`, {
      repeatable: true,
      schema: recordResultSchema,
    });
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
   * server's rule).
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
          includeRevoked: true,
          includeExpired: true,
        },
        action,
      );
    return readAllPages(readPage, {
      now: Math.floor(this.#config.clock() / 1000),
      url: `${this.#config.endpoint}${this.#config.adminPath}/tokens`,
      ...(includeRevoked === undefined ? {} : { includeRevoked }),
      ...(includeExpired === undefined ? {} : { includeExpired }),
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
    return this.#session.current();
  }
}
