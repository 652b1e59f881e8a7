import { describe, expect, it } from "vitest";
import { HashGate } from "../../src/internal/hash-gate.js";

describe("HashGate", () => {
  it("runs at most `limit` tasks at once, in arrival order, and frees slots on failure", async () => {
    const gate = new HashGate(2);
    let running = 0;
    let peak = 0;
    const order: number[] = [];
    const task = (i: number) => async () => {
      running++;
      peak = Math.max(peak, running);
      order.push(i);
      await new Promise((r) => setTimeout(r, 5));
      running--;
      if (i === 3) throw new Error("task 3 fails");
      return i;
    };
    const results = await Promise.allSettled(
      Array.from({ length: 8 }, (_, i) => gate.run(task(i))),
    );
    expect(peak).toBe(2);
    expect(order).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(results.filter((r) => r.status === "rejected")).toHaveLength(1);
    // All slots are free again.
    expect(await Promise.all([gate.run(async () => "a"), gate.run(async () => "b")])).toEqual([
      "a",
      "b",
    ]);
  });
});
