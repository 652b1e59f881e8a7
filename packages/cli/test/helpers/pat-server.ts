/**
 * A real @pat/http server for `pat --url` tests: `createPatHandler` (auth and admin routers)
 * served on 127.0.0.1 port 0 over a fresh DynamoDB Local table. Two listeners share the table:
 * one serves token hashes to admins (`allowSecretPhc`), the other refuses them, as @pat/http does
 * by default. Low scrypt cost: these tests are about the CLI.
 */
import { DeleteTableCommand } from "@aws-sdk/client-dynamodb";
import { createTokenTable, DynamoDBPat } from "@pat/core";
import { buildSignerVerifier, createPatHandler, generateKeySet } from "@pat/http";
import { testDynamoDBClient, uniqueTableName } from "@pat/tooling/dynamodb";
import { serveFetch } from "@pat/tooling/http";

/** A running server pair and the façade on its table. */
export interface PatServer {
  /** Base URL of the listener that gives hashes (`includeSecretPhc`). */
  readonly url: string;
  /** Base URL of the listener that refuses to give hashes. */
  readonly urlWithoutHashes: string;
  /** The table's façade, for arranging and checking state. */
  readonly pat: DynamoDBPat;
  /** Requests served by both listeners, as `METHOD path`. */
  served(): string[];
  /** Stops both listeners and drops the table. */
  close(): Promise<void>;
}

/**
 * Starts the server pair over a fresh table of `endpoint` (`tableName`, signed with
 * `accessKeyId`: DynamoDB Local keeps tables apart per access key, so a test that shares the
 * table with the `pat` binary passes `"local"`, the key `pat` signs with).
 */
export async function startPatServer(
  endpoint: string,
  options: { tableName?: string; accessKeyId?: string } = {},
): Promise<PatServer> {
  const ddbClient = testDynamoDBClient(endpoint, {
    ...(options.accessKeyId !== undefined
      ? { credentials: { accessKeyId: options.accessKeyId, secretAccessKey: "local" } }
      : {}),
  });
  const tableName = options.tableName ?? uniqueTableName("cli-http");
  await createTokenTable({ client: ddbClient, tableName, ttl: false });
  const pat = new DynamoDBPat({ tableName, ddbClient, scryptOptions: { cost: 16 } });
  const signerVerifier = await buildSignerVerifier({
    keySet: await generateKeySet("cli-e2e"),
    issuer: "pat-cli-e2e",
    ttl: "5m",
  });
  const withHashes = await serveFetch(
    createPatHandler({ pat, signerVerifier, allowSecretPhc: true }),
  );
  const withoutHashes = await serveFetch(createPatHandler({ pat, signerVerifier }));
  return {
    url: withHashes.url,
    urlWithoutHashes: withoutHashes.url,
    pat,
    served: () => [...withHashes.served, ...withoutHashes.served],
    async close() {
      await Promise.all([withHashes.close(), withoutHashes.close()]);
      await ddbClient.send(new DeleteTableCommand({ TableName: tableName }));
      ddbClient.destroy();
    },
  };
}
