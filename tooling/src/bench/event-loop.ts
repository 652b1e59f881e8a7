// Why: a library that blocks the event loop hurts every other request of the process, so the
// benches report the loop's delay while the work runs.
import { monitorEventLoopDelay } from "node:perf_hooks";

export interface EventLoopSample<T> {
  /** What `task` resolved to. */
  result: T;
  /** How long `task` took, ms. */
  elapsedMs: number;
  /** The 99th percentile of the event-loop delay while it ran, ms (1 ms resolution). */
  p99Ms: number;
}

/** Runs `task` while sampling the event-loop delay. */
export async function sampleEventLoopDelay<T>(task: () => Promise<T>): Promise<EventLoopSample<T>> {
  const histogram = monitorEventLoopDelay({ resolution: 1 });
  histogram.enable();
  const started = performance.now();
  const result = await task();
  const elapsedMs = performance.now() - started;
  histogram.disable();
  return { result, elapsedMs, p99Ms: histogram.percentile(99) / 1e6 };
}
