import { describe, expect, it } from "vitest";
import { createRedactor, scrubError, secretParts } from "../../src/internal/redact.js";

const token = "pat_0123456789abcdefghijK.SECRETsecretSECRETsecretSECRETsecretSECRET1";

describe("secretParts", () => {
  it("adds the secret part of a token and the hash part of a PHC string", () => {
    expect(secretParts(token)).toEqual([token, "SECRETsecretSECRETsecretSECRETsecretSECRET1"]);
    expect(secretParts("$scrypt$ln=14,r=8,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA")).toEqual([
      "$scrypt$ln=14,r=8,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA",
      "aGFzaGhhc2hoYXNoaGFzaA",
    ]);
  });

  it("ignores pieces too short to be secrets", () => {
    expect(secretParts("abc")).toEqual([]);
    expect(secretParts("abcdefghij.xy")).toEqual(["abcdefghij.xy"]);
  });
});

describe("createRedactor", () => {
  it("masks every occurrence of every secret, longest first", () => {
    const redact = createRedactor([token, undefined, "eyJhbGciOiJFUzI1NiJ9.payload.signature"]);
    expect(redact(`a ${token} b ${token}`)).toBe("a [REDACTED] b [REDACTED]");
    expect(redact("secret was SECRETsecretSECRETsecretSECRETsecretSECRET1")).toBe(
      "secret was [REDACTED]",
    );
    expect(redact("Bearer eyJhbGciOiJFUzI1NiJ9.payload.signature")).toBe("Bearer [REDACTED]");
    expect(redact("nothing here")).toBe("nothing here");
  });
});

describe("scrubError", () => {
  const redact = createRedactor([token]);

  it("returns a clean error as it is", () => {
    const error = new TypeError("fetch failed", { cause: new Error("ECONNREFUSED") });
    expect(scrubError(error, redact)).toBe(error);
  });

  it("replaces an error whose message, cause or own property holds a secret", () => {
    for (const error of [
      new Error(`bad header ${token}`),
      new TypeError("fetch failed", { cause: new Error(`value ${token}`) }),
      Object.assign(new Error("x"), { header: `Bearer ${token}` }),
    ]) {
      const clean = scrubError(error, redact) as Error;
      expect(clean).not.toBe(error);
      expect(clean.name).toBe(error.name);
      const seen = [
        clean.message,
        clean.stack,
        String((clean.cause as Error | undefined)?.message),
      ];
      expect(seen.join(" ")).not.toContain("SECRETsecret");
    }
  });

  it("scrubs a string thrown in place of an error", () => {
    expect(scrubError(`oops ${token}`, redact)).toBe("oops [REDACTED]");
  });
});
