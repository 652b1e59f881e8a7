/**
 * The real @pat/http server for end-to-end tests: `createPatHandler` (auth and admin routers as
 * one Fetch handler) served on 127.0.0.1 port 0 by `@pat/tooling/http`, over `DynamoDBPat` on a fresh
 * table of the run's DynamoDB endpoint (no TTL, so DynamoDB Local's sweeper never races a test),
 * with a bootstrap secret configured so the first exchange on the empty table makes the first
 * admin token. scrypt runs at a low cost: these tests are about HTTP, not hashing.
 */
import { DeleteTableCommand } from "@aws-sdk/client-dynamodb";
import { createTokenTable, DynamoDBPat } from "@pat/core";
import { buildSignerVerifier, createPatHandler, generateKeySet } from "@pat/http";
import { testDynamoDBClient, uniqueTableName } from "@pat/tooling/dynamodb";
import { serveFetch } from "@pat/tooling/http";

/** Low scrypt cost for tests (the defaults are under test in @pat/core). */
export const TEST_SCRYPT = { cost: 16, blockSize: 1 } as const;

export interface PatServer {
  /** Base URL, e.g. `http://127.0.0.1:41234`. */
  readonly url: string;
  /** The bootstrap token: its first exchange on the empty table makes the first admin. */
  readonly bootstrapToken: string;
  /** The server's Pat, for arranging state (e.g. `generate`). */
  readonly pat: DynamoDBPat;
  /** Requests served, by `METHOD path` (query left out). */
  readonly served: string[];
  close(): Promise<void>;
}

/** Starts @pat/http over a fresh table of `endpoint`; `close` stops it and drops the table. */
export async function startPatServer(
  endpoint: string,
  options: { ttl?: string | number; allowSecretPhc?: boolean } = {},
): Promise<PatServer> {
  const ddbClient = testDynamoDBClient(endpoint);
  const tableName = uniqueTableName("client-e2e");
  await createTokenTable({ client: ddbClient, tableName, ttl: false });
  const generator = new DynamoDBPat({ tableName, ddbClient, scryptOptions: TEST_SCRYPT });
  const bootstrap = await generator.generate();
  const pat = new DynamoDBPat({
    tableName,
    ddbClient,
    scryptOptions: TEST_SCRYPT,
    bootstrapPhc: bootstrap.secretPhc,
  });
  const signerVerifier = await buildSignerVerifier({
    keySet: await generateKeySet("e2e-key"),
    issuer: "pat-client-e2e",
    ttl: options.ttl ?? "5m",
  });
  const handler = createPatHandler({
    pat,
    signerVerifier,
    allowSecretPhc: options.allowSecretPhc ?? true,
  });
  const server = await serveFetch(handler);
  return {
    url: server.url,
    bootstrapToken: bootstrap.token,
    pat,
    served: server.served,
    close: async () => {
      await server.close();
      await ddbClient.send(new DeleteTableCommand({ TableName: tableName }));
      ddbClient.destroy();
    },
  };
}
