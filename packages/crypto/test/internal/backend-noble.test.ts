/**
 * The noble backend's memory bound, observed through the public scrypt(): the real
 * `scryptAsync` of @noble/hashes is wrapped to count derivations in flight, and 50 concurrent
 * calls must never hold more than the documented cap (an internal constant, imported from the
 * internal module; the public API exposes no counter).
 */
import type * as NobleScrypt from "@noble/hashes/scrypt.js";
import { describe, expect, it, vi } from "vitest";

const inFlight = vi.hoisted(() => ({ now: 0, max: 0, calls: 0 }));

vi.mock("@noble/hashes/scrypt.js", async (importOriginal) => {
  const original = await importOriginal<typeof NobleScrypt>();
  return {
    ...original,
    scryptAsync: async (...args: Parameters<typeof original.scryptAsync>) => {
      inFlight.now++;
      inFlight.calls++;
      inFlight.max = Math.max(inFlight.max, inFlight.now);
      try {
        return await original.scryptAsync(...args);
      } finally {
        inFlight.now--;
      }
    },
  };
});

const { scrypt } = await import("../../src/index.js");
const { NOBLE_CONCURRENCY } = await import("../../src/internal/backend-noble.js");

describe("noble backend concurrency cap", () => {
  it("keeps at most NOBLE_CONCURRENCY derivations in flight across 50 concurrent calls", async () => {
    expect(NOBLE_CONCURRENCY).toBe(2);
    // Enough work per call (N=2^10, r=8: a few ms) that noble yields while others are queued.
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        scrypt(`password ${i}`, "salt", { N: 1024, r: 8, p: 1, dkLen: 32, backend: "noble" }),
      ),
    );
    expect(inFlight.calls).toBe(50);
    expect(inFlight.now).toBe(0);
    expect(inFlight.max).toBeLessThanOrEqual(NOBLE_CONCURRENCY);
    // The cap is used, not just respected by running one at a time.
    expect(inFlight.max).toBe(NOBLE_CONCURRENCY);
    expect(new Set(results.map((dk) => Buffer.from(dk).toString("hex"))).size).toBe(50);
  });
});
