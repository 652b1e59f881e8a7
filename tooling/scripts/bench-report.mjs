#!/usr/bin/env node
/**
 * `pnpm bench` at the root: runs the benchmark of every package that has one, one after the
 * other (they share two cores with DynamoDB Local, so running them side by side would skew the
 * ratios), echoes their output, and writes all of it into one markdown report, BENCHMARKS.md.
 *
 * Every figure in the report is a ratio to a floor measured in the same run of the same
 * package, so reports from different machines compare by ratio, not by milliseconds.
 */
import { spawn } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const packages = ["crypto", "store", "core", "http", "cli"];
const out = process.env.PAT_BENCH_REPORT ?? path.join(root, "BENCHMARKS.md");

function run(dir) {
  return new Promise((resolve) => {
    const child = spawn("pnpm", ["run", "--silent", "bench"], {
      cwd: dir,
      stdio: ["ignore", "pipe", "inherit"],
    });
    let text = "";
    child.stdout.on("data", (chunk) => {
      process.stdout.write(chunk);
      text += chunk;
    });
    child.on("close", (code) => resolve({ code: code ?? 1, text }));
  });
}

const loadAtStart = os.loadavg()[0];
const sections = [];
let failed = 0;
for (const name of packages) {
  const dir = path.join(root, "packages", name);
  const manifest = JSON.parse(readFileSync(path.join(dir, "package.json"), "utf8"));
  if (!manifest.scripts?.bench) continue;
  console.log(`\n### ${manifest.name}\n`);
  const started = Date.now();
  const { code, text } = await run(dir);
  const seconds = ((Date.now() - started) / 1000).toFixed(0);
  if (code !== 0) failed += 1;
  sections.push(
    `## ${manifest.name}\n\n` +
      (code === 0 ? "" : `**The benchmark exited with code ${code}.**\n\n`) +
      `${text.trim()}\n\n_${seconds} s_\n`,
  );
}

const header =
  `# Benchmarks\n\n` +
  `Written by \`pnpm bench\` on ${new Date().toISOString().slice(0, 10)}: ` +
  `Node ${process.version}, ${os.cpus().length} cores, ` +
  `load average ${loadAtStart.toFixed(1)} at start. ` +
  `Each ratio compares with a floor measured in the same run.\n\n`;
writeFileSync(out, header + sections.join("\n"));
console.log(`\nReport written to ${path.relative(process.cwd(), out) || out}`);
process.exit(failed === 0 ? 0 : 1);
