/**
 * The root README's integration example (Express with @pat/http), run as written: the README's
 * code block must be src/bearer-auth.ts verbatim, and that program, started as its own process
 * against DynamoDB Local, answers valid, missing, wrong and revoked tokens, checks the role, and
 * fails closed when storage is unreachable.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import { createServer } from "node:net";
import { fileURLToPath } from "node:url";
import { createTokenTable, DynamoDBPat } from "@pat/core";
import { testDynamoDBClient, uniqueTableName } from "@pat/tooling/dynamodb";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";

const examplesDir = fileURLToPath(new URL("..", import.meta.url));
const endpoint = inject("dynamodbEndpoint");
const client = testDynamoDBClient(endpoint);
const tableName = uniqueTableName("examples-bearer");
const pat = new DynamoDBPat({ tableName, ddbClient: client, scryptOptions: { cost: 16 } });
const children: ChildProcess[] = [];

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** Starts src/bearer-auth.ts as a process with `dynamoEndpoint`; resolves its base URL once it answers. */
async function startExample(dynamoEndpoint: string): Promise<string> {
  const port = await freePort();
  const child = spawn(
    process.execPath,
    ["--import", "tsx", "--conditions=@pat/source", "src/bearer-auth.ts"],
    {
      cwd: examplesDir,
      env: {
        PATH: process.env["PATH"] ?? "",
        PAT_TABLE: tableName,
        PORT: String(port),
        AWS_ENDPOINT_URL_DYNAMODB: dynamoEndpoint,
        AWS_REGION: "us-east-1",
        // The credentials of testDynamoDBClient: a DynamoDB Local without -sharedDb keeps one
        // set of tables per access key, so the example must use the test's to see its table.
        AWS_ACCESS_KEY_ID: "fakeMyKeyId",
        AWS_SECRET_ACCESS_KEY: "fakeSecretAccessKey",
        AWS_MAX_ATTEMPTS: "1",
        AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
      },
      stdio: ["ignore", "ignore", "pipe"],
    },
  );
  children.push(child);
  let stderr = "";
  child.stderr?.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const base = `http://127.0.0.1:${port}`;
  for (let attempt = 0; attempt < 150; attempt++) {
    if (child.exitCode !== null) throw new Error(`the example exited: ${stderr}`);
    try {
      await fetch(base);
      return base;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  throw new Error(`the example did not start listening: ${stderr}`);
}

/** `token` with the first character of its secret changed (the last one has unused bits). */
function wrongSecret(token: string): string {
  const at = token.indexOf(".") + 1;
  return `${token.slice(0, at)}${token[at] === "A" ? "B" : "A"}${token.slice(at + 1)}`;
}

let base: string;
const call = (token: string | undefined, method = "GET") =>
  fetch(base, {
    method,
    headers: token === undefined ? {} : { authorization: `Bearer ${token}` },
  });

beforeAll(async () => {
  await createTokenTable({ client, tableName });
  base = await startExample(endpoint);
}, 30_000);

afterAll(() => {
  for (const child of children) child.kill();
  client.destroy();
});

describe("the README's bearer-token example", () => {
  it("is src/bearer-auth.ts, verbatim", () => {
    const readme = readFileSync(new URL("../../README.md", import.meta.url), "utf8");
    const section = readme.split("## Integration: verify a bearer token")[1] ?? "";
    const block = /```ts\n([\s\S]*?)```/.exec(section)?.[1];
    expect(block).toBe(readFileSync(new URL("../src/bearer-auth.ts", import.meta.url), "utf8"));
  });

  it("answers 200 with the owner for a valid token", async () => {
    const { token } = await pat.issue({ owner: "alice@example.com", roles: ["reader"] });
    const response = await call(token);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ owner: "alice@example.com", roles: ["reader"] });
  });

  it("answers 401 without a token, with a wrong one, and once the token is revoked", async () => {
    const { token, record } = await pat.issue({ owner: "bob@example.com" });
    expect((await call(undefined)).status).toBe(401);
    expect((await call(wrongSecret(token))).status).toBe(401);
    const refused = await call("not-a-token");
    expect(refused.status).toBe(401);
    expect(refused.headers.get("www-authenticate")).toBe(
      'Bearer realm="pat", error="invalid_token"',
    );
    const missing = await call(undefined);
    expect(missing.headers.get("www-authenticate")).toBe('Bearer realm="pat"');
    expect((await call(token)).status).toBe(200);
    await pat.revoke(record.tokenId);
    expect((await call(token)).status).toBe(401);
  });

  it("lets only writers change things", async () => {
    const reader = await pat.issue({ owner: "r", roles: ["reader"] });
    const writer = await pat.issue({ owner: "w", roles: ["writer"] });
    const refused = await call(reader.token, "POST");
    expect(refused.status).toBe(403);
    expect(refused.headers.get("www-authenticate")).toBe(
      'Bearer realm="pat", error="insufficient_scope"',
    );
    expect((await call(writer.token, "POST")).status).toBe(200);
  });

  it("fails closed with 503 when storage is unreachable", async () => {
    const url = await startExample("http://127.0.0.1:1");
    const { token } = await pat.issue({ owner: "c" });
    const response = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
    expect(response.status).toBe(503);
  }, 30_000);
});
