/**
 * The verified-secret memo at the default cost (N=16384): a repeated token skips scrypt. On the
 * memory store a cold verify is one scrypt (tens of milliseconds) and a warm one microseconds, so
 * a factor of 10 holds with a wide margin even on a loaded machine.
 */
import { describe, expect, it } from "vitest";
import { MemoryTokenStore, Pat } from "../src/index.js";

const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;

async function timed(task: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await task();
  return performance.now() - started;
}

describe("verify memo at default cost", () => {
  it("answers a repeated token without scrypt, and only after scrypt matched once", async () => {
    const pat = new Pat({ store: new MemoryTokenStore() });
    const off = new Pat({ store: pat.store, verifyCache: false });
    const tokens = await Promise.all([1, 2, 3].map(() => pat.issue({ owner: "memo" })));
    const cold: number[] = [];
    for (const { token } of tokens) cold.push(await timed(() => pat.verify(token)));
    const warm: number[] = [];
    for (let i = 0; i < 9; i++)
      warm.push(await timed(() => pat.verify(tokens[i % 3]?.token ?? "")));
    const uncached: number[] = [];
    for (const { token } of tokens) uncached.push(await timed(() => off.verify(token)));
    expect(median(warm) * 10).toBeLessThan(median(cold));
    expect(median(warm) * 10).toBeLessThan(median(uncached));
  });
});
