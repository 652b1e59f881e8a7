/**
 * What every adapter's test server is built from: three `DynamoDBPat`s over DynamoDB Local (the
 * main table; an empty one with a bootstrap secret; one whose endpoint refuses connections, to
 * prove that storage failures fail closed), a signer/verifier, and a logger that records every
 * line so the suite can check that no secret was ever logged. Low scrypt cost: these tests are
 * about HTTP, not hashing.
 */
import { DeleteTableCommand, DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { createTokenTable, DynamoDBPat, MemoryTokenStore, Pat } from "@pat/core";
import { testDynamoDBClient, uniqueTableName } from "@pat/tooling/dynamodb";
import { inject } from "vitest";
import {
  buildSignerVerifier,
  generateKeySet,
  type JwtSignerVerifier,
  type KeySet,
} from "../../src/index.js";
import type { HttpLogger } from "../../src/index.js";

export const SCRYPT = { cost: 16 } as const;

/** A logger that keeps every line it is given. */
export interface RecordingLogger extends HttpLogger {
  readonly lines: unknown[];
}

export function recordingLogger(): RecordingLogger {
  const lines: unknown[] = [];
  const log = (fields: object, message?: string) => void lines.push({ fields, message });
  return { lines, info: log, warn: log, error: log };
}

export interface Fixture {
  readonly pat: Pat;
  /** Empty table, bootstrap secret configured. */
  readonly bootPat: Pat;
  /** The bootstrap secret (base64url), for tokens of any id. */
  readonly bootstrapSecret: string;
  /** Storage unreachable. */
  readonly downPat: Pat;
  readonly keySet: KeySet;
  readonly signerVerifier: JwtSignerVerifier;
  readonly logger: RecordingLogger;
  readonly issuer: string;
  cleanup(): Promise<void>;
}

const endpoint = inject("dynamodbEndpoint");

/** Creates the tables and objects of one adapter's test file. */
export async function createFixture(label: string): Promise<Fixture> {
  const client = testDynamoDBClient(endpoint);
  const tables = [uniqueTableName(`http-${label}`), uniqueTableName(`http-${label}-boot`)];
  await Promise.all(tables.map((tableName) => createTokenTable({ client, tableName, ttl: false })));
  // generate() stores nothing: its hash becomes the bootstrap PHC, its secret the bootstrap secret.
  const generated = await new Pat({
    store: new MemoryTokenStore(),
    scryptOptions: SCRYPT,
  }).generate();
  const bootstrapSecret = generated.token.slice(generated.token.indexOf(".") + 1);
  const bootstrapPhc = generated.secretPhc;
  const keySet = await generateKeySet("test-key-1");
  const issuer = "pat-http-tests";
  const downClient = new DynamoDBClient({
    endpoint: "http://127.0.0.1:1",
    region: "us-east-1",
    credentials: { accessKeyId: "local", secretAccessKey: "local" },
    maxAttempts: 1,
  });
  return {
    pat: new DynamoDBPat({ tableName: tables[0] ?? "", ddbClient: client, scryptOptions: SCRYPT }),
    bootPat: new DynamoDBPat({
      tableName: tables[1] ?? "",
      ddbClient: client,
      scryptOptions: SCRYPT,
      bootstrapPhc,
    }),
    bootstrapSecret,
    downPat: new DynamoDBPat({
      tableName: "unreachable",
      ddbClient: downClient,
      scryptOptions: SCRYPT,
    }),
    keySet,
    signerVerifier: await buildSignerVerifier({ keySet, issuer, ttl: "5m" }),
    logger: recordingLogger(),
    issuer,
    async cleanup() {
      await Promise.all(
        tables.map((TableName) => client.send(new DeleteTableCommand({ TableName }))),
      );
      client.destroy();
      downClient.destroy();
    },
  };
}
