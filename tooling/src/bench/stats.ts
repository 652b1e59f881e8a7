// Why: every bench reports medians, which shrug off the outliers of a shared 2-core machine.

/** The upper median of `values` (the middle one after sorting; NaN when there are none). */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}
