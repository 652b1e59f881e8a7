import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { canonicalSpellings, laxSpellings } from "@pat/tooling/base64-spellings";
import {
  CryptoError,
  formatChecksummedToken,
  formatToken,
  generateSecret,
  generateTokenId,
  isValidPrefix,
  isValidTokenId,
  MAX_SECRET_BYTES,
  MIN_SECRET_BYTES,
  parseToken,
} from "../../src/index.js";

const ID = "34NwRzvnBbgI3uedkrQ3Q";
const BYTES = Uint8Array.from({ length: 32 }, (_, i) => (i * 37 + 251) & 0xff);
const URL_TEXT = Buffer.from(BYTES).toString("base64url"); // 43 chars, contains - or _
const STD_PADDED = Buffer.from(BYTES).toString("base64"); // 44 chars, what @access-tokens/core writes
const STD_UNPADDED = STD_PADDED.replace(/=$/, "");

describe("formatToken / parseToken", () => {
  it("round-trips a generated token", () => {
    const tokenId = generateTokenId();
    const secret = generateSecret();
    const token = formatToken("pat_", tokenId, secret);
    expect(token).toBe(`pat_${tokenId}.${secret}`);
    const parsed = parseToken("pat_", token);
    expect(parsed).toEqual({
      tokenId,
      secret: new Uint8Array(Buffer.from(secret, "base64url")),
      secretText: secret,
    });
  });

  it("accepts base64url and standard base64 (padded or not) for the same 32 bytes", () => {
    expect(URL_TEXT).toMatch(/[-_]/);
    expect(STD_PADDED).toMatch(/[+/].*=$/);
    for (const text of [URL_TEXT, STD_PADDED, STD_UNPADDED]) {
      const parsed = parseToken("pat_", `pat_${ID}.${text}`);
      expect(parsed).toEqual({ tokenId: ID, secret: BYTES, secretText: text });
    }
  });

  it("reads a token exactly as @access-tokens/core formats it", () => {
    const token = `pat_${ID}.${STD_PADDED}`;
    expect(token.length).toBe(4 + 21 + 1 + 44);
    expect(parseToken("pat_", token)).toMatchObject({ tokenId: ID, secret: BYTES });
  });

  it("refuses anything else as invalid_format", () => {
    const bad = [
      `pat_${ID}`,
      `pat_${ID}.`,
      `pat_${ID}${URL_TEXT}`,
      `pat_${ID.slice(1)}.${URL_TEXT}`,
      `pat_${ID}x.${URL_TEXT}`,
      `pat_${ID.slice(0, 20)}-.${URL_TEXT}`,
      `pat_${ID}.${URL_TEXT}=`, // base64url is unpadded only
      `pat_${ID}.${URL_TEXT.slice(0, 41)}`, // a length no byte string has
      `pat_${ID}.${URL_TEXT}AB`,
      `pat_${ID}.${STD_PADDED}=`,
      `pat_${ID}.${URL_TEXT.replace(/[A-Za-z0-9]/, "+")}`, // mixed alphabets
      `pat_${ID}.${URL_TEXT.slice(0, 42)}B`, // non-zero trailing bits
      `pat_${ID}.${STD_UNPADDED.slice(0, 42)}B=`,
      `pat_${ID}.${URL_TEXT.slice(0, 10)} ${URL_TEXT.slice(11)}`,
      `pat_${ID}.${URL_TEXT}.x`,
      `pat_${ID}.${Buffer.alloc(15).toString("base64url")}`,
      `pat_${ID}.${Buffer.alloc(15).toString("base64")}`,
      `pat_${ID}.${Buffer.alloc(65).toString("base64url")}`,
      `pat_${ID}.${Buffer.alloc(65).toString("base64")}`,
    ];
    for (const token of bad) {
      expect(parseToken("pat_", token), token).toEqual({ reason: "invalid_format" });
    }
  });

  it("checks the length before the prefix, and the prefix before the format", () => {
    const long = `xx_${"a".repeat(198)}`;
    expect(long.length).toBe(201);
    expect(parseToken("pat_", long)).toEqual({ reason: "invalid_format" });
    expect(parseToken("pat_", `pat_${"a".repeat(196)}`)).toEqual({ reason: "invalid_format" });
    expect(parseToken("pat_", `ghp_${ID}.${URL_TEXT}`)).toEqual({ reason: "invalid_prefix" });
    expect(parseToken("pat_", "")).toEqual({ reason: "invalid_prefix" });
    expect(parseToken("pat_", "pat")).toEqual({ reason: "invalid_prefix" });
    expect(parseToken("my-app_", `my-app_${ID}.${URL_TEXT}`)).toMatchObject({ tokenId: ID });
  });

  it("is total on arbitrary input: a parsed token or a reason, never an exception", () => {
    const tokenish = fc
      .tuple(
        fc.constantFrom("pat_", "", "pa", "pat_pat_"),
        fc.oneof(fc.constant(ID), fc.string({ maxLength: 25 })),
        fc.constantFrom(".", "", ".."),
        fc.oneof(fc.constantFrom(URL_TEXT, STD_PADDED, STD_UNPADDED), fc.string({ maxLength: 60 })),
      )
      .map((parts) => parts.join(""));
    fc.assert(
      fc.property(fc.oneof(tokenish, fc.string({ unit: "binary", maxLength: 250 })), (token) => {
        const parsed = parseToken("pat_", token);
        if ("reason" in parsed) {
          expect(["invalid_prefix", "invalid_format"]).toContain(parsed.reason);
        } else {
          expect(isValidTokenId(parsed.tokenId)).toBe(true);
          expect(parsed.secret.length).toBeGreaterThanOrEqual(MIN_SECRET_BYTES);
          expect(parsed.secret.length).toBeLessThanOrEqual(MAX_SECRET_BYTES);
          expect(token).toBe(`pat_${parsed.tokenId}.${parsed.secretText}`);
        }
      }),
      { numRuns: 3000 },
    );
    for (const value of [undefined, null, 5, {}]) {
      expect(parseToken("pat_", value as unknown as string)).toEqual({ reason: "invalid_format" });
    }
  });

  it("refuses an invalid prefix, id or secret when formatting, without echoing the secret", () => {
    const cases: [string, string, string, string][] = [
      ["", ID, URL_TEXT, "prefix must be 1-32 chars of [A-Za-z0-9_-]"],
      ["p.t", ID, URL_TEXT, "prefix must be 1-32 chars of [A-Za-z0-9_-]"],
      ["p".repeat(33), ID, URL_TEXT, "prefix must be 1-32 chars of [A-Za-z0-9_-]"],
      ["pat_", "short", URL_TEXT, "tokenId must match ^[A-Za-z0-9]{21}$"],
      [
        "pat_",
        ID,
        "SeCrEt-not-base64!",
        "secret must be 16-64 bytes as canonical base64url (unpadded) or standard base64 (padded or not)",
      ],
    ];
    for (const [prefix, tokenId, secret, message] of cases) {
      let caught: unknown;
      try {
        formatToken(prefix, tokenId, secret);
      } catch (error) {
        caught = error;
      }
      expect(caught).toBeInstanceOf(CryptoError);
      expect(caught).toMatchObject({ code: "INVALID_INPUT", message });
      expect((caught as Error).message).not.toContain("SeCrEt");
    }
    expect(() => formatToken("pat_", 7 as unknown as string, URL_TEXT)).toThrow(TypeError);
    expect(() => parseToken("bad prefix", "x")).toThrow(CryptoError);
  });
});

describe("secret lengths", () => {
  it("accepts every secret of 16 to 64 bytes in each canonical spelling, and no second spelling", () => {
    expect([MIN_SECRET_BYTES, MAX_SECRET_BYTES]).toEqual([16, 64]);
    for (let length = MIN_SECRET_BYTES; length <= MAX_SECRET_BYTES; length++) {
      fc.assert(
        fc.property(fc.uint8Array({ minLength: length, maxLength: length }), (bytes) => {
          const accepted = canonicalSpellings(bytes);
          for (const text of accepted) {
            expect(parseToken("pat_", `pat_${ID}.${text}`)).toEqual({
              tokenId: ID,
              secret: bytes,
              secretText: text,
            });
            expect(formatToken("pat_", ID, text)).toBe(`pat_${ID}.${text}`);
          }
          for (const text of laxSpellings(bytes)) {
            // A second spelling of the same secret to a lenient decoder...
            expect(Buffer.from(text, "base64").equals(Buffer.from(bytes)), text).toBe(true);
            // ...is no spelling at all here.
            expect(parseToken("pat_", `pat_${ID}.${text}`), text).toEqual({
              reason: "invalid_format",
            });
          }
        }),
        { numRuns: 40 },
      );
    }
  });

  it("refuses a checksummed token typed with a dot after the id, and reads every other 48-character base62 secret", () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 32, maxLength: 32 }),
        fc.stringMatching(/^[0-9A-Za-z]{48}$/),
        (secret, base62) => {
          const body = formatChecksummedToken("pat_", ID, secret).slice("pat_".length);
          const typo = `${body.slice(0, 21)}.${body.slice(22)}`;
          // The typo is refused before any lookup, and cannot be written as a default token.
          expect(parseToken("pat_", `pat_${typo}`)).toEqual({ reason: "invalid_format" });
          expect(() => formatToken("pat_", ID, typo.slice(22))).toThrow(CryptoError);
          // A 36-byte secret that happens to be all base62 (as @access-tokens/core may write
          // with keyLength 36) is an ordinary default-format token.
          expect(parseToken("pat_", `pat_${ID}.${base62}`)).toEqual({
            tokenId: ID,
            secret: new Uint8Array(Buffer.from(base62, "base64url")),
            secretText: base62,
          });
          expect(formatToken("pat_", ID, base62)).toBe(`pat_${ID}.${base62}`);
        },
      ),
      { numRuns: 200 },
    );
  });

  it("refuses secrets of fewer than 16 or more than 64 bytes in every spelling", () => {
    for (const length of [0, 1, 4, 11, 15, 65, 66, 96, 129]) {
      const bytes = crypto.getRandomValues(new Uint8Array(length));
      for (const text of canonicalSpellings(bytes)) {
        expect(parseToken("pat_", `pat_${ID}.${text}`), `${length}`).toEqual({
          reason: "invalid_format",
        });
      }
    }
  });
});

describe("isValidPrefix", () => {
  it("accepts 1-32 chars of [A-Za-z0-9_-] as a prefix", () => {
    expect(["pat_", "a", "A-b_9", "x".repeat(32)].every(isValidPrefix)).toBe(true);
    expect(["", "x".repeat(33), "pat.", "päť", 5].some(isValidPrefix)).toBe(false);
  });
});
