/**
 * @pat/cli benchmark (`pnpm bench`: builds, then runs this with tsx). A CLI is one process per
 * command, so what matters is the cost of a whole run; each figure is compared with a floor
 * measured in the same run, as whole processes too:
 * - `pat --version` against `node -e 0` (Node's own start): the price of loading pat;
 * - `pat generate` against a `node -e` doing one scrypt at the default cost (N=16384, r=8, p=1);
 * - `pat verify` on DynamoDB Local against `bench/floor-verify.mjs` (Node start, the SDK, one
 *   GetItem, one scrypt, one UpdateItem: the least any one-shot verifier does).
 * Pairs run back to back in random order and the median pair ratio is reported, which cancels
 * most drift of a shared machine. Prints a markdown table; not a timed test.
 */
import { execFile, execFileSync } from "node:child_process";
import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { resolveDynamoDBEndpoint, uniqueTableName } from "@pat/tooling/dynamodb";

process.env["AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED"] ??= "true";

const ROUNDS = Number(process.env["PAT_BENCH_ROUNDS"] ?? 10);
const bin = fileURLToPath(new URL("../dist/bin.js", import.meta.url));
const floorVerify = fileURLToPath(new URL("./floor-verify.mjs", import.meta.url));
const cwd = fileURLToPath(new URL("..", import.meta.url));
const env = { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true" };

function run(args: string[], extraEnv: Record<string, string> = {}): Promise<number> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      args,
      { cwd, env: { ...env, ...extraEnv } },
      (error, _out, stderr) => {
        if (error) reject(new Error(`${args.join(" ")} failed: ${stderr}`, { cause: error }));
        else resolve(performance.now() - started);
      },
    );
  });
}

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
};

async function compare(ours: () => Promise<number>, floor: () => Promise<number>) {
  const a: number[] = [];
  const b: number[] = [];
  const ratios: number[] = [];
  await ours(); // warm the file cache once
  await floor();
  for (let round = 0; round < ROUNDS; round++) {
    let x: number;
    let y: number;
    if (Math.random() < 0.5) {
      x = await ours();
      y = await floor();
    } else {
      y = await floor();
      x = await ours();
    }
    a.push(x);
    b.push(y);
    ratios.push(x / y);
  }
  return { ours: median(a), floor: median(b), ratio: median(ratios) };
}

const SCRYPT_ONCE =
  "require('node:crypto').scrypt(Buffer.alloc(32),Buffer.alloc(16),64,{N:16384,r:8,p:1,maxmem:64<<20},()=>{})";

/** Builds with tsup when dist/bin.js is missing or older than a file in src/ (root `pnpm bench` builds first). */
function ensureFreshBuild(): void {
  const newest = (dir: string): number =>
    Math.max(
      0,
      ...readdirSync(dir, { withFileTypes: true }).map((entry) =>
        entry.isDirectory()
          ? newest(join(dir, entry.name))
          : statSync(join(dir, entry.name)).mtimeMs,
      ),
    );
  let built = 0;
  try {
    built = statSync(bin).mtimeMs;
  } catch {
    built = 0;
  }
  if (built < newest(join(cwd, "src"))) {
    execFileSync("pnpm", ["exec", "tsup", "--silent"], {
      cwd,
      stdio: ["ignore", "ignore", "inherit"],
    });
  }
}

async function main(): Promise<void> {
  ensureFreshBuild();
  const rows: string[] = [];
  const row = (
    name: string,
    floorName: string,
    result: { ours: number; floor: number; ratio: number },
  ) =>
    rows.push(
      `| ${name} | ${result.ours.toFixed(0)} ms | ${floorName} | ${result.floor.toFixed(0)} ms | ${result.ratio.toFixed(2)}× |`,
    );

  row(
    "`pat --version`",
    "`node -e 0`",
    await compare(
      () => run([bin, "--version"]),
      () => run(["-e", "0"]),
    ),
  );
  row(
    "`pat generate`",
    "node + one scrypt",
    await compare(
      () => run([bin, "generate", "--json"]),
      () => run(["-e", SCRYPT_ONCE]),
    ),
  );

  const dynamo = await resolveDynamoDBEndpoint();
  try {
    const table = uniqueTableName("cli-bench");
    const ddbEnv = { DYNAMODB_ENDPOINT: dynamo.endpoint, PAT_TABLE: table };
    await run([bin, "create-table"], ddbEnv);
    const issued = await new Promise<string>((resolve, reject) =>
      execFile(
        process.execPath,
        [bin, "issue", "--owner", "bench", "--json"],
        { cwd, env: { ...env, ...ddbEnv } },
        (error, out) =>
          error ? reject(error) : resolve((JSON.parse(out) as { token: string }).token),
      ),
    );
    const tokenId = issued.slice(4, 25);
    row(
      "`pat verify` (DynamoDB Local)",
      "node + SDK + GetItem + scrypt + UpdateItem",
      await compare(
        () => run([bin, "verify", issued], ddbEnv),
        () => run([floorVerify, dynamo.endpoint, table, tokenId]),
      ),
    );
  } finally {
    await dynamo.stop();
  }

  console.log(
    `### @pat/cli: whole-process cost (${ROUNDS} rounds, medians, Node ${process.version})\n`,
  );
  console.log("| command | time | floor | floor time | ratio |");
  console.log("| --- | ---: | --- | ---: | ---: |");
  for (const line of rows) console.log(line);
}

await main();
