/**
 * @pat/core benchmark of verify under attack and of the fast hash (part of `pnpm bench`; alone:
 * `tsx bench/attack-and-fast-hash.ts`). Not a timed test: it reports ratios to floors measured
 * in the same run.
 *
 * 1. Flood (`Pat` over `MemoryTokenStore`, default scrypt N=16384 r=8 p=1): first-time verifies
 *    of other tokens, one at a time, while 32 concurrent clients send wrong secrets for one
 *    known token id, against the same verifies with no flood (rounds interleaved, medians
 *    compared). Also: how long the attacked token's own holder waits (one first-time verify of
 *    the right secret, sent once the flood is running), and what the attacker gets through.
 * 2. Fast hash (DynamoDB Local): first-time verify of `hashAlgorithm: "hmac-sha256"` tokens
 *    against the bare GetItem + UpdateItem it needs, and 8-concurrent first-time throughput of
 *    fast-hash tokens against scrypt tokens.
 */
import { DeleteTableCommand } from "@aws-sdk/client-dynamodb";
import { base64UrlEncode, randomBytes } from "@pat/crypto";
import {
  resolveDynamoDBEndpoint,
  testDynamoDBClient,
  uniqueTableName,
} from "@pat/tooling/dynamodb";
import { compare, markdownTable, median, pool, time, verdict } from "@pat/tooling/bench";
import { bareVerifyRequests } from "./floors.js";
import { createTokenTable, DynamoDBPat, MemoryTokenStore, Pat } from "../src/index.js";

const FLOOD_ROUNDS = Number(process.env["PAT_BENCH_FLOOD_ROUNDS"] ?? 6);
const PER_ROUND = 4;
const ATTACKERS = 32;
const ROUNDS = Number(process.env["PAT_BENCH_ROUNDS"] ?? 200);
const rows: string[][] = [];
const fmt = (ms: number) => `${ms.toFixed(1)} ms`;
const wrong = (token: string) =>
  `${token.slice(0, token.lastIndexOf(".") + 1)}${base64UrlEncode(randomBytes(32))}`;
const idOf = (token: string) => token.slice("pat_".length, "pat_".length + 21);

// 1. Flood.
{
  const pat = new Pat({ store: new MemoryTokenStore() });
  const fresh = async (n: number) =>
    Promise.all(Array.from({ length: n }, async () => (await pat.issue({ owner: "b" })).token));
  const quiet: number[] = [];
  const flooded: number[] = [];
  const holder: number[] = [];
  let attempts = 0;
  let floodMs = 0;
  await pat.verify((await fresh(1))[0] ?? ""); // warm-up
  for (let round = 0; round < FLOOD_ROUNDS; round++) {
    const others = await fresh(2 * PER_ROUND);
    const [attacked = ""] = await fresh(1);
    const measureQuiet = async () => {
      for (const token of others.slice(0, PER_ROUND))
        quiet.push(await time(() => pat.verify(token)));
    };
    const measureFlood = async () => {
      let stop = false;
      let done = 0;
      const started = performance.now();
      const attackers = Array.from({ length: ATTACKERS }, async () => {
        while (!stop) {
          await pat.verify(wrong(attacked));
          done++;
        }
      });
      // Let the flood fill the attacked id's queue first.
      await new Promise((resolve) => setTimeout(resolve, 100));
      const holderWait = time(() => pat.verify(attacked));
      for (const token of others.slice(PER_ROUND))
        flooded.push(await time(() => pat.verify(token)));
      holder.push(await holderWait);
      stop = true;
      await Promise.all(attackers);
      attempts += done;
      floodMs += performance.now() - started;
    };
    if (round % 2 === 0) {
      await measureQuiet();
      await measureFlood();
    } else {
      await measureFlood();
      await measureQuiet();
    }
  }
  const q = median(quiet);
  const f = median(flooded);
  const h = median(holder);
  rows.push([
    `verify p50 of other tokens (first time) during a ${ATTACKERS}-concurrent wrong-secret flood on one id`,
    fmt(f),
    `${fmt(q)} (same, no flood)`,
    (f / q).toFixed(2),
    "≤ 2.0",
    verdict(f / q <= 2),
  ]);
  rows.push([
    "the attacked token's holder: first-time verify of the right secret during the flood, p50",
    fmt(h),
    `${fmt(q)} (a verify, no flood)`,
    (h / q).toFixed(1),
    "report",
    "",
  ]);
  rows.push([
    "the attacker: wrong secrets answered per second (each one costs one scrypt)",
    `${((attempts * 1000) / floodMs).toFixed(1)}/s`,
    `${(1000 / q).toFixed(1)}/s (one verify at a time, no flood)`,
    ((attempts * 1000) / floodMs / (1000 / q)).toFixed(2),
    "report",
    "",
  ]);
}

// 2. Fast hash on DynamoDB Local.
const ddb = await resolveDynamoDBEndpoint();
const client = testDynamoDBClient(ddb.endpoint);
const tableName = uniqueTableName("core-bench-fast");
try {
  await createTokenTable({ client, tableName, ttl: false });
  const fast = new DynamoDBPat({ tableName, ddbClient: client, hashAlgorithm: "hmac-sha256" });
  const slow = new DynamoDBPat({ tableName, ddbClient: client });
  const ioFloor = async (tokenId: string) => bareVerifyRequests(client, tableName, tokenId);
  const issue = (pat: Pat, n: number) =>
    Promise.all(Array.from({ length: n }, async () => (await pat.issue({ owner: "b" })).token));

  // Warm-up: JIT, connections, DynamoDB Local's JVM.
  const warm = await issue(fast, 50);
  await pool(8, 2000, (i) => ioFloor(idOf(warm[i % 50] ?? "")));
  for (const token of warm) await fast.verify(token);

  // Each round verifies a token never verified (a new instance's memo is empty, and a fast-hash
  // record skips the memo anyway); its floor reads and touches another record.
  const tokens = await issue(fast, ROUNDS);
  const floorIds = (await issue(fast, ROUNDS)).map(idOf);
  const cold = await compare(
    ROUNDS,
    (i) => fast.verify(tokens[i] ?? ""),
    (i) => ioFloor(floorIds[i] ?? ""),
  );
  rows.push([
    "fast hash: verify p50, first time",
    fmt(cold.ours),
    `${fmt(cold.floor)} (GetItem + UpdateItem)`,
    cold.ratio.toFixed(2),
    "≤ 1.10",
    verdict(cold.ratio <= 1.1),
  ]);

  // Throughput, 8 concurrent first-time verifies: fast-hash tokens vs scrypt tokens, each run on
  // a new instance (empty memo), runs interleaved, median of REPEATS.
  const REPEATS = 3;
  const fastTokens = await issue(fast, 400);
  const slowTokens = await issue(slow, 40);
  const fastRuns: number[] = [];
  const slowRuns: number[] = [];
  const perSecond = async (tokenList: string[], pat: Pat) => {
    const started = performance.now();
    await pool(8, tokenList.length, (i) => pat.verify(tokenList[i] ?? ""));
    return (tokenList.length * 1000) / (performance.now() - started);
  };
  for (let k = 0; k < REPEATS; k++) {
    const freshFast = new DynamoDBPat({
      tableName,
      ddbClient: client,
      hashAlgorithm: "hmac-sha256",
    });
    const freshSlow = new DynamoDBPat({ tableName, ddbClient: client });
    const f = () => perSecond(fastTokens.slice(k * 100, (k + 1) * 100), freshFast);
    const s = () => perSecond(slowTokens, freshSlow);
    if (k % 2 === 0) {
      fastRuns.push(await f());
      slowRuns.push(await s());
    } else {
      slowRuns.push(await s());
      fastRuns.push(await f());
    }
  }
  const fastTp = median(fastRuns);
  const slowTp = median(slowRuns);
  rows.push([
    "fast hash: throughput, 8 concurrent first-time verifies",
    `${fastTp.toFixed(0)} verifies/s`,
    `${slowTp.toFixed(0)} verifies/s (scrypt tokens, same run)`,
    `${(fastTp / slowTp).toFixed(1)}×`,
    "≥ 10×",
    verdict(fastTp / slowTp >= 10),
  ]);
} finally {
  await client.send(new DeleteTableCommand({ TableName: tableName })).catch(() => undefined);
  client.destroy();
  await ddb.stop();
}

console.log(
  `\n@pat/core under attack and fast hash: flood ${FLOOD_ROUNDS} rounds × ${PER_ROUND} verifies, ${ROUNDS} fast-hash rounds, DynamoDB via ${ddb.provider}, Node ${process.version}\n`,
);
console.log(markdownTable(["Figure", "@pat/core", "Floor", "Ratio", "Target", "Met"], rows));
