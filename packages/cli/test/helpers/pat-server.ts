/**
 * A real @pat/http server for `pat --url` tests: `createPatHandler` (auth and admin routers)
 * bridged onto `node:http`, listening on 127.0.0.1 port 0, over a fresh DynamoDB Local table.
 * Two listeners share the table: one serves token hashes to admins (`allowSecretPhc`), the other
 * refuses them, as @pat/http does by default. Low scrypt cost: these tests are about the CLI.
 */
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { DeleteTableCommand } from "@aws-sdk/client-dynamodb";
import { createTokenTable, DynamoDBPat } from "@pat/core";
import { buildSignerVerifier, createPatHandler, generateKeySet } from "@pat/http";
import { testDynamoDBClient, uniqueTableName } from "@pat/tooling/dynamodb";

/** A running server pair and the façade on its table. */
export interface PatServer {
  /** Base URL of the listener that gives hashes (`includeSecretPhc`). */
  readonly url: string;
  /** Base URL of the listener that refuses to give hashes. */
  readonly urlWithoutHashes: string;
  /** The table's façade, for arranging and checking state. */
  readonly pat: DynamoDBPat;
  /** Requests served by both listeners, as `METHOD path`. */
  readonly served: string[];
  /** Stops both listeners and drops the table. */
  close(): Promise<void>;
}

/** A Fetch `Request` for a `node:http` request (body buffered: admin bodies are small). */
async function toRequest(req: IncomingMessage, origin: string): Promise<Request> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const headers = new Headers();
  for (const [name, values] of Object.entries(req.headersDistinct)) {
    for (const value of values ?? []) headers.append(name, value);
  }
  const method = req.method ?? "GET";
  const hasBody = chunks.length > 0 && method !== "GET" && method !== "HEAD";
  return new Request(new URL(req.url ?? "/", origin), {
    method,
    headers,
    ...(hasBody ? { body: Buffer.concat(chunks) } : {}),
  });
}

async function listen(
  handler: (request: Request) => Promise<Response>,
  served: string[],
): Promise<{ server: Server; url: string }> {
  let origin = "";
  const server = createServer((req, res) => {
    served.push(`${req.method} ${(req.url ?? "").split("?")[0]}`);
    void toRequest(req, origin)
      .then(handler)
      .then(async (response) => {
        res.writeHead(response.status, Object.fromEntries(response.headers));
        res.end(Buffer.from(await response.arrayBuffer()));
      })
      .catch(() => res.writeHead(500).end());
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { server, url: origin };
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
  const served: string[] = [];
  const withHashes = await listen(
    createPatHandler({ pat, signerVerifier, allowSecretPhc: true }),
    served,
  );
  const withoutHashes = await listen(createPatHandler({ pat, signerVerifier }), served);
  return {
    url: withHashes.url,
    urlWithoutHashes: withoutHashes.url,
    pat,
    served,
    async close() {
      for (const { server } of [withHashes, withoutHashes]) {
        server.closeAllConnections();
        await new Promise<void>((resolve) => server.close(() => resolve()));
      }
      await ddbClient.send(new DeleteTableCommand({ TableName: tableName }));
      ddbClient.destroy();
    },
  };
}
