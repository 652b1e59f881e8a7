/**
 * `AccessTokensClient`: the admin API of @pat/http (and of @access-tokens/express) over `fetch`.
 * Every admin call carries a JWT obtained by exchanging the PAT (`session.ts`); a call answered
 * 401 exchanges once more and is sent again once, since the server refused it before acting.
 * Paths, methods, query strings and bodies are those of @access-tokens/client.
 */
import type * as z from "zod";
import { InvalidResponseError, invalidInput, type ResponseIssue } from "./errors.js";
import { HttpError } from "./errors.js";
import { resolveConfig, type AccessTokensClientConfig, type ResolvedConfig } from "./options.js";
import { createRedactor, type Redactor } from "./redact.js";
import {
  authTokenResponseSchema,
  batchLoadResultSchema,
  issueResultSchema,
  listResponseSchema,
  registerResultSchema,
  type BatchLoadOptions,
  type BatchLoadResult,
  type IssueConfig,
  type IssueResult,
  type ListOptions,
  type RegisterConfig,
  type RevokeOptions,
  type TokenRecord,
  type UpdateConfig,
} from "./schemas.js";
import { TokenSession, type Exchanged } from "./session.js";
import { send, type ApiAnswer, type ApiRequest } from "./transport.js";

const TOKEN_ID = /^[A-Za-z0-9]{21}$/;
const recordResultSchema = registerResultSchema;

/** Options of {@link AccessTokensClient.get}. */
export type GetOptions = {
  /** Include `secretPhc` (default false; the server may refuse it). */
  includeSecretPhc?: boolean;
};

/** Options of {@link AccessTokensClient.listByOwner}: those of `list` without `hasRole`. */
export type ListByOwnerOptions = Omit<ListOptions, "hasRole">;

/** Options of {@link AccessTokensClient.listAll}. */
export type ListAllOptions = Omit<ListOptions, "afterTokenId" | "limit"> & {
  /** Only the tokens of this owner (through the owner listing). */
  owner?: string;
  /** Records asked for per request, 1–1000; default 100. */
  pageSize?: number;
};

type Method = ApiRequest["method"];

function checkTokenId(tokenId: unknown, name = "tokenId"): string {
  if (typeof tokenId !== "string") throw new TypeError(`${name} must be a string`);
  if (!TOKEN_ID.test(tokenId)) {
    throw invalidInput(
      `${name} must be 21 characters of [A-Za-z0-9] (got ${tokenId.length} characters)`,
    );
  }
  return tokenId;
}

function checkObject(value: unknown, name: string): void {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new TypeError(`${name} must be an object`);
  }
}

function checkLimit(value: unknown, name: string, max = Number.MAX_SAFE_INTEGER): void {
  if (value === undefined) return;
  if (typeof value !== "number" || !Number.isInteger(value) || value < 1 || value > max) {
    throw invalidInput(`${name} must be an integer from 1 to ${max}`);
  }
}

function checkText(value: unknown, name: string): void {
  if (value === undefined) return;
  if (typeof value !== "string") throw new TypeError(`${name} must be a string`);
  if (value.length === 0) throw invalidInput(`${name} must not be empty`);
}

/** The query string of a listing, in the order @access-tokens/client writes it. */
function listQuery(options: ListOptions & { owner?: string }): string {
  checkObject(options, "options");
  checkText(options.afterTokenId, "afterTokenId");
  checkLimit(options.limit, "limit");
  checkText(options.hasRole, "hasRole");
  checkText(options.owner, "owner");
  const params = new URLSearchParams();
  if (options.owner !== undefined) params.set("owner", options.owner);
  if (options.afterTokenId) params.set("afterTokenId", options.afterTokenId);
  if (options.limit != null) params.set("limit", String(options.limit));
  if (options.includeRevoked) params.set("includeRevoked", "true");
  if (options.includeExpired) params.set("includeExpired", "true");
  if (options.includeSecretPhc) params.set("includeSecretPhc", "true");
  if (options.hasRole) params.set("hasRole", options.hasRole);
  const query = params.toString();
  return query && `?${query}`;
}

/** Issues of a schema failure, by path only (a value could be a token or a hash). */
function issuesOf(error: z.ZodError, redact: Redactor): ResponseIssue[] {
  return error.issues.map((issue) => ({
    path: issue.path.map(String).join("."),
    message: redact(issue.message),
  }));
}

/**
 * Client of the @pat/http admin API, a drop-in for `AccessTokensClient` of
 * @access-tokens/client: same constructor options, methods, requests and answers.
 */
export class AccessTokensClient {
  readonly #config: ResolvedConfig;
  readonly #session: TokenSession;

  constructor(config: AccessTokensClientConfig) {
    this.#config = resolveConfig(config);
    this.#session = new TokenSession(() => this.#exchange(), this.#config.clock);
  }

  /** Redactor of every secret this call may meet. */
  #redactor(extra: readonly (string | undefined)[] = []): Redactor {
    return createRedactor([this.#config.apiKey, this.#session.held, ...extra]);
  }

  #parse<S extends z.ZodType>(
    schema: S,
    answer: ApiAnswer,
    request: { method: Method; url: string; action: string },
    redact: Redactor,
  ): z.infer<S> {
    const fail = (issues: ResponseIssue[]) =>
      new InvalidResponseError(
        `Invalid ${request.action} response: ${issues.map((i) => `${i.path || "body"}: ${i.message}`).join("; ")}`,
        {
          method: request.method,
          url: request.url,
          status: answer.status,
          issues,
        },
      );
    let json: unknown;
    try {
      json = JSON.parse(answer.text);
    } catch {
      throw fail([{ path: "", message: "not JSON" }]);
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) throw fail(issuesOf(parsed.error, redact));
    return parsed.data;
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
    const data = this.#parse(
      authTokenResponseSchema,
      answer,
      { ...request, action: "auth token" },
      redact,
    );
    // RFC 6749 section 7.1: the token type is case-insensitive; only bearer tokens are usable.
    if (data.token_type.toLowerCase() !== "bearer") {
      throw new InvalidResponseError("Invalid auth token response: token_type is not Bearer", {
        method: request.method,
        url: request.url,
        status: answer.status,
        issues: [{ path: "token_type", message: "expected Bearer" }],
      });
    }
    return { accessToken: data.access_token, expiresIn: data.expires_in };
  }

  /** Sends an admin request with the current JWT; once more with a fresh JWT after a 401. */
  async #admin(
    method: Method,
    path: string,
    action: string,
    options: { body?: unknown; repeatable: boolean; secrets?: readonly (string | undefined)[] },
  ): Promise<ApiAnswer & { url: string; redact: Redactor }> {
    const url = `${this.#config.endpoint}${this.#config.adminPath}${path}`;
    const attemptWith = async (jwt: string) => {
      const headers: Record<string, string> = {
        Authorization: `Bearer ${jwt}`,
        Accept: "application/json",
      };
      const request: ApiRequest = { method, url, headers, repeatable: options.repeatable, action };
      const redact = this.#redactor([jwt, ...(options.secrets ?? [])]);
      if (options.body !== undefined) {
        headers["Content-Type"] = "application/json";
        const answer = await send(
          this.#config,
          { ...request, body: JSON.stringify(options.body) },
          redact,
        );
        return { ...answer, url, redact };
      }
      return { ...(await send(this.#config, request, redact)), url, redact };
    };
    const jwt = await this.#session.current();
    try {
      return await attemptWith(jwt);
    } catch (error) {
      if (!(error instanceof HttpError && error.status === 401)) throw error;
      this.#session.discard(jwt);
      return attemptWith(await this.#session.renew());
    }
  }

  async #list(options: ListOptions & { owner?: string }, action: string): Promise<TokenRecord[]> {
    const path = `/tokens${listQuery(options)}`;
    const answer = await this.#admin("GET", path, action, { repeatable: true });
    return this.#parse(
      listResponseSchema,
      answer,
      { method: "GET", url: answer.url, action },
      answer.redact,
    ).records;
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
  list(options: ListOptions = {}): Promise<TokenRecord[]> {
    return this.#list(options, "list tokens");
  }

  /**
   * Loads many tokens by id at once (`POST {adminPath}/tokens/batch`); a read, so it is repeated
   * on 429/5xx and network errors although it is a POST. Accepts a `Set` (as
   * @access-tokens/client) or an array; duplicates are sent once.
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
    if (!(tokenIds instanceof Set) && !Array.isArray(tokenIds)) {
      throw new TypeError("tokenIds must be a Set or an array of token ids");
    }
    checkObject(options, "options");
    const ids = [...new Set<unknown>(tokenIds)];
    for (const id of ids)
      if (typeof id !== "string") throw new TypeError("tokenIds must hold strings");
    const action = "batch load tokens";
    const body = { tokenIds: ids, includeSecretPhc: options.includeSecretPhc };
    const answer = await this.#admin("POST", "/tokens/batch", action, { body, repeatable: true });
    return this.#parse(
      batchLoadResultSchema,
      answer,
      { method: "POST", url: answer.url, action },
      answer.redact,
    );
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
    const action = "issue token";
    const answer = await this.#admin("POST", "/tokens", action, {
      body: config,
      repeatable: false,
    });
    const result = this.#parse(
      issueResultSchema,
      answer,
      { method: "POST", url: answer.url, action },
      answer.redact,
    );
    return result;
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
    const action = `register token ${tokenId}`;
    const answer = await this.#admin("PUT", `/tokens/${tokenId}`, action, {
      body: rest,
      repeatable: true,
      secrets: [config.secretPhc],
    });
    return this.#parse(
      registerResultSchema,
      answer,
      { method: "PUT", url: answer.url, action },
      answer.redact,
    ).record;
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
   * One token by id (`GET {adminPath}/tokens/:tokenId`; @pat addition, @pat/http only).
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
    const action = `get token ${tokenId}`;
    const answer = await this.#admin("GET", `/tokens/${tokenId}${query}`, action, {
      repeatable: true,
    });
    return this.#parse(
      recordResultSchema,
      answer,
      { method: "GET", url: answer.url, action },
      answer.redact,
    ).record;
  }

  /**
   * One page of the tokens of `owner` (`GET {adminPath}/tokens?owner=…`; @pat addition,
   * @pat/http only), with the options of {@link AccessTokensClient.list}.
   *
   * @throws as {@link AccessTokensClient.list}; `INVALID_INPUT` for an empty owner.
   * @example
   * ```ts
   * const mine = await client.listByOwner("ci@example.com");
   * ```
   */
  listByOwner(owner: string, options: ListByOwnerOptions = {}): Promise<TokenRecord[]> {
    if (typeof owner !== "string") throw new TypeError("owner must be a string");
    checkText(owner, "owner");
    return this.#list({ ...options, owner }, "list tokens by owner");
  }

  /**
   * Every token, paging through `list` (or the owner listing when `owner` is given) until the
   * server has no more (@pat addition). The pages are asked for with revoked and expired tokens
   * included, so a page is never cut short by that filter; `includeRevoked` / `includeExpired`
   * are then applied here, expiry by this client's clock (`expiresAt` before now).
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
    checkLimit(pageSize, "pageSize", 1000);
    const now = Math.floor(this.#config.clock() / 1000);
    const seen = new Set<string>();
    const out: TokenRecord[] = [];
    let afterTokenId: string | undefined;
    for (;;) {
      const page = await this.#list(
        {
          ...rest,
          ...(owner === undefined ? {} : { owner }),
          ...(afterTokenId === undefined ? {} : { afterTokenId }),
          limit: pageSize,
          includeRevoked: true,
          includeExpired: true,
        },
        owner === undefined ? "list tokens" : "list tokens by owner",
      );
      if (page.length === 0) return out;
      for (const record of page) {
        if (seen.has(record.tokenId)) {
          throw new InvalidResponseError(
            "Invalid list tokens response: a token was answered twice",
            {
              method: "GET",
              url: `${this.#config.endpoint}${this.#config.adminPath}/tokens`,
              status: 200,
              issues: [{ path: "records", message: `token ${record.tokenId} answered twice` }],
            },
          );
        }
        seen.add(record.tokenId);
        const revoked = record.revokedAt != null;
        const expired = record.expiresAt != null && record.expiresAt < now;
        if ((revoked && !includeRevoked) || (expired && !includeExpired)) continue;
        out.push(record);
      }
      afterTokenId = page[page.length - 1]?.tokenId;
    }
  }

  /**
   * A JWT for this client's PAT, exchanged at `POST {authPath}/token` and renewed before it
   * expires (@pat addition): for calling your own API routes that take the JWT. The JWT is a
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
