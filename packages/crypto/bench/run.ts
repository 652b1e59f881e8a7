/**
 * @pat/crypto benchmark: `pnpm bench` (tsx bench/run.ts). Prints a markdown table of each figure
 * against its floor measured in the same run (bare `crypto.scrypt`, bare @noble/hashes) and the
 * target of each figure. Not a timed test: it reports, it does not fail.
 */
import { execFileSync } from "node:child_process";
import { randomBytes, scrypt as nodeScrypt } from "node:crypto";
import { availableParallelism, loadavg } from "node:os";
import { fileURLToPath } from "node:url";
import { scrypt as nobleSync, scryptAsync } from "@noble/hashes/scrypt.js";
import { compare, markdownTable, sampleEventLoopDelay, verdict } from "@pat/tooling/bench";
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

const loadAtStart = loadavg()[0] ?? 0;
const secret = randomBytes(32);
const rows: string[][] = [];

/**
 * Every comparison runs ours and the floor once untimed, then times them back to back in random
 * order. Other processes share this machine, so absolute times drift; the ratio of each adjacent
 * pair cancels most of that, and the median of the pair ratios is what the table reports (with
 * the median times for scale).
 */
const WARM_PAIRS = { warmUp: true } as const;

// 1. hashSecret on the native backend vs a bare crypto.scrypt of the same parameters.
{
  const { ours, floor, ratio } = await compare(
    60,
    () => hashSecret(secret, { backend: "node" }),
    () => bareNative(secret),
    WARM_PAIRS,
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
    WARM_PAIRS,
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
    WARM_PAIRS,
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
  const busy = await sampleEventLoopDelay(() =>
    Promise.all(Array.from({ length: 32 }, () => hashSecret(secret, { backend: "node" }))),
  );
  const elapsed = busy.elapsedMs;
  const idle = await sampleEventLoopDelay(
    () => new Promise((resolve) => setTimeout(resolve, elapsed)),
  );
  const busyP99 = busy.p99Ms;
  const idleP99 = idle.p99Ms;
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
console.log(markdownTable(["measure", "ours / floor", "ratio¹", "target", "met"], rows));
console.log(
  "\n¹ Median of the per-round ratios (each round times ours and the floor back to back), not " +
    "the ratio of the two medians shown beside it: the pairing cancels drift from other load, " +
    "so the two can differ.",
);
