// Why: one wall-clock measure of an async task, so every figure is timed the same way.

/** Milliseconds `task` takes to settle (measured with `performance.now()`). */
export async function time(task: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await task();
  return performance.now() - started;
}
