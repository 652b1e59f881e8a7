/**
 * Bounded exponential backoff with jitter, for retries the SDK does not do itself (BatchGetItem's
 * UnprocessedKeys, conflicting transactions). "Equal jitter": half the capped exponential delay
 * plus a random share of the other half, so retries spread out but never collapse to zero.
 */

/** Retry bounds; every field optional. */
export interface RetryOptions {
  /** Attempts in all, including the first; default 8. */
  readonly maxAttempts?: number;
  /** Delay before the second attempt, in ms; default 25. */
  readonly baseDelayMs?: number;
  /** Largest delay, in ms; default 1000. */
  readonly maxDelayMs?: number;
}

/** {@link RetryOptions} with defaults applied. */
export interface RetryPolicy {
  readonly maxAttempts: number;
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
}

/** Applies defaults; `check` reports a bad value (the caller picks the error class). */
export function retryPolicy(
  options: RetryOptions | undefined,
  check: (message: string) => never,
): RetryPolicy {
  const policy = {
    maxAttempts: options?.maxAttempts ?? 8,
    baseDelayMs: options?.baseDelayMs ?? 25,
    maxDelayMs: options?.maxDelayMs ?? 1000,
  };
  if (!Number.isSafeInteger(policy.maxAttempts) || policy.maxAttempts < 1) {
    check("retry.maxAttempts must be a positive integer");
  }
  for (const key of ["baseDelayMs", "maxDelayMs"] as const) {
    if (!Number.isFinite(policy[key]) || policy[key] < 0) check(`retry.${key} must be >= 0`);
  }
  return policy;
}

/** Delay before attempt `attempt + 1` (attempt counts from 0). */
export function backoffDelay(policy: RetryPolicy, attempt: number): number {
  const capped = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** attempt);
  return capped / 2 + Math.random() * (capped / 2);
}

/** Resolves after `ms` milliseconds. */
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
