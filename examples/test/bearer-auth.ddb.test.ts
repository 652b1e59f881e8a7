/**
 * The README's integration example against DynamoDB Local: valid, missing, wrong and revoked
 * tokens, the role check, and failing closed when storage is unreachable.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { createTokenTable, DynamoDBPat } from "@pat/core";
import { testDynamoDBClient, uniqueTableName } from "@pat/tooling/dynamodb";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { bearerAuth } from "../src/bearer-auth";

const client = testDynamoDBClient(inject("dynamodbEndpoint"));
const tableName = uniqueTableName("examples-bearer");
const pat = new DynamoDBPat({ tableName, ddbClient: client, scryptOptions: { cost: 16 } });
const servers: Server[] = [];

async function serve(handler: ReturnType<typeof bearerAuth>): Promise<string> {
  const server = createServer((req, res) => void handler(req, res));
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

let base: string;
beforeAll(async () => {
  await createTokenTable({ client, tableName });
  base = await serve(bearerAuth(pat));
});
afterAll(async () => {
  for (const server of servers) await new Promise((resolve) => server.close(resolve));
  client.destroy();
});

const call = (token: string | undefined, method = "GET") =>
  fetch(base, {
    method,
    headers: token === undefined ? {} : { authorization: `Bearer ${token}` },
  });

/** `token` with the first character of its secret changed (the last one has unused bits). */
function wrongSecret(token: string): string {
  const at = token.indexOf(".") + 1;
  return `${token.slice(0, at)}${token[at] === "A" ? "B" : "A"}${token.slice(at + 1)}`;
}

describe("bearerAuth", () => {
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
    expect(refused.headers.get("www-authenticate")).toBe('Bearer error="invalid_token"');
    await pat.revoke(record.tokenId);
    expect((await call(token)).status).toBe(401);
  });

  it("lets only writers change things", async () => {
    const reader = await pat.issue({ owner: "r", roles: ["reader"] });
    const writer = await pat.issue({ owner: "w", roles: ["writer"] });
    expect((await call(reader.token, "POST")).status).toBe(403);
    expect((await call(writer.token, "POST")).status).toBe(200);
  });

  it("fails closed with 503 when storage is unreachable", async () => {
    const down = testDynamoDBClient("http://127.0.0.1:1", { maxAttempts: 1 });
    const unreachable = new DynamoDBPat({ tableName, ddbClient: down });
    const url = await serve(bearerAuth(unreachable));
    const { token } = await pat.issue({ owner: "c" });
    const response = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
    expect(response.status).toBe(503);
    down.destroy();
  });
});
