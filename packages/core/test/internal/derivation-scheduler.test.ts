/**
 * The fair scheduler on its own, with tasks the test finishes by hand: no wall clock anywhere.
 * Order is read from the sequence in which tasks start; concurrency from counts.
 */
import { describe, expect, it } from "vitest";
import { DerivationScheduler } from "../../src/internal/derivation-scheduler.js";

/** Tasks that record their start and finish when told. */
function manualTasks() {
  const started: string[] = [];
  const finishers = new Map<string, (value: string) => void>();
  const task = (label: string) => () =>
    new Promise<string>((resolve) => {
      started.push(label);
      finishers.set(label, resolve);
    });
  const finish = async (label: string) => {
    const resolve = finishers.get(label);
    if (resolve === undefined) throw new Error(`${label} has not started`);
    finishers.delete(label);
    resolve(label);
    // Let the scheduler's continuations run.
    for (let i = 0; i < 5; i++) await Promise.resolve();
  };
  return { started, task, finish, running: () => [...finishers.keys()] };
}

describe("DerivationScheduler", () => {
  it("runs at most one derivation per id, however many wait", async () => {
    const scheduler = new DerivationScheduler(4);
    const t = manualTasks();
    const results = Array.from({ length: 10 }, (_, i) =>
      scheduler.run("A", undefined, t.task(`A${i}`)),
    );
    expect(t.started).toEqual(["A0"]);
    expect(scheduler.stats).toEqual({ running: 1, waiting: 9, waitingIds: 1 });
    for (let i = 0; i < 10; i++) {
      expect(t.running()).toEqual([`A${i}`]);
      await t.finish(`A${i}`);
    }
    expect(await Promise.all(results)).toEqual(Array.from({ length: 10 }, (_, i) => `A${i}`));
    expect(scheduler.stats).toEqual({ running: 0, waiting: 0, waitingIds: 0 });
  });

  it("serves other ids within one turn of the rotation while one id is flooded", async () => {
    const scheduler = new DerivationScheduler(2);
    const t = manualTasks();
    for (let i = 0; i < 32; i++) void scheduler.run("X", undefined, t.task(`X${i}`));
    for (const id of ["B", "C", "D"]) void scheduler.run(id, undefined, t.task(id));
    // Two slots: the flood holds one, B takes the other.
    expect(t.started).toEqual(["X0", "B"]);
    await t.finish("X0");
    // X moved to the back of the rotation when it was served: C and D come before X1.
    expect(t.started).toEqual(["X0", "B", "C"]);
    await t.finish("B");
    expect(t.started).toEqual(["X0", "B", "C", "D"]);
    await t.finish("C");
    expect(t.started).toEqual(["X0", "B", "C", "D", "X1"]);
    // Every other id was served after at most one derivation of the flooded id.
    expect(t.started.slice(0, 4).filter((label) => label.startsWith("X"))).toHaveLength(1);
  });

  it("alternates between flooded ids and newcomers (round robin)", async () => {
    const scheduler = new DerivationScheduler(1);
    const t = manualTasks();
    for (let i = 0; i < 3; i++) void scheduler.run("X", undefined, t.task(`X${i}`));
    for (let i = 0; i < 3; i++) void scheduler.run("Y", undefined, t.task(`Y${i}`));
    void scheduler.run("Z", undefined, t.task("Z0"));
    while (t.running().length > 0) await t.finish(t.running()[0] ?? "");
    expect(t.started).toEqual(["X0", "Y0", "Z0", "X1", "Y1", "X2", "Y2"]);
  });

  it("shares one derivation among identical concurrent requests, and only while it runs", async () => {
    const scheduler = new DerivationScheduler(2);
    const t = manualTasks();
    const same = Array.from({ length: 8 }, () => scheduler.run("A", "k", t.task("A-k")));
    const other = scheduler.run("A", "other", t.task("A-other"));
    expect(scheduler.stats.waiting + scheduler.stats.running).toBe(2);
    await t.finish("A-k");
    expect(await Promise.all(same)).toEqual(Array(8).fill("A-k"));
    await t.finish("A-other");
    expect(await other).toBe("A-other");
    // Finished: the same key derives again.
    const again = scheduler.run("A", "k", t.task("A-k"));
    expect(t.started).toEqual(["A-k", "A-other", "A-k"]);
    await t.finish("A-k");
    expect(await again).toBe("A-k");
  });

  it("passes a failure to every sharer and frees the slot", async () => {
    const scheduler = new DerivationScheduler(1);
    let calls = 0;
    const failing = () => {
      calls++;
      return Promise.reject(new Error("backend down"));
    };
    const a = scheduler.run("A", "k", failing);
    const b = scheduler.run("A", "k", failing);
    await expect(a).rejects.toThrow("backend down");
    await expect(b).rejects.toThrow("backend down");
    expect(calls).toBe(1);
    const throwing = () => {
      throw new Error("sync");
    };
    await expect(scheduler.run("B", undefined, throwing)).rejects.toThrow("sync");
    expect(await scheduler.run("C", undefined, () => Promise.resolve("next"))).toBe("next");
    expect(scheduler.stats).toEqual({ running: 0, waiting: 0, waitingIds: 0 });
  });

  it("refuses a concurrency that is not a positive integer", () => {
    for (const bad of [0, -1, 1.5, Number.NaN]) {
      expect(() => new DerivationScheduler(bad)).toThrow(RangeError);
    }
  });
});
