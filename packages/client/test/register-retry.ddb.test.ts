/**
 * `register` whose answer is lost: a proxy on 127.0.0.1 in front of the real @pat/http server
 * forwards the first registration, lets the server store it, and drops the connection instead of
 * answering. The client repeats the request, gets 409, reads the token back and resolves when it
 * is the token it sent (by hash where the server gives hashes, else by its visible fields); a
 * 409 for another token stays an error.
 */
import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { AccessTokensClient, HttpError } from "../src/index.js";
import { startPatServer } from "./support/pat-server.js";

const endpoint = inject("dynamodbEndpoint");

interface Proxy {
  readonly url: string;
  /** Registrations (`PUT .../tokens/:id`) whose next answer is dropped, by path. */
  readonly dropNext: Set<string>;
  /** Whether a dropped request is forwarded first (stored) or not at all. */
  forwardDropped: boolean;
  close(): Promise<void>;
}

async function body(req: IncomingMessage): Promise<Buffer | undefined> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return chunks.length > 0 ? Buffer.concat(chunks) : undefined;
}

async function startProxy(upstream: string): Promise<Proxy> {
  const dropNext = new Set<string>();
  const proxy: Omit<Proxy, "url" | "close"> = { dropNext, forwardDropped: true };
  const server = createServer((req, res) => {
    void (async () => {
      const path = req.url ?? "/";
      const drop = req.method === "PUT" && dropNext.delete(path);
      const headers: Record<string, string> = {};
      for (const [name, value] of Object.entries(req.headers)) {
        if (typeof value === "string" && name !== "host" && name !== "connection")
          headers[name] = value;
      }
      const sent = await body(req);
      if (drop && !proxy.forwardDropped) {
        req.socket.destroy();
        return;
      }
      const answer = await fetch(upstream + path, {
        method: req.method ?? "GET",
        headers,
        ...(sent === undefined ? {} : { body: sent }),
      });
      const text = Buffer.from(await answer.arrayBuffer());
      // The server has acted; its answer never reaches the client.
      if (drop) {
        req.socket.destroy();
        return;
      }
      const out: Record<string, string> = {};
      answer.headers.forEach((value, name) => {
        if (name !== "content-length" && name !== "transfer-encoding") out[name] = value;
      });
      res.writeHead(answer.status, out);
      res.end(text);
    })().catch(() => req.socket.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return Object.assign(proxy, {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  });
}

async function setup(allowSecretPhc: boolean) {
  const server = await startPatServer(endpoint, { allowSecretPhc });
  const proxy = await startProxy(server.url);
  const client = new AccessTokensClient({
    endpoint: proxy.url,
    apiKey: server.bootstrapToken,
    retry: { retries: 2, baseDelayMs: 10, maxDelayMs: 10 },
  });
  return { server, proxy, client };
}

describe.each([
  ["gives hashes", true],
  ["refuses hashes", false],
] as const)("register with a lost answer, on a server that %s", (_label, allowSecretPhc) => {
  let env: Awaited<ReturnType<typeof setup>>;
  beforeAll(async () => {
    env = await setup(allowSecretPhc);
  });
  afterAll(async () => {
    await env?.proxy.close();
    await env?.server.close();
  });

  it("resolves when the token the repeat found is the one it sent", async () => {
    const { tokenId, secretPhc, token } = await env.server.pat.generate();
    env.proxy.forwardDropped = true;
    env.proxy.dropNext.add(`/admin/tokens/${tokenId}`);
    const record = await env.client.register({
      tokenId,
      secretPhc,
      owner: "ci@example.com",
      roles: ["deploy", "read"],
      expiresAt: 4102444800,
    });
    expect(record).toMatchObject({
      tokenId,
      owner: "ci@example.com",
      roles: ["deploy", "read"],
      expiresAt: 4102444800,
    });
    expect(record).not.toHaveProperty("secretPhc");
    expect(env.proxy.dropNext.size).toBe(0);
    expect((await env.server.pat.verify(token)).valid).toBe(true);
  });

  it("still fails with 409 when the id holds another token", async () => {
    const mine = await env.server.pat.generate();
    // Someone else's token under this id, with another owner.
    await env.server.pat.register({
      tokenId: mine.tokenId,
      secretPhc: mine.secretPhc,
      owner: "someone-else@example.com",
    });
    env.proxy.forwardDropped = false;
    env.proxy.dropNext.add(`/admin/tokens/${mine.tokenId}`);
    const error = await env.client
      .register({ tokenId: mine.tokenId, secretPhc: mine.secretPhc, owner: "ci@example.com" })
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    expect(error).toBeInstanceOf(HttpError);
    expect(error).toMatchObject({ status: 409, attempts: 2 });
  });

  it("fails with 409 at once when the first attempt finds the id taken", async () => {
    const taken = await env.server.pat.generate();
    await env.server.pat.register({
      tokenId: taken.tokenId,
      secretPhc: taken.secretPhc,
      owner: "ci@example.com",
    });
    const error = await env.client
      .register({ tokenId: taken.tokenId, secretPhc: taken.secretPhc, owner: "ci@example.com" })
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    expect(error).toMatchObject({ status: 409, attempts: 1 });
  });
});

describe("register with a lost answer and a different hash stored", () => {
  it("is an error when the server gives hashes and the stored one differs", async () => {
    const env = await setup(true);
    try {
      // The first exchange stores the first admin token, on the empty table.
      await env.client.getAccessToken();
      const first = await env.server.pat.generate();
      const other = await env.server.pat.generate();
      await env.server.pat.register({
        tokenId: first.tokenId,
        secretPhc: other.secretPhc,
        owner: "ci@example.com",
      });
      env.proxy.forwardDropped = false;
      env.proxy.dropNext.add(`/admin/tokens/${first.tokenId}`);
      await expect(
        env.client.register({
          tokenId: first.tokenId,
          secretPhc: first.secretPhc,
          owner: "ci@example.com",
        }),
      ).rejects.toMatchObject({ status: 409, attempts: 2 });
    } finally {
      await env.proxy.close();
      await env.server.close();
    }
  });
});
