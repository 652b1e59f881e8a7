/**
 * Helpers of the reference-suite files. Each of those files walks one test file of
 * @access-tokens/core's own suite, one `it` per test there (its title quoted), against
 * DynamoDBPat on DynamoDB Local: asserting the same outcome, or the one the core README's
 * Compatibility table documents instead. Tokens and PHC strings are made at run time and
 * remembered for the secret-hygiene check.
 */
import { DescribeTableCommand } from "@aws-sdk/client-dynamodb";
import { BatchWriteCommand, DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { hashSecret, randomBytes } from "@pat/crypto";
import {
  startFaultProxy,
  testDynamoDBClient,
  type FaultProxy,
  type FaultSettings,
} from "@pat/tooling/dynamodb";
import { DynamoDBPat, type DynamoDBPatOptions } from "../../src/index.js";
import { TEST_SCRYPT } from "./behaviour/fixtures.js";
import { ddbClient, endpoint, freshTable } from "./ddb.js";
import { rememberSecret } from "./hygiene.js";

/** The prefix their integration tests configure. */
export const PREFIX = "test_pat_";

/** A document client on DynamoDB Local, for writing items directly as their tests do. */
export const docClient = DynamoDBDocumentClient.from(ddbClient);

/** Now in Unix seconds, from the real clock (their tests compute times from `Date.now`). */
export function nowSeconds(): number {
  return Math.floor(Date.now() / 1000);
}

/** A DynamoDBPat on a fresh table, at test scrypt cost, with their test prefix. */
export async function refPat(
  label: string,
  extra: Partial<DynamoDBPatOptions> = {},
): Promise<{ pat: DynamoDBPat; tableName: string }> {
  const tableName = await freshTable(`ref-${label}`);
  return { pat: patOn(tableName, extra), tableName };
}

/** A DynamoDBPat on `tableName`, at test scrypt cost, with their test prefix. */
export function patOn(tableName: string, extra: Partial<DynamoDBPatOptions> = {}): DynamoDBPat {
  return new DynamoDBPat({
    tableName,
    ddbClient,
    tokenPrefix: PREFIX,
    scryptOptions: TEST_SCRYPT,
    ...extra,
  });
}

/**
 * A usable scrypt PHC string of random bytes at test cost. Their tests register `"$fake"`, which
 * `register` refuses here; this stands in for it wherever the test is about something else.
 */
export async function standInPhc(): Promise<string> {
  const phc = await hashSecret(randomBytes(32), { ...TEST_SCRYPT, keyLength: 32, saltLength: 16 });
  rememberSecret(phc);
  return phc;
}

/** The token id inside a token. */
export function idOf(token: string, prefix = PREFIX): string {
  return token.slice(prefix.length, token.indexOf("."));
}

/** A 21-character token id made of a number, as their tests make them. */
export function paddedId(i: number): string {
  return i.toString().padStart(21, "0");
}

/** Writes items with BatchWriteItem, 25 a request, as their large-table tests do. */
export async function batchWrite(
  tableName: string,
  items: readonly Record<string, unknown>[],
): Promise<void> {
  for (let i = 0; i < items.length; i += 25) {
    const batch = items.slice(i, i + 25).map((Item) => ({ PutRequest: { Item } }));
    await docClient.send(new BatchWriteCommand({ RequestItems: { [tableName]: batch } }));
  }
}

/** DescribeTable of `tableName`. */
export async function describeTable(tableName: string) {
  return (await ddbClient.send(new DescribeTableCommand({ TableName: tableName }))).Table;
}

/**
 * A fault proxy of its own in front of DynamoDB Local (its seeded draws fall on this caller's
 * requests alone) and a DynamoDBPat on `tableName` through it whose SDK sends each request once,
 * so every retry seen is the library's. Close the proxy when done.
 */
export async function proxiedPat(
  tableName: string,
  seed: number,
  faults: FaultSettings,
): Promise<{ pat: DynamoDBPat; proxy: FaultProxy }> {
  const proxy = await startFaultProxy({ target: endpoint, seed, faults });
  const client = testDynamoDBClient(proxy.endpoint, { maxAttempts: 1 });
  return { pat: patOn(tableName, { ddbClient: client }), proxy };
}
