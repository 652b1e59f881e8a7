/**
 * @pat/crypto fast-hash benchmark (part of `pnpm bench`; alone: `tsx bench/fast-hash.ts`):
 * `hashSecretHmac` against the bare `node:crypto` code of the same construction (16 random salt
 * bytes, HMAC-SHA-256 keyed with them over the secret, both base64-encoded into the PHC string),
 * and `verifySecretHmac` against the bare parse + HMAC + `timingSafeEqual`. One call takes a few
 * microseconds, so each timed unit is a batch of calls; batches run in pairs, in random order,
 * and the median of the pair ratios is reported. Not a timed test: it reports.
 */
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { compare, markdownTable, verdict } from "@pat/tooling/bench";
import { hashSecretHmac, verifySecretHmac } from "../src/index.js";

const BATCH = 2000;
const ROUNDS = Number(process.env["PAT_BENCH_ROUNDS"] ?? 60);
const secret = randomBytes(32);
const b64 = (bytes: Buffer) => bytes.toString("base64").replace(/=+$/, "");

/** The same construction with nothing but node:crypto. */
async function bareHash(input: Uint8Array): Promise<string> {
  const salt = randomBytes(16);
  const hash = createHmac("sha256", salt).update(input).digest();
  return `$hmac-sha256$v=1$${b64(salt)}$${b64(hash)}`;
}

async function bareVerify(input: Uint8Array, phc: string): Promise<boolean> {
  const [, id, version, salt, hash] = phc.split("$");
  if (id !== "hmac-sha256" || version !== "v=1" || salt === undefined || hash === undefined) {
    return false;
  }
  const expected = Buffer.from(hash, "base64");
  const derived = createHmac("sha256", Buffer.from(salt, "base64")).update(input).digest();
  return expected.length === derived.length && timingSafeEqual(expected, derived);
}

const batch = (task: () => Promise<unknown>) => async () => {
  for (let i = 0; i < BATCH; i++) await task();
};

const stored = await hashSecretHmac(secret);
// Warm-up: JIT of both paths.
for (let i = 0; i < 5; i++) {
  await batch(() => hashSecretHmac(secret))();
  await batch(() => bareHash(secret))();
  await batch(() => verifySecretHmac(secret, stored))();
  await batch(() => bareVerify(secret, stored))();
}

const rows: string[][] = [];
const hash = await compare(
  ROUNDS,
  batch(() => hashSecretHmac(secret)),
  batch(() => bareHash(secret)),
);
rows.push([
  "hashSecretHmac vs bare node:crypto (same construction), µs a call",
  `${((hash.ours * 1000) / BATCH).toFixed(2)} / ${((hash.floor * 1000) / BATCH).toFixed(2)}`,
  hash.ratio.toFixed(3),
  "≤ 1.05",
  verdict(hash.ratio <= 1.05),
]);
const verify = await compare(
  ROUNDS,
  batch(() => verifySecretHmac(secret, stored)),
  batch(() => bareVerify(secret, stored)),
);
rows.push([
  "verifySecretHmac vs bare parse + HMAC + timingSafeEqual, µs a call",
  `${((verify.ours * 1000) / BATCH).toFixed(2)} / ${((verify.floor * 1000) / BATCH).toFixed(2)}`,
  verify.ratio.toFixed(3),
  "report",
  "",
]);

console.log(
  `\n@pat/crypto fast hash: ${ROUNDS} pairs of ${BATCH}-call batches, Node ${process.version}\n`,
);
console.log(markdownTable(["Figure", "Ours / floor", "Ratio", "Target", "Met"], rows));
