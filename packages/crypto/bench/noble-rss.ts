/**
 * Child process of the benchmark: peak RSS while 200 hashSecret calls on the noble backend run
 * concurrently at the default parameters (each derivation holds 128·r·(N+p+1) ≈ 16 MiB; without
 * the semaphore 200 of them would need about 3.2 GiB). Prints one JSON line.
 */
import { hashSecret } from "../src/index.js";

const CALLS = 200;
const mib = (bytes: number) => bytes / 1024 / 1024;

const baseline = process.memoryUsage().rss;
let sampledPeak = baseline;
const sampler = setInterval(() => {
  sampledPeak = Math.max(sampledPeak, process.memoryUsage().rss);
}, 5);
const started = performance.now();
await Promise.all(
  Array.from({ length: CALLS }, (_, i) => hashSecret(`secret ${i}`, { backend: "noble" })),
);
const seconds = (performance.now() - started) / 1000;
clearInterval(sampler);
// resourceUsage().maxRSS is the kernel's high-water mark in KiB, so nothing between samples is missed.
const maxRss = process.resourceUsage().maxRSS * 1024;
console.log(
  JSON.stringify({
    calls: CALLS,
    baselineMiB: mib(baseline),
    sampledPeakMiB: mib(sampledPeak),
    peakMiB: mib(Math.max(maxRss, sampledPeak)),
    seconds,
  }),
);
