/**
 * How an admin call reaches the server: every call carries a JWT obtained by exchanging the PAT
 * at `POST {authPath}/token` (held and renewed by `session.ts`); a call answered 401 exchanges
 * once more and is sent again once, since the server refused it before acting. Answers are read
 * with the route's schema; every secret the call met (the PAT, the JWT, a PHC string in the
 * body) is scrubbed from any error it throws.
 */
import type * as z from "zod";
import { invalidResponse, parseAnswer } from "./answers.js";
import { HttpError } from "./errors.js";
import type { ResolvedConfig } from "./options.js";
import { createRedactor, type Redactor } from "./redact.js";
import { authTokenResponseSchema } from "./schemas.js";
import { TokenSession, type Exchanged } from "./session.js";
import { send, type ApiRequest } from "./transport.js";

/** HTTP methods of the admin API. */
export type Method = ApiRequest["method"];

/** What an admin call sends and how its answer is read. */
export interface AdminCall<S extends z.ZodType> {
  readonly body?: unknown;
  /** Whether the call may be repeated after a 429/5xx or a network error. */
  readonly repeatable: boolean;
  /** Secrets in the body (a PHC string), scrubbed from errors too. */
  readonly secrets?: readonly (string | undefined)[];
  /**
   * Schema of the 2xx answer; without one the answer body is ignored (204 routes, whose callers
   * then resolve `void`).
   */
  readonly schema?: S;
}

/** The admin API of one server, for one PAT. */
export class AdminApi {
  readonly #config: ResolvedConfig;
  readonly #session: TokenSession;

  constructor(config: ResolvedConfig) {
    this.#config = config;
    this.#session = new TokenSession(() => this.#exchange(), config.clock);
  }

  /** The current JWT, exchanged or renewed when due. */
  accessToken(): Promise<string> {
    return this.#session.current();
  }

  /** Redactor of every secret a call may meet. */
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
   * Sends `method {adminPath}{path}` with the current JWT, once more with a fresh JWT after a
   * 401, and reads the answer with `options.schema` when one is given.
   */
  async call<S extends z.ZodType>(
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
}
