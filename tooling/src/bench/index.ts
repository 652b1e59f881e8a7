/**
 * Benchmark helpers shared by the @pat packages' `bench/` scripts: medians, timing, paired
 * comparisons against a floor, a worker pool, event-loop delay sampling and markdown tables.
 * Import as `@pat/tooling/bench`.
 */
export { compare, type CompareOptions, type Comparison, type PairOrder } from "./compare";
export { sampleEventLoopDelay, type EventLoopSample } from "./event-loop";
export { pool } from "./pool";
export { median } from "./stats";
export { markdownHeader, markdownRow, markdownTable, verdict, type Align } from "./table";
export { time } from "./time";
