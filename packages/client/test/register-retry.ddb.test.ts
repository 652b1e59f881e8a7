/**
 * `register` whose answer is lost: a proxy on 127.0.0.1 (`serveProxy`) in front of the real
 * @pat/http server forwards the first registration, lets the server store it, and drops the
 * connection instead of answering. The client repeats the request, gets 409, reads the token back and resolves when it
 * is the token it sent (by hash where the server gives hashes, else by its visible fields); a
 * 409 for another token stays an error.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { serveProxy, type ProxyAction } from "@pat/tooling/http";
import { AccessTokensClient, HttpError } from "../src/index.js";
import { startPatServer } from "./support/pat-server.js";

const endpoint = inject("dynamodbEndpoint");

/** What the proxy does to the next registration of a path (then it forwards again). */
const nextRegistration = new Map<string, ProxyAction>();

async function setup(allowSecretPhc: boolean) {
  const server = await startPatServer(endpoint, { allowSecretPhc });
  const proxy = await serveProxy(server.url, {
    route: ({ method, path }) => {
      const action = method === "PUT" ? nextRegistration.get(path) : undefined;
      nextRegistration.delete(path);
      return action ?? "forward";
    },
  });
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
    // The server stores it; the answer never reaches the client.
    nextRegistration.set(`/admin/tokens/${tokenId}`, "lose-answer");
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
    expect(env.proxy.seen.filter((r) => r.method === "PUT").map((r) => r.path)).toEqual([
      `/admin/tokens/${tokenId}`,
      `/admin/tokens/${tokenId}`,
    ]);
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
    // The first attempt never arrives; the repeat finds someone else's token.
    nextRegistration.set(`/admin/tokens/${mine.tokenId}`, "drop");
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
      nextRegistration.set(`/admin/tokens/${first.tokenId}`, "drop");
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
