/**
 * AccessTokensClient.rotate against the real @pat/http server (bare Fetch handler on node:http)
 * over a DynamoDB table: the new token and its record, the old secret's grace, the 409 codes of
 * states that refuse rotation, no repeat after a lost answer, and argument checks made before
 * anything is sent.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { AccessTokensClient, HttpError, PatClientError } from "../src/index.js";
import { startPatServer, type PatServer } from "./support/pat-server.js";

const endpoint = inject("dynamodbEndpoint");

let server: PatServer;
let admin: AccessTokensClient;

beforeAll(async () => {
  server = await startPatServer(endpoint);
  admin = new AccessTokensClient({
    endpoint: server.url,
    apiKey: server.bootstrapToken,
    retry: { retries: 2, baseDelayMs: 5, maxDelayMs: 5 },
  });
  await admin.getAccessToken();
});
afterAll(() => server?.close());

async function caught(promise: Promise<unknown>): Promise<HttpError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(HttpError);
    return error as HttpError;
  }
  throw new Error("expected a rejection");
}

/** Whether `token` still exchanges for a JWT (i.e. verifies). */
async function works(token: string): Promise<boolean> {
  const client = new AccessTokensClient({ endpoint: server.url, apiKey: token, retry: false });
  try {
    await client.getAccessToken();
    return true;
  } catch (error) {
    if (error instanceof HttpError && error.status === 401) return false;
    throw error;
  }
}

describe("AccessTokensClient.rotate against @pat/http", () => {
  it("answers the new token and its record; the old secret stops at once by default", async () => {
    const old = await admin.issue({ owner: "dana@example.com", roles: ["deploy"] });
    const { token, record } = await admin.rotate(old.record.tokenId);
    expect(token).toMatch(/^pat_[A-Za-z0-9]{21}\./);
    expect(record).toMatchObject({
      owner: "dana@example.com",
      roles: ["deploy"],
      rotatedFrom: old.record.tokenId,
    });
    expect(await works(token)).toBe(true);
    expect(await works(old.token)).toBe(false);
    expect(await admin.get(old.record.tokenId)).toMatchObject({
      rotatedTo: record.tokenId,
      graceEndsAt: expect.any(Number),
    });
  });

  it("keeps the old secret for graceSeconds, or until the new token's first use", async () => {
    const graced = await admin.issue({ owner: "erin@example.com" });
    await admin.rotate(graced.record.tokenId, { graceSeconds: 600 });
    expect(await works(graced.token)).toBe(true);
    const confirmed = await admin.issue({ owner: "erin@example.com" });
    const next = await admin.rotate(confirmed.record.tokenId, { untilFirstUse: true });
    expect(next.record.awaitingFirstUse).toBe(true);
    expect(await works(confirmed.token)).toBe(true);
    expect(await works(next.token)).toBe(true);
    expect(await works(confirmed.token)).toBe(false);
  });

  it("throws HttpError 409 with the state's code, and 404 for an unknown token", async () => {
    const old = await admin.issue({ owner: "finn@example.com" });
    await admin.rotate(old.record.tokenId, { graceSeconds: 60 });
    const again = await caught(admin.rotate(old.record.tokenId));
    expect(again).toMatchObject({ status: 409, attempts: 1 });
    expect(again.problem?.["code"]).toBe("TOKEN_ROTATED");
    const revoked = await admin.issue({ owner: "finn@example.com" });
    await admin.revoke(revoked.record.tokenId);
    expect((await caught(admin.rotate(revoked.record.tokenId))).problem?.["code"]).toBe(
      "TOKEN_REVOKED",
    );
    const missing = await caught(admin.rotate("ZZZZZZZZZZZZZZZZZZZZZ"));
    expect(missing.status).toBe(404);
  });

  it("never repeats a rotation after a 5xx answer", async () => {
    let calls = 0;
    const flaky = new AccessTokensClient({
      endpoint: server.url,
      apiKey: server.bootstrapToken,
      retry: { retries: 3, baseDelayMs: 1, maxDelayMs: 1 },
      fetch: async (input, init) => {
        const url = String(input instanceof Request ? input.url : input);
        if (url.endsWith("/rotate")) {
          calls += 1;
          return new Response(JSON.stringify({ code: "X" }), { status: 503 });
        }
        return fetch(input, init);
      },
    });
    const old = await admin.issue({ owner: "gus@example.com" });
    expect(await caught(flaky.rotate(old.record.tokenId))).toMatchObject({ status: 503 });
    expect(calls).toBe(1);
  });

  it("checks its arguments before sending anything", async () => {
    const id = "ZZZZZZZZZZZZZZZZZZZZZ";
    await expect(admin.rotate("short")).rejects.toBeInstanceOf(PatClientError);
    for (const graceSeconds of [-1, 1.5, 366 * 86400 + 1]) {
      await expect(admin.rotate(id, { graceSeconds })).rejects.toMatchObject({
        code: "INVALID_INPUT",
        message: "graceSeconds must be an integer from 0 to 31622400",
      });
    }
    await expect(
      admin.rotate(id, { untilFirstUse: "yes" as unknown as boolean }),
    ).rejects.toBeInstanceOf(TypeError);
  });
});
