/** Parsing of the Authorization header (RFC 7235 §2.1, RFC 6750 §2.1, RFC 7617). */
import { describe, expect, it } from "vitest";
import { challenge, parseAuthorization } from "../src/internal/authorization.js";

const TOKEN = "pat_AbCdEfGhIjKlMnOpQrStU.abc-DEF_ghi";

describe("parseAuthorization", () => {
  it("reads a bearer token whatever the case of the scheme and the spaces before it", () => {
    for (const value of [
      `Bearer ${TOKEN}`,
      `bearer ${TOKEN}`,
      `BEARER   ${TOKEN}`,
      ` Bearer\t${TOKEN} `,
    ]) {
      expect(parseAuthorization([value])).toEqual({ kind: "bearer", token: TOKEN });
    }
    expect(parseAuthorization(["Bearer abc+/=="])).toEqual({ kind: "bearer", token: "abc+/==" });
  });

  it("answers none without a header and other for another scheme", () => {
    expect(parseAuthorization([])).toEqual({ kind: "none" });
    expect(parseAuthorization([""])).toEqual({ kind: "none" });
    expect(parseAuthorization(["Negotiate abc"])).toEqual({ kind: "other" });
  });

  it("calls malformed what breaks the b64token grammar, repeats the header or is too long", () => {
    for (const value of [
      "Bearer",
      "Bearer a b",
      'Bearer "a"',
      "Bearer a,b",
      "Bearer a=b",
      "Bearer ä",
      "@@@",
    ]) {
      expect(parseAuthorization([value]).kind, value).toBe("malformed");
    }
    expect(parseAuthorization([`Bearer ${TOKEN}`, `Bearer ${TOKEN}`])).toMatchObject({
      kind: "malformed",
      why: "more than one Authorization header",
    });
    expect(parseAuthorization([`Bearer ${"a".repeat(9000)}`])).toMatchObject({ kind: "malformed" });
  });

  it("never quotes the header in the reason it gives", () => {
    const result = parseAuthorization([`Bearer ${TOKEN} trailing`]);
    expect(result.kind === "malformed" && result.why).not.toContain(TOKEN);
  });

  it("reads Basic credentials, keeping the password as sent after the first colon", () => {
    const encode = (s: string) => `Basic ${Buffer.from(s).toString("base64")}`;
    expect(parseAuthorization([encode(":a+b/c==")])).toEqual({
      kind: "basic",
      user: "",
      password: "a+b/c==",
    });
    expect(parseAuthorization([encode("id:x:y")])).toEqual({
      kind: "basic",
      user: "id",
      password: "x:y",
    });
    expect(parseAuthorization([encode("no-colon")])).toMatchObject({
      kind: "malformed",
      scheme: "basic",
    });
    expect(parseAuthorization(["Basic !!!"])).toMatchObject({ kind: "malformed", scheme: "basic" });
  });
});

describe("challenge", () => {
  it("writes RFC 6750 challenges with a quoted realm", () => {
    expect(challenge("Bearer", "api")).toBe('Bearer realm="api"');
    expect(challenge("Bearer", "api", "invalid_token")).toBe(
      'Bearer realm="api", error="invalid_token"',
    );
    expect(challenge("Basic", "x")).toBe('Basic realm="x"');
  });
});
