import { describe, expect, it } from "vitest";
import {
  backoffDelay,
  DEFAULT_RETRY,
  parseRetryAfter,
  resolveRetryPolicy,
  retryDelay,
} from "../../src/internal/retry.js";

const NOW = Date.parse("2025-01-01T00:00:00Z");

function policyWith(random: number, options: Parameters<typeof resolveRetryPolicy>[0] = {}) {
  return resolveRetryPolicy({ ...options, random: () => random });
}

describe("resolveRetryPolicy", () => {
  it("applies the defaults of @access-tokens/client plus a total budget", () => {
    const policy = resolveRetryPolicy(undefined);
    expect(policy).toMatchObject({
      retries: 3,
      baseDelayMs: 1000,
      maxDelayMs: 30_000,
      maxElapsedMs: 60_000,
    });
    expect(DEFAULT_RETRY.retries).toBe(3);
  });

  it("turns retrying off with false", () => {
    expect(resolveRetryPolicy(false).retries).toBe(0);
  });

  it.each([
    [{ retries: -1 }, "retry.retries must be an integer from 0 to 10"],
    [{ retries: 11 }, "retry.retries must be an integer from 0 to 10"],
    [{ retries: 1.5 }, "retry.retries must be an integer from 0 to 10"],
    [{ baseDelayMs: -1 }, "retry.baseDelayMs must be a number of milliseconds from 0 to 86400000"],
    [
      { maxDelayMs: Infinity },
      "retry.maxDelayMs must be a number of milliseconds from 0 to 86400000",
    ],
    [{ maxElapsedMs: 0 }, "retry.maxElapsedMs must be a number of milliseconds from 1 to 86400000"],
    [{ baseDelayMs: 500, maxDelayMs: 100 }, "retry.maxDelayMs must be at least retry.baseDelayMs"],
  ])("refuses %j with INVALID_CONFIG", (options, message) => {
    let caught: unknown;
    try {
      resolveRetryPolicy(options);
    } catch (error) {
      caught = error;
    }
    expect(caught).toMatchObject({ code: "INVALID_CONFIG", message });
  });

  it("refuses a random or sleep that is not a function with a TypeError", () => {
    expect(() => resolveRetryPolicy({ random: 1 as unknown as () => number })).toThrow(TypeError);
    expect(() => resolveRetryPolicy({ sleep: "x" as unknown as () => Promise<void> })).toThrow(
      "retry.sleep must be a function",
    );
  });
});

describe("backoffDelay", () => {
  it("doubles from baseDelayMs, with equal jitter in [step/2, step]", () => {
    for (const [retry, step] of [
      [0, 1000],
      [1, 2000],
      [2, 4000],
      [3, 8000],
    ] as const) {
      expect(backoffDelay(policyWith(0), retry)).toBe(step / 2);
      expect(backoffDelay(policyWith(0.5), retry)).toBe((step * 3) / 4);
      expect(backoffDelay(policyWith(0.999999), retry)).toBeLessThan(step);
      expect(backoffDelay(policyWith(0.999999), retry)).toBeGreaterThan(step * 0.99);
    }
  });

  it("caps the step at maxDelayMs", () => {
    expect(backoffDelay(policyWith(0), 10)).toBe(15_000);
    expect(backoffDelay(policyWith(1), 10)).toBe(30_000);
    expect(backoffDelay(policyWith(1, { maxDelayMs: 5000 }), 4)).toBe(5000);
  });

  it("stays in bounds for any random source, even a broken one", () => {
    for (const random of [-5, 7, Number.NaN, Infinity]) {
      const delay = backoffDelay(policyWith(random), 1);
      expect(delay).toBeGreaterThanOrEqual(1000);
      expect(delay).toBeLessThanOrEqual(2000);
    }
  });

  it("spreads concurrent clients: many draws cover the interval", () => {
    const policy = resolveRetryPolicy({});
    const delays = Array.from({ length: 500 }, () => backoffDelay(policy, 2));
    expect(Math.min(...delays)).toBeGreaterThanOrEqual(2000);
    expect(Math.max(...delays)).toBeLessThan(4000);
    expect(new Set(delays.map((d) => Math.floor(d / 200))).size).toBeGreaterThan(5);
  });
});

describe("parseRetryAfter", () => {
  it("reads delay-seconds", () => {
    expect(parseRetryAfter("5", NOW)).toBe(5000);
    expect(parseRetryAfter("0", NOW)).toBe(0);
    expect(parseRetryAfter("  10  ", NOW)).toBe(10_000);
  });

  it("reads an HTTP-date, a past one as 0", () => {
    expect(parseRetryAfter(new Date(NOW + 10_000).toUTCString(), NOW)).toBe(10_000);
    expect(parseRetryAfter("Wed, 01 Jan 2025 00:00:30 GMT", NOW)).toBe(30_000);
    expect(parseRetryAfter(new Date(NOW - 5000).toUTCString(), NOW)).toBe(0);
  });

  it("ignores what RFC 9110 does not allow", () => {
    for (const value of [null, "", "-5", "2.5", "1e3", "soon", "0x10", "2025-01-01T00:00:10Z"]) {
      expect(parseRetryAfter(value, NOW)).toBeUndefined();
    }
  });
});

describe("retryDelay", () => {
  it("is the backoff without Retry-After", () => {
    expect(retryDelay(policyWith(0), 1, undefined)).toBe(1000);
  });

  it("never waits less than the server asked", () => {
    expect(retryDelay(policyWith(0), 0, 7000)).toBe(7000);
    expect(retryDelay(policyWith(0), 0, 0)).toBe(500);
    // A Retry-After above maxDelayMs is honoured too; the total budget decides whether to wait.
    expect(retryDelay(policyWith(0), 0, 45_000)).toBe(45_000);
  });
});
