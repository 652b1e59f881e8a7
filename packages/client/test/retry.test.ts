/**
 * Retry behaviour over real HTTP: a node:http server on 127.0.0.1 answers 503 then 200, asks
 * for a wait with Retry-After, drops the connection or stalls. Waits go through an injected
 * sleep that moves an injected clock, so the suite does not wait for real.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { AccessTokensClient, HttpError, NetworkError, type RetryOptions } from "../src/index.js";
import { fakeTime, startTestServer, tokenReply, type TestServer } from "./support/server.js";

const ID = "AAAAAAAAAAAAAAAAAAAAA";
const record = { tokenId: ID, owner: "alice", isAdmin: false, createdAt: 1 };
const ADMIN_TOKEN = "pat_ZZZZZZZZZZZZZZZZZZZZZ.c2VjcmV0c2VjcmV0c2VjcmV0c2VjcmV0c2VjcmV0c2U";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());
beforeEach(() => {
  server.requests.length = 0;
  server.script("/auth/token", tokenReply("jwt-1"));
});

function client(retry: RetryOptions | false = {}, extra: { timeoutMs?: number } = {}) {
  const time = fakeTime();
  const c = new AccessTokensClient({
    endpoint: server.url,
    apiKey: ADMIN_TOKEN,
    retry: retry === false ? false : { random: () => 0.5, sleep: time.sleep, ...retry },
    clock: time.clock,
    ...extra,
  });
  return { client: c, time };
}

const hits = (path: string) => server.requests.filter((r) => r.url.split("?")[0] === path).length;

async function caught(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error("expected a rejection");
}

describe("retries of requests safe to repeat", () => {
  it("repeats a list after 503 and answers the 200 that follows", async () => {
    server.script("/admin/tokens", { status: 503 }, { status: 200, json: { records: [record] } });
    const { client: c, time } = client();
    expect(await c.list()).toEqual([record]);
    expect(hits("/admin/tokens")).toBe(2);
    expect(time.sleeps).toEqual([750]); // step 1000 ms, equal jitter with random 0.5
  });

  it("waits longer after each failure, within [step/2, step] and the cap", async () => {
    server.script(
      "/admin/tokens",
      { status: 500 },
      { status: 502 },
      { status: 504 },
      { status: 200, json: { records: [] } },
    );
    const { client: c, time } = client({ random: () => 0, maxDelayMs: 3000 });
    await c.list();
    expect(time.sleeps).toEqual([500, 1000, 1500]);
    expect(hits("/admin/tokens")).toBe(4);
  });

  it("honours Retry-After in seconds and as an HTTP-date", async () => {
    server.script(
      "/admin/tokens",
      { status: 429, headers: { "retry-after": "7" } },
      {
        status: 503,
        headers: { "retry-after": new Date(1_700_000_000_000 + 7000 + 12_000).toUTCString() },
      },
      { status: 200, json: { records: [] } },
    );
    const { client: c, time } = client();
    await c.list();
    expect(time.sleeps[0]).toBe(7000);
    // The date is 12 s after the second answer (clock moved by the first wait); Date strings
    // have whole seconds.
    expect(time.sleeps[1]).toBe(12_000);
  });

  it("gives up at once when Retry-After asks for more than the time left", async () => {
    server.script("/admin/tokens", {
      status: 429,
      headers: { "retry-after": "120" },
      json: { error: { message: "Slow down" } },
    });
    const { client: c, time } = client();
    const error = await caught(c.list());
    expect(error).toBeInstanceOf(HttpError);
    expect(error).toMatchObject({
      code: "HTTP_ERROR",
      status: 429,
      retryAfterMs: 120_000,
      attempts: 1,
    });
    expect((error as Error).message).toBe("Failed to list tokens: HTTP 429 Slow down");
    expect(time.sleeps).toEqual([]);
  });

  it("repeats after a dropped connection", async () => {
    server.script("/admin/tokens", { drop: true }, { status: 200, json: { records: [record] } });
    const { client: c } = client();
    expect(await c.list()).toEqual([record]);
    expect(hits("/admin/tokens")).toBe(2);
  });

  it("bounds the attempts: retries + 1, then the last answer", async () => {
    server.script("/admin/tokens", { status: 503, statusText: "Service Unavailable" });
    const { client: c, time } = client({ retries: 2 });
    const error = await caught(c.list());
    expect(error).toMatchObject({ status: 503, attempts: 3 });
    expect((error as Error).message).toBe("Failed to list tokens: HTTP 503 Service Unavailable");
    expect(hits("/admin/tokens")).toBe(3);
    expect(time.sleeps).toHaveLength(2);
  });

  it("bounds the total time, waits included", async () => {
    server.script("/admin/tokens", { status: 503 });
    const { client: c, time } = client({ retries: 10, random: () => 1, maxElapsedMs: 10_000 });
    const error = await caught(c.list());
    // Waits of 1, 2 and 4 s fit in 10 s; the next (8 s) would end past it.
    expect(time.sleeps).toEqual([1000, 2000, 4000]);
    expect(error).toMatchObject({ status: 503, attempts: 4 });
  });

  it("repeats the PAT→JWT exchange and the other idempotent calls", async () => {
    server.script("/auth/token", { status: 503 }, tokenReply("jwt-1"));
    server.script(`/admin/tokens/${ID}/revoke`, { drop: true }, { status: 204 });
    server.script(`/admin/tokens/${ID}/restore`, { status: 502 }, { status: 204 });
    server.script(`/admin/tokens/${ID}`, { status: 500 }, { status: 204 });
    server.script(
      "/admin/tokens/batch",
      { status: 503 },
      { status: 200, json: { found: [], notFound: [ID] } },
    );
    const { client: c } = client();
    await c.revoke(ID);
    await c.restore(ID);
    await c.update(ID, { owner: "bob" });
    expect(await c.batchLoad([ID])).toEqual({ found: [], notFound: [ID] });
    expect(hits("/auth/token")).toBe(2);
    for (const path of [
      `/admin/tokens/${ID}/revoke`,
      `/admin/tokens/${ID}/restore`,
      `/admin/tokens/${ID}`,
      "/admin/tokens/batch",
    ]) {
      expect(hits(path)).toBe(2);
    }
  });

  it("does not repeat 4xx answers other than 408 and 429", async () => {
    server.script(`/admin/tokens/${ID}/restore`, {
      status: 404,
      json: { error: { message: "Token not found" } },
    });
    const { client: c, time } = client();
    const error = await caught(c.restore(ID));
    expect(error).toMatchObject({ status: 404, attempts: 1 });
    expect(hits(`/admin/tokens/${ID}/restore`)).toBe(1);
    expect(time.sleeps).toEqual([]);
  });

  it("sends once with retry: false", async () => {
    server.script("/admin/tokens", { status: 503 });
    const { client: c } = client(false);
    expect(await caught(c.list())).toMatchObject({ status: 503, attempts: 1 });
    expect(hits("/admin/tokens")).toBe(1);
  });
});

describe("requests never repeated", () => {
  it("does not repeat an issue after 503", async () => {
    server.script("/admin/tokens", { status: 503 });
    const { client: c, time } = client();
    const error = await caught(c.issue({ owner: "alice" }));
    expect(error).toMatchObject({ code: "HTTP_ERROR", status: 503, attempts: 1 });
    expect(
      server.requests.filter((r) => r.method === "POST" && r.url === "/admin/tokens"),
    ).toHaveLength(1);
    expect(time.sleeps).toEqual([]);
  });

  it("does not repeat an issue after a dropped connection", async () => {
    server.script("/admin/tokens", { drop: true });
    const { client: c } = client();
    const error = await caught(c.issue({ owner: "alice" }));
    expect(error).toBeInstanceOf(NetworkError);
    expect(error).toMatchObject({
      code: "NETWORK_ERROR",
      attempts: 1,
      timedOut: false,
      method: "POST",
    });
    expect((error as Error).message).toMatch(/^Failed to issue token: fetch failed/);
    expect(hits("/admin/tokens")).toBe(1);
  });
});

describe("time limits and unreachable servers", () => {
  it("ends a stalled attempt at timeoutMs and repeats it", async () => {
    server.script("/admin/tokens", { stall: true }, { status: 200, json: { records: [] } });
    const { client: c } = client({}, { timeoutMs: 200 });
    expect(await c.list()).toEqual([]);
    expect(hits("/admin/tokens")).toBe(2);
  });

  it("reports a timeout as a NetworkError with timedOut", async () => {
    server.script("/admin/tokens", { stall: true });
    const { client: c } = client(false, { timeoutMs: 100 });
    const error = await caught(c.list());
    expect(error).toMatchObject({ code: "NETWORK_ERROR", timedOut: true, attempts: 1 });
    expect((error as Error).message).toBe("Failed to list tokens: no answer within 100 ms");
  });

  it("reports a refused connection after the retries", async () => {
    const gone = await startTestServer();
    await gone.close();
    const time = fakeTime();
    const c = new AccessTokensClient({
      endpoint: gone.url,
      apiKey: ADMIN_TOKEN,
      retry: { retries: 2, sleep: time.sleep },
      clock: time.clock,
    });
    const error = await caught(c.list());
    expect(error).toMatchObject({
      code: "NETWORK_ERROR",
      attempts: 3,
      url: `${gone.url}/auth/token`,
    });
    expect((error as Error).message).toMatch(
      /^Failed to authenticate: fetch failed \(.*ECONNREFUSED.*\) \(3 attempts\)$/,
    );
  });
});

describe("JWT refused by the server", () => {
  it("exchanges the PAT again once after a 401 and repeats the call, also an issue", async () => {
    server.script("/auth/token", tokenReply("jwt-1"), tokenReply("jwt-2"));
    server.script(
      "/admin/tokens",
      { status: 401, json: { error: { message: "Invalid token" } } },
      { status: 201, json: { token: "pat_x.y", record } },
    );
    const { client: c } = client();
    expect(await c.issue({ owner: "alice" })).toEqual({ token: "pat_x.y", record });
    const auths = server.requests
      .filter((r) => r.url === "/admin/tokens")
      .map((r) => r.headers.authorization);
    expect(auths).toEqual(["Bearer jwt-1", "Bearer jwt-2"]);
  });

  it("answers the second 401", async () => {
    server.script("/auth/token", tokenReply("jwt-1"), tokenReply("jwt-2"));
    server.script("/admin/tokens", { status: 401 });
    const { client: c } = client();
    expect(await caught(c.list())).toMatchObject({ status: 401 });
    expect(hits("/admin/tokens")).toBe(2);
    expect(hits("/auth/token")).toBe(2);
  });
});
