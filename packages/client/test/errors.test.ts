/**
 * Error typing and secret hygiene: errors carry code, status and problem details, keep the
 * `cause` of @access-tokens/client, and hold no secret in their message, stack, `util.inspect`
 * or `JSON.stringify`, even when a server echoes the credentials it was sent.
 */
import { inspect } from "node:util";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { AccessTokensClient, HttpError, isApiError, NetworkError } from "../src/index.js";
import { startTestServer, tokenReply, type TestServer, type Recorded } from "./support/server.js";

const ID = "abc123def456ghi789jkl";
const SECRET = "c2VjcmV0c2VjcmV0c2VjcmV0c2VjcmV0c2VjcmV0c2U";
const API_KEY = `pat_ZZZZZZZZZZZZZZZZZZZZZ.${SECRET}`;
const JWT = "eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJaWlpaWiJ9.c2lnbmF0dXJlc2lnbmF0dXJlc2ln";
const PHC = "$scrypt$ln=4,r=8,p=1$c2FsdHNhbHRzYWx0c2FsdA$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNo";
const HASH = PHC.slice(PHC.lastIndexOf("$") + 1);
const SECRETS = [API_KEY, SECRET, JWT, PHC, HASH];

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());
beforeEach(() => {
  server.requests.length = 0;
  server.script("/auth/token", tokenReply(JWT));
});

function client(extra: Partial<ConstructorParameters<typeof AccessTokensClient>[0]> = {}) {
  return new AccessTokensClient({ endpoint: server.url, apiKey: API_KEY, retry: false, ...extra });
}

/** Every way an error can be looked at. */
function renderings(error: unknown): string[] {
  const e = error as Error;
  return [
    String(e),
    e.message,
    String(e.stack),
    inspect(e, { depth: 10, showHidden: true }),
    JSON.stringify(e),
    JSON.stringify((e as { cause?: unknown }).cause ?? null),
  ];
}

function expectNoSecret(error: unknown): void {
  for (const text of renderings(error)) {
    for (const secret of SECRETS) expect(text).not.toContain(secret);
  }
}

async function caught(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error("expected a rejection");
}

/** What a careless server might echo: everything it was sent. */
function echo(request: Recorded | undefined): string {
  return `${request?.headers.authorization ?? ""} ${request?.body ?? ""}`;
}

describe("HttpError", () => {
  it("carries status, problem details, the ApiError member and the compatible cause", async () => {
    server.script("/admin/tokens", {
      status: 400,
      headers: { "content-type": "application/problem+json" },
      json: {
        type: "about:blank",
        title: "Bad Request",
        status: 400,
        detail: "Invalid request body",
        code: "INVALID_BODY",
        errors: [{ field: "owner", message: "Required" }],
        error: { message: "Invalid request body", details: "✖ Required\n  → at owner" },
      },
    });
    const error = await caught(client().issue({ owner: "" }));
    expect(error).toBeInstanceOf(HttpError);
    const e = error as HttpError;
    expect(e).toMatchObject({
      name: "HttpError",
      code: "HTTP_ERROR",
      status: 400,
      statusText: "Bad Request",
      method: "POST",
      url: `${server.url}/admin/tokens`,
      attempts: 1,
      problem: {
        title: "Bad Request",
        code: "INVALID_BODY",
        errors: [{ field: "owner", message: "Required" }],
      },
    });
    expect(e.message).toBe("Failed to issue token: HTTP 400 Invalid request body");
    expect(isApiError(e.cause)).toBe(true);
    expect(e.cause).toEqual(e.apiError);
  });

  it("has the status text as cause when the body says nothing usable", async () => {
    server.script(`/admin/tokens/${ID}/restore`, {
      status: 404,
      statusText: "Not Found",
      text: "<h1>nope</h1>",
      headers: { "content-type": "text/html" },
    });
    const error = (await caught(client().restore(ID))) as HttpError;
    expect(error.cause).toBe("Not Found");
    expect(error.problem).toBeUndefined();
    expect(error.message).toBe(`Failed to restore token ${ID}: HTTP 404 Not Found`);
  });
});

describe("secret hygiene", () => {
  it("scrubs credentials a server echoes in a problem document", async () => {
    server.script("/admin/tokens", { status: 500 });
    const c = client();
    await caught(c.list());
    const sent = echo(server.requests.at(-1));
    server.script("/admin/tokens", {
      status: 400,
      statusText: `Bad ${JWT}`,
      headers: { "content-type": "application/problem+json" },
      json: {
        title: sent,
        detail: `got ${sent}`,
        [JWT]: API_KEY,
        error: { message: sent, details: { header: sent } },
      },
    });
    const error = await caught(c.list());
    expect((error as HttpError).status).toBe(400);
    expect((error as Error).message).toContain("[REDACTED]");
    expectNoSecret(error);
  });

  it("scrubs the PAT a token endpoint echoes, whole or its secret part", async () => {
    server.script("/auth/token", {
      status: 401,
      json: {
        error: "invalid_client",
        error_description: `bad token ${API_KEY} (secret ${SECRET})`,
      },
    });
    const error = await caught(client().list());
    expect((error as Error).message).toBe(
      "Failed to authenticate: HTTP 401 bad token [REDACTED] (secret [REDACTED])",
    );
    expectNoSecret(error);
  });

  it("scrubs a PHC string echoed after register and update", async () => {
    server.script(`/admin/tokens/${ID}`, {
      status: 400,
      json: { error: { message: `invalid secretPhc ${PHC}`, details: `hash ${HASH}` } },
    });
    const c = client();
    expectNoSecret(await caught(c.register({ tokenId: ID, secretPhc: PHC, owner: "alice" })));
    expectNoSecret(await caught(c.update(ID, { secretPhc: PHC })));
  });

  it("scrubs a fetch failure that quotes the credentials", async () => {
    const leaky: typeof fetch = async (_input, init) => {
      const header = new Headers(init?.headers).get("authorization");
      throw new TypeError(`fetch failed for ${header}`, {
        cause: Object.assign(new Error(`socket error, header ${header}`), {
          code: "ECONNRESET",
          header,
        }),
      });
    };
    const error = await caught(client({ fetch: leaky }).list());
    expect(error).toBeInstanceOf(NetworkError);
    expect((error as NetworkError).message).toBe(
      "Failed to authenticate: fetch failed for Bearer [REDACTED] (socket error, header Bearer [REDACTED])",
    );
    expectNoSecret(error);
  });

  it("keeps the token of an issue answer out of a schema error", async () => {
    server.script("/admin/tokens", {
      status: 201,
      json: { token: API_KEY, record: { tokenId: API_KEY } },
    });
    const error = await caught(client().issue({ owner: "alice" }));
    expect(error).toMatchObject({ code: "INVALID_RESPONSE" });
    expectNoSecret(error);
  });

  it("shows neither the PAT nor the JWT when the client itself is inspected", async () => {
    server.script("/admin/tokens", { status: 200, json: { records: [] } });
    const c = client();
    await c.list();
    for (const text of [
      inspect(c, { depth: 10, showHidden: true }),
      JSON.stringify(c),
      String(c),
    ]) {
      for (const secret of SECRETS) expect(text).not.toContain(secret);
    }
  });

  it("never names the apiKey in a configuration error", () => {
    let caughtError: unknown;
    try {
      new AccessTokensClient({ endpoint: server.url, apiKey: `${API_KEY} ` });
    } catch (error) {
      caughtError = error;
    }
    expect(caughtError).toMatchObject({ code: "INVALID_CONFIG" });
    expectNoSecret(caughtError);
  });
});
