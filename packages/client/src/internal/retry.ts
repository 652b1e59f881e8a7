/**
 * The retry policy: which answers are worth another attempt, how long to wait before it, and
 * when to stop. Waits grow exponentially with "equal jitter" (half the step fixed, half random,
 * so concurrent clients spread out without ever retrying at once), are capped, and never come
 * sooner than the server's `Retry-After` (RFC 9110 section 10.2.3: delay-seconds or an
 * HTTP-date). Attempts and the total time, waits included, are bounded. Whether a request may be
 * repeated at all is decided by the caller (see `transport.ts`); this module only computes.
 */
import { invalidConfig } from "./errors.js";

/**
 * Options of the retry policy (`retry` option of the client). Every field is optional; the
 * defaults are those of `@access-tokens/client` (3 retries, 1 s doubling to at most 30 s) plus a
 * total budget.
 */
export interface RetryOptions {
  /** Repeats after the first attempt, an integer 0–10; default 3. 0 turns retrying off. */
  readonly retries?: number;
  /** First wait in milliseconds before jitter; default 1000. */
  readonly baseDelayMs?: number;
  /** Cap of one backoff wait in milliseconds; default 30 000. */
  readonly maxDelayMs?: number;
  /**
   * Total time in milliseconds one call may spend on attempts and waits; default 60 000. No
   * wait is started that would end past it (a `Retry-After` asking for longer fails the call
   * with the server's answer), and attempts are cut to the time left.
   */
  readonly maxElapsedMs?: number;
  /** Random numbers in [0, 1) for the jitter; default `Math.random`. For tests. */
  readonly random?: () => number;
  /** Waits `ms` milliseconds; default `setTimeout`. For tests. */
  readonly sleep?: (ms: number) => Promise<void>;
}

/** {@link RetryOptions} with every default applied and checked. */
export interface RetryPolicy {
  readonly retries: number;
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
  readonly maxElapsedMs: number;
  readonly random: () => number;
  readonly sleep: (ms: number) => Promise<void>;
}

/**
 * Statuses that say "try again later", the set `@access-tokens/client` retries: 408, 429, 500,
 * 502, 503, 504. Other statuses are answered at once as an {@link HttpError}.
 */
export const RETRYABLE_STATUSES: ReadonlySet<number> = new Set([408, 429, 500, 502, 503, 504]);

/**
 * Defaults of {@link RetryOptions}: 3 retries, waits from 1 s doubling to at most 30 s (before
 * jitter), 60 s in all for one call.
 */
export const DEFAULT_RETRY = {
  retries: 3,
  baseDelayMs: 1000,
  maxDelayMs: 30_000,
  maxElapsedMs: 60_000,
} as const;

const MAX_RETRIES = 10;
/** One day: larger waits or budgets are a unit mistake (seconds given as milliseconds). */
const MAX_MS = 86_400_000;

function defaultSleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function checkMs(name: string, value: number | undefined, fallback: number, min: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== "number" || !Number.isFinite(value) || value < min || value > MAX_MS) {
    throw invalidConfig(`retry.${name} must be a number of milliseconds from ${min} to ${MAX_MS}`);
  }
  return value;
}

/** Applies defaults to `options` and checks them (`INVALID_CONFIG`); `false` means no retry. */
export function resolveRetryPolicy(options: RetryOptions | false | undefined): RetryPolicy {
  const given = options === false ? { retries: 0 } : (options ?? {});
  if (typeof given !== "object" || given === null) {
    throw new TypeError("retry must be an options object or false");
  }
  const retries = given.retries ?? DEFAULT_RETRY.retries;
  if (!Number.isInteger(retries) || retries < 0 || retries > MAX_RETRIES) {
    throw invalidConfig(`retry.retries must be an integer from 0 to ${MAX_RETRIES}`);
  }
  const baseDelayMs = checkMs("baseDelayMs", given.baseDelayMs, DEFAULT_RETRY.baseDelayMs, 0);
  const maxDelayMs = checkMs("maxDelayMs", given.maxDelayMs, DEFAULT_RETRY.maxDelayMs, 0);
  if (maxDelayMs < baseDelayMs) {
    throw invalidConfig("retry.maxDelayMs must be at least retry.baseDelayMs");
  }
  const maxElapsedMs = checkMs("maxElapsedMs", given.maxElapsedMs, DEFAULT_RETRY.maxElapsedMs, 1);
  for (const name of ["random", "sleep"] as const) {
    if (given[name] !== undefined && typeof given[name] !== "function") {
      throw new TypeError(`retry.${name} must be a function`);
    }
  }
  return {
    retries,
    baseDelayMs,
    maxDelayMs,
    maxElapsedMs,
    random: given.random ?? Math.random,
    sleep: given.sleep ?? defaultSleep,
  };
}

/**
 * Backoff before retry number `retry` (0 for the first repeat): the step
 * `min(maxDelayMs, baseDelayMs · 2^retry)` with equal jitter, i.e. in [step/2, step).
 */
export function backoffDelay(policy: RetryPolicy, retry: number): number {
  const step = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** retry);
  const random = policy.random();
  // A broken random source must not make the wait negative or unbounded.
  const r = Number.isFinite(random) ? Math.min(Math.max(random, 0), 1) : 0.5;
  return step / 2 + (r * step) / 2;
}

/**
 * Milliseconds a `Retry-After` value asks to wait (RFC 9110 section 10.2.3), measured from
 * `now` (epoch milliseconds); `undefined` when absent or malformed. Only the two forms of the
 * RFC count: a non-negative integer of seconds, or an HTTP-date (a past date means 0).
 */
export function parseRetryAfter(value: string | null, now: number): number | undefined {
  if (value === null) return undefined;
  const text = value.trim();
  if (/^\d+$/.test(text)) {
    const seconds = Number(text);
    return Number.isSafeInteger(seconds) ? seconds * 1000 : undefined;
  }
  // HTTP-date: IMF-fixdate or one of the obsolete forms; all start with a day name.
  if (!/^[A-Za-z]{3}/.test(text)) return undefined;
  const at = Date.parse(text);
  return Number.isFinite(at) ? Math.max(0, at - now) : undefined;
}

/**
 * The wait before retry number `retry`: the backoff, or the server's `Retry-After` when that is
 * longer (a server's request is honoured, never shortened).
 */
export function retryDelay(
  policy: RetryPolicy,
  retry: number,
  retryAfterMs: number | undefined,
): number {
  const backoff = backoffDelay(policy, retry);
  return retryAfterMs === undefined ? backoff : Math.max(backoff, retryAfterMs);
}
