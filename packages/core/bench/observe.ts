/**
 * @pat/core bench, events and telemetry: `tsx bench/observe.ts` (run by `pnpm bench` after
 * `bench/run.ts`) on DynamoDB Local (DYNAMODB_ENDPOINT, else the tooling provider starts one).
 * What `onEvent` plus `telemetry: otel` (the `@opentelemetry/api` module, no SDK registered) add to
 * a verify, against the same `DynamoDBPat` without either, over the same table and tokens, at the
 * default scrypt parameters. Each round times ours, the floor and a twin of the floor back to back
 * in random order; the median of the per-round ratios is reported, ours / floor as the figure and
 * twin / floor as the control that shows the noise of the run. Not a timed test: it reports.
 *
 * - verify, memo warm: the shortest verify (GetItem + UpdateItem, no scrypt), where a fixed
 *   overhead weighs most. Target ≤ 1.02.
 * - verify, memo cold: one scrypt + the two requests (fresh instances each round).
 * - the CPU cost alone, on a memory store (no I/O): microseconds added per verify, reported.
 */
import * as otel from "@opentelemetry/api";
import { DeleteTableCommand } from "@aws-sdk/client-dynamodb";
import {
  resolveDynamoDBEndpoint,
  testDynamoDBClient,
  uniqueTableName,
} from "@pat/tooling/dynamodb";
import { markdownTable, median, time, verdict } from "@pat/tooling/bench";
import {
  createTokenTable,
  DynamoDBPat,
  MemoryTokenStore,
  Pat,
  type PatEvent,
} from "../src/index.js";

const ROUNDS = Number(process.env["PAT_BENCH_OBSERVE_ROUNDS"] ?? 600);
const COLD_ROUNDS = Number(process.env["PAT_BENCH_OBSERVE_COLD_ROUNDS"] ?? 60);
const TOKENS = 40;

const ddb = await resolveDynamoDBEndpoint();
const client = testDynamoDBClient(ddb.endpoint);
const tableName = uniqueTableName("core-bench-observe");
const rows: string[][] = [];
const fmt = (ms: number) => `${ms.toFixed(2)} ms`;

/** What a real hook does at least: look at the event. */
let seen = 0;
const onEvent = (event: PatEvent) => {
  if (event.type === "verified") seen += 1;
};

try {
  await createTokenTable({ client, tableName, ttl: false });
  const plain = () => new DynamoDBPat({ tableName, ddbClient: client });
  const observed = () =>
    new DynamoDBPat({ tableName, ddbClient: client, onEvent, telemetry: otel });
  const issuer = plain();
  const tokens: string[] = [];
  for (let i = 0; i < TOKENS; i++) tokens.push((await issuer.issue({ owner: "bench" })).token);
  const token = (i: number) => tokens[i % TOKENS] ?? "";

  // Warm-up: JIT, connections, DynamoDB Local's JVM; fills both memos.
  const ours = observed();
  const floor = plain();
  for (let k = 0; k < 5; k++) {
    for (let i = 0; i < TOKENS; i++) {
      await ours.verify(token(i));
      await floor.verify(token(i));
    }
  }

  // Each round times three verifies of one token in a random order: ours, the floor, and a twin
  // of the floor (another plain instance). ours / floor is the figure; twin / floor, measured in
  // the same rounds under the same drift, shows how far the run's noise alone moves a ratio.
  type Pick = (round: number) => Pat;
  const threeWay = async (rounds: number, picks: Record<"ours" | "floor" | "twin", Pick>) => {
    const runs = { ours: [] as number[], floor: [] as number[], twin: [] as number[] };
    const ratios = { ours: [] as number[], twin: [] as number[] };
    const names = ["ours", "floor", "twin"] as const;
    for (let i = 0; i < rounds; i++) {
      const took = { ours: 0, floor: 0, twin: 0 };
      for (const name of [...names].sort(() => Math.random() - 0.5)) {
        const pat = picks[name](i);
        took[name] = await time(() => pat.verify(token(i)));
        runs[name].push(took[name]);
      }
      ratios.ours.push(took.ours / took.floor);
      ratios.twin.push(took.twin / took.floor);
    }
    return {
      ours: median(runs.ours),
      floor: median(runs.floor),
      twin: median(runs.twin),
      ratio: median(ratios.ours),
      noise: median(ratios.twin),
    };
  };
  const addRows = (label: string, r: Awaited<ReturnType<typeof threeWay>>) => {
    rows.push([
      `verify p50, ${label}, onEvent + OTel API without SDK`,
      fmt(r.ours),
      `${fmt(r.floor)} (the same verify without either)`,
      r.ratio.toFixed(3),
      "≤ 1.02",
      verdict(r.ratio <= 1.02),
    ]);
    rows.push([
      `control: verify p50, ${label}, plain vs plain (same rounds)`,
      fmt(r.twin),
      `${fmt(r.floor)} (another plain instance)`,
      r.noise.toFixed(3),
      "report (noise)",
      "",
    ]);
  };

  const twin = plain();
  for (let i = 0; i < TOKENS; i++) await twin.verify(token(i));
  const warm = await threeWay(ROUNDS, { ours: () => ours, floor: () => floor, twin: () => twin });
  addRows("memo warm", warm);
  // Memo cold: a fresh instance of each per round (its memo is empty), so every verify scrypts.
  addRows("memo cold", await threeWay(COLD_ROUNDS, { ours: observed, floor: plain, twin: plain }));

  // The CPU cost alone: memo-warm verifies on a memory store, in batches, alternating.
  const store = new MemoryTokenStore();
  const memPlain = new Pat({ store });
  const memObserved = new Pat({ store, onEvent, telemetry: otel });
  const memToken = (await memPlain.issue({ owner: "bench" })).token;
  const BATCH = 2000;
  const batch = async (pat: Pat) => {
    const started = performance.now();
    for (let i = 0; i < BATCH; i++) await pat.verify(memToken);
    return ((performance.now() - started) * 1000) / BATCH;
  };
  await batch(memPlain);
  await batch(memObserved);
  const perVerify = { plain: [] as number[], observed: [] as number[] };
  for (let k = 0; k < 20; k++) {
    if (k % 2 === 0) {
      perVerify.plain.push(await batch(memPlain));
      perVerify.observed.push(await batch(memObserved));
    } else {
      perVerify.observed.push(await batch(memObserved));
      perVerify.plain.push(await batch(memPlain));
    }
  }
  const addedUs = median(perVerify.observed) - median(perVerify.plain);
  rows.push([
    "CPU added per verify (memory store, memo warm)",
    `${addedUs.toFixed(1)} µs`,
    `${median(perVerify.plain).toFixed(1)} µs (memory-store verify without either)`,
    `${((addedUs / 1000 / warm.floor) * 100).toFixed(2)} % of a DynamoDB memo-warm verify`,
    "report",
    "",
  ]);

  if (seen === 0) throw new Error("the hook saw no event");
  const header = ["Figure", "@pat/core", "Floor", "Ratio", "Target", "Met"];
  console.log(
    `\n@pat/core bench, events and telemetry: ${ROUNDS} rounds (memo cold: ${COLD_ROUNDS}), DynamoDB via ${ddb.provider}, Node ${process.version}\n`,
  );
  console.log(markdownTable(header, rows));
} finally {
  await client.send(new DeleteTableCommand({ TableName: tableName })).catch(() => undefined);
  client.destroy();
  await ddb.stop();
}
