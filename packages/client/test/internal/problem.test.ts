import { describe, expect, it } from "vitest";
import { isApiError, readErrorBody } from "../../src/internal/problem.js";
import { createRedactor } from "../../src/internal/redact.js";

const none = createRedactor([]);

describe("readErrorBody", () => {
  it("reads RFC 9457 problem details, keeping extension members", () => {
    const body = readErrorBody(
      "application/problem+json; charset=utf-8",
      JSON.stringify({
        type: "about:blank",
        title: "Bad Request",
        status: 400,
        detail: "Invalid request body",
        errors: [{ field: "owner", message: "Required" }],
      }),
      none,
    );
    expect(body.problem).toEqual({
      type: "about:blank",
      title: "Bad Request",
      status: 400,
      detail: "Invalid request body",
      errors: [{ field: "owner", message: "Required" }],
    });
    expect(body.apiError).toBeUndefined();
    expect(body.explanation).toBe("Invalid request body");
  });

  it("defaults type to about:blank and drops members of the wrong type (RFC 9457 3.1)", () => {
    const body = readErrorBody(
      "application/problem+json",
      JSON.stringify({ title: 5, status: "400", detail: "x", code: "INVALID_BODY" }),
      none,
    );
    expect(body.problem).toEqual({ type: "about:blank", detail: "x", code: "INVALID_BODY" });
  });

  it("reads the { error: { message } } body of @access-tokens/express, also with a charset", () => {
    const body = readErrorBody(
      "application/json; charset=utf-8",
      JSON.stringify({ error: { message: "Token not found", details: "no such id" } }),
      none,
    );
    expect(body.apiError).toEqual({ error: { message: "Token not found", details: "no such id" } });
    expect(isApiError(body.apiError)).toBe(true);
    expect(body.problem).toBeUndefined();
    expect(body.explanation).toBe("Token not found");
  });

  it("reads both shapes when a problem document carries the error member", () => {
    const body = readErrorBody(
      "application/problem+json",
      JSON.stringify({
        title: "Not Found",
        status: 404,
        detail: "Token not found: x",
        error: { message: "Token not found: x" },
      }),
      none,
    );
    expect(body.problem?.detail).toBe("Token not found: x");
    expect(body.apiError?.error.message).toBe("Token not found: x");
  });

  it("reads the OAuth 2.0 error body of the token endpoint (RFC 6749 5.2)", () => {
    const body = readErrorBody(
      "application/json",
      JSON.stringify({ error: "invalid_client", error_description: "Invalid Authorization token" }),
      none,
    );
    expect(body.oauthError).toEqual({
      error: "invalid_client",
      error_description: "Invalid Authorization token",
    });
    expect(body.apiError).toBeUndefined();
    expect(body.explanation).toBe("Invalid Authorization token");
  });

  it("ignores bodies of no known shape", () => {
    for (const [type, text] of [
      ["text/html", "<h1>502 Bad Gateway</h1>"],
      ["application/json", "{not json"],
      ["application/json", "[1,2]"],
      [null, JSON.stringify({ error: { message: "x" } })],
    ] as const) {
      const body = readErrorBody(type, text, none);
      expect(body).toEqual({
        problem: undefined,
        apiError: undefined,
        oauthError: undefined,
        explanation: "",
      });
    }
  });

  it("keeps the explanation to one bounded line", () => {
    const body = readErrorBody(
      "application/json",
      JSON.stringify({ error: { message: `line1\nline2\u001b[31m${"x".repeat(1000)}` } }),
      none,
    );
    expect(body.explanation).not.toContain("\n");
    expect(body.explanation).not.toContain("\u001b");
    expect(body.explanation.length).toBeLessThanOrEqual(301);
  });

  it("scrubs known secrets from every string, keys included", () => {
    const secret = "pat_AAAAAAAAAAAAAAAAAAAAA.c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0LXNlY3I";
    const redact = createRedactor([secret]);
    const body = readErrorBody(
      "application/problem+json",
      JSON.stringify({
        detail: `bad token ${secret}`,
        [secret]: 1,
        error: { message: secret.split(".")[1] },
      }),
      redact,
    );
    expect(JSON.stringify(body)).not.toContain(secret.split(".")[1]);
    expect(body.explanation).toBe("bad token [REDACTED]");
  });

  it("keeps a __proto__ key as data, never as a prototype", () => {
    const body = readErrorBody(
      "application/problem+json",
      '{"title":"x","__proto__":{"polluted":true}}',
      none,
    );
    expect(Object.getPrototypeOf(body.problem)).toBe(Object.prototype);
    expect((body.problem as Record<string, unknown>)["polluted"]).toBeUndefined();
    expect(({} as Record<string, unknown>)["polluted"]).toBeUndefined();
  });
});
