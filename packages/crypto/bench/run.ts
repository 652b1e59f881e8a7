/**
 * @pat/crypto benchmark: `pnpm bench` (tsx bench/run.ts). Prints a markdown table of each figure
 * against its floor measured in the same run (bare `crypto.scrypt`, bare @noble/hashes) and the
 * target from issue 2. Not a timed test: it reports, it does not fail.
 */
import { execFileSync } from "node:child_process";
import { randomBytes, scrypt as nodeScrypt } from "node:crypto";
import { availableParallelism, loadavg } from "node:os";
import { fileURLToPath } from "node:url";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { scrypt as nobleSync, scryptAsync } from "@noble/hashes/scrypt.js";
import { DEFAULT_SCRYPT_PARAMS, hashSecret } from "../src/index.js";

const {
  cost: N,
  blockSize: r,
  parallelization: p,
  keyLength: dkLen,
  saltLength,
} = DEFAULT_SCRYPT_PARAMS;

function bareNative(secret: Uint8Array): Promise<Buffer> {
  const salt = randomBytes(saltLength);
  return new Promise((resolve, reject) =>
    nodeScrypt(secret, salt, dkLen, { N, r, p, maxmem: 64 * 1024 * 1024 }, (error, key) =>
      error ? reject(error) : resolve(key),
    ),
  );
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
};

async function time(task: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await task();
  return performance.now() - started;
}

/**
 * Runs the two tasks back to back, in random order, `rounds` times. Other processes share this
 * machine, so absolute times drift; the ratio of each adjacent pair cancels most of that, and
 * the median of the pair ratios is what the table reports (with the median times for scale).
 */
async function compare(
  rounds: number,
  ours: () => Promise<unknown>,
  floor: () => Promise<unknown>,
) {
  await ours();
  await floor();
  const a: number[] = [];
  const b: number[] = [];
  const ratios: number[] = [];
  for (let i = 0; i < rounds; i++) {
    let x: number;
    let y: number;
    if (Math.random() < 0.5) {
      x = await time(ours);
      y = await time(floor);
    } else {
      y = await time(floor);
      x = await time(ours);
    }
    a.push(x);
    b.push(y);
    ratios.push(x / y);
  }
  return { ours: median(a), floor: median(b), ratio: median(ratios) };
}

const loadAtStart = loadavg()[0] ?? 0;
const secret = randomBytes(32);
const rows: string[][] = [];
const verdict = (ok: boolean) => (ok ? "yes" : "NO");

// 1. hashSecret on the native backend vs a bare crypto.scrypt of the same parameters.
{
  const { ours, floor, ratio } = await compare(
    60,
    () => hashSecret(secret, { backend: "node" }),
    () => bareNative(secret),
  );
  rows.push([
    "hashSecret (node) vs bare crypto.scrypt, ln=14 r=8 p=1, median ms",
    `${ours.toFixed(2)} / ${floor.toFixed(2)}`,
    ratio.toFixed(3),
    "≤ 1.05",
    verdict(ratio <= 1.05),
  ]);
}

// 2. hashSecret on the noble backend vs bare @noble/hashes scryptAsync (and sync scrypt).
{
  const salt = randomBytes(saltLength);
  const { ours, floor, ratio } = await compare(
    15,
    () => hashSecret(secret, { backend: "noble" }),
    () => scryptAsync(secret, salt, { N, r, p, dkLen }),
  );
  rows.push([
    "hashSecret (noble) vs bare @noble/hashes scryptAsync, median ms",
    `${ours.toFixed(1)} / ${floor.toFixed(1)}`,
    ratio.toFixed(3),
    "≤ 1.10",
    verdict(ratio <= 1.1),
  ]);
  const sync = await compare(
    6,
    () => hashSecret(secret, { backend: "noble" }),
    async () => nobleSync(secret, salt, { N, r, p, dkLen }),
  );
  const syncRatio = sync.ratio;
  rows.push([
    "info: hashSecret (noble) vs bare @noble/hashes scrypt (sync: blocks the loop, not our floor), median ms",
    `${sync.ours.toFixed(1)} / ${sync.floor.toFixed(1)}`,
    syncRatio.toFixed(3),
    "-",
    "-",
  ]);
}

// 3. Event-loop delay p99 while 32 native hashes run, against an idle loop of the same length.
{
  const idle = monitorEventLoopDelay({ resolution: 1 });
  const busy = monitorEventLoopDelay({ resolution: 1 });
  busy.enable();
  const started = performance.now();
  await Promise.all(Array.from({ length: 32 }, () => hashSecret(secret, { backend: "node" })));
  const elapsed = performance.now() - started;
  busy.disable();
  idle.enable();
  await new Promise((resolve) => setTimeout(resolve, elapsed));
  idle.disable();
  const busyP99 = busy.percentile(99) / 1e6;
  const idleP99 = idle.percentile(99) / 1e6;
  rows.push([
    `event-loop delay p99 during 32 concurrent native hashSecret (${elapsed.toFixed(0)} ms) vs idle loop, ms`,
    `${busyP99.toFixed(2)} / ${idleP99.toFixed(2)}`,
    "-",
    "< 10 ms",
    verdict(busyP99 < 10),
  ]);
}

// 4. Peak RSS of a child process running 200 concurrent noble hashes.
{
  const child = fileURLToPath(new URL("./noble-rss.ts", import.meta.url));
  const output = execFileSync(process.execPath, ["--import", "tsx", child], {
    cwd: fileURLToPath(new URL("..", import.meta.url)),
    encoding: "utf8",
  });
  const result = JSON.parse(output.trim().split("\n").pop() ?? "{}") as {
    baselineMiB: number;
    peakMiB: number;
    seconds: number;
  };
  const unbounded = (200 * 128 * r * (N + p + 1)) / 1024 / 1024;
  rows.push([
    `peak RSS, 200 concurrent hashSecret (noble) in a child (${result.seconds.toFixed(1)} s) vs its baseline, MiB (unbounded: ${unbounded.toFixed(0)})`,
    `${result.peakMiB.toFixed(0)} / ${result.baselineMiB.toFixed(0)}`,
    "-",
    "< 512 MiB",
    verdict(result.peakMiB < 512),
  ]);
}

console.log(
  `@pat/crypto benchmark — Node ${process.version}, ${process.platform}/${process.arch}, ` +
    `${availableParallelism()} cores, 1-min load average at start ${loadAtStart.toFixed(1)}\n`,
);
console.log("| measure | ours / floor | ratio¹ | target | met |");
console.log("| --- | --- | --- | --- | --- |");
for (const row of rows) console.log(`| ${row.join(" | ")} |`);
console.log(
  "\n¹ Median of the per-round ratios (each round times ours and the floor back to back), not " +
    "the ratio of the two medians shown beside it: the pairing cancels drift from other load, " +
    "so the two can differ.",
);
