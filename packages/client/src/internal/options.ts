/**
 * Constructor options of the client and their checks. Everything is checked once, at
 * construction, with `INVALID_CONFIG` naming the option; the `apiKey` is never repeated in a
 * message.
 */
import { invalidConfig } from "./errors.js";
import { resolveRetryPolicy, type RetryOptions, type RetryPolicy } from "./retry.js";
import type { Fetch } from "./transport.js";

/**
 * Options of {@link AccessTokensClient}: the ones of `@access-tokens/client` (`endpoint`,
 * `apiKey`, `authPath`, `adminPath`, `fetch`) and, as `@pat` additions, `retry`, `timeoutMs` and
 * `clock`.
 */
export type AccessTokensClientConfig = {
  /** Base URL of the API, e.g. `"https://api.example.com"` (http or https, no query). */
  endpoint: string;
  /** The personal access token the client authenticates with (an admin token for admin calls). */
  apiKey: string;
  /** Path of the auth router under `endpoint`; default `"/auth"`. */
  authPath?: string;
  /** Path of the admin router under `endpoint`; default `"/admin"`. */
  adminPath?: string;
  /**
   * The `fetch` to call; default the global `fetch`, looked up at each call. The retry policy
   * applies to it too (set `retry: false` if it retries on its own).
   */
  fetch?: typeof fetch;
  /** Retry policy (`@pat` addition); `false` sends every request once. See {@link RetryOptions}. */
  retry?: RetryOptions | false;
  /** Time limit of one attempt, request and answer body, in ms (`@pat` addition); default 30 000. */
  timeoutMs?: number;
  /** Epoch milliseconds, default `Date.now` (`@pat` addition; for tests of JWT renewal). */
  clock?: () => number;
};

/** The options with defaults applied. */
export interface ResolvedConfig {
  readonly endpoint: string;
  readonly apiKey: string;
  readonly authPath: string;
  readonly adminPath: string;
  readonly fetch: Fetch;
  readonly policy: RetryPolicy;
  readonly timeoutMs: number;
  readonly clock: () => number;
}

/** Default `timeoutMs` of {@link AccessTokensClientConfig}: 30 s per attempt. */
export const DEFAULT_TIMEOUT_MS = 30_000;
const MAX_API_KEY_LENGTH = 4096;

function resolveEndpoint(endpoint: unknown): string {
  if (typeof endpoint !== "string") throw new TypeError("endpoint must be a string");
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    throw invalidConfig("endpoint must be an absolute http or https URL");
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw invalidConfig("endpoint must be an absolute http or https URL");
  }
  if (url.username || url.password) {
    throw invalidConfig("endpoint must not contain credentials (give the token as apiKey)");
  }
  if (url.search || url.hash || endpoint.includes("?") || endpoint.includes("#")) {
    throw invalidConfig("endpoint must not have a query or a fragment");
  }
  return `${url.origin}${url.pathname}`.replace(/\/+$/, "");
}

function resolvePath(name: string, value: unknown, fallback: string): string {
  if (value === undefined) return fallback;
  if (typeof value !== "string") throw new TypeError(`${name} must be a string`);
  if (value !== "" && !/^(\/[A-Za-z0-9._~!$&'()*+,;=:@%-]*)+$/.test(value)) {
    throw invalidConfig(`${name} must be empty or a path starting with "/" (no query, no spaces)`);
  }
  return value.replace(/\/+$/, "");
}

function resolveApiKey(apiKey: unknown): string {
  if (typeof apiKey !== "string") throw new TypeError("apiKey must be a string");
  // A header value of visible ASCII: anything else would make fetch throw, with the value in
  // some runtimes' messages.
  if (apiKey.length === 0 || apiKey.length > MAX_API_KEY_LENGTH || !/^[\x21-\x7e]+$/.test(apiKey)) {
    throw invalidConfig(
      `apiKey must be 1 to ${MAX_API_KEY_LENGTH} visible ASCII characters without spaces`,
    );
  }
  return apiKey;
}

/** Checks `config` and applies the defaults. */
export function resolveConfig(config: AccessTokensClientConfig): ResolvedConfig {
  if (typeof config !== "object" || config === null) {
    throw new TypeError("AccessTokensClient options must be an object");
  }
  const { fetch: givenFetch, clock, timeoutMs = DEFAULT_TIMEOUT_MS } = config;
  if (givenFetch !== undefined && typeof givenFetch !== "function") {
    throw new TypeError("fetch must be a function");
  }
  if (clock !== undefined && typeof clock !== "function") {
    throw new TypeError("clock must be a function");
  }
  if (
    typeof timeoutMs !== "number" ||
    !Number.isInteger(timeoutMs) ||
    timeoutMs < 1 ||
    timeoutMs > 3_600_000
  ) {
    throw invalidConfig("timeoutMs must be an integer number of milliseconds from 1 to 3600000");
  }
  return {
    endpoint: resolveEndpoint(config.endpoint),
    apiKey: resolveApiKey(config.apiKey),
    authPath: resolvePath("authPath", config.authPath, "/auth"),
    adminPath: resolvePath("adminPath", config.adminPath, "/admin"),
    // Called unbound, as browsers require of the global fetch; looked up per call.
    fetch: givenFetch
      ? (input, init) => givenFetch(input, init)
      : (input, init) => globalThis.fetch(input, init),
    policy: resolveRetryPolicy(config.retry),
    timeoutMs,
    clock: clock ?? Date.now,
  };
}
