import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  CHECKSUMMED_TOKEN_PATTERN,
  CryptoError,
  checksummedTokenPattern,
  formatChecksummedToken,
  formatToken,
  generateSecret,
  generateTokenId,
  isWellFormedToken,
  parseToken,
  randomBytes,
} from "../../src/index.js";
import { crc32 } from "../../src/internal/crc32.js";

const ID = "34NwRzvnBbgI3uedkrQ3Q";
const TOKEN_CHARS = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz_-.+/=";

const prefixArb = fc.stringMatching(/^[A-Za-z0-9_-]{1,32}$/);
const idArb = fc.stringMatching(/^[A-Za-z0-9]{21}$/);
const secretArb = fc.uint8Array({ minLength: 32, maxLength: 32 });

describe("crc32", () => {
  it("gives the check value of RFC 1952 / ISO-HDLC for the ASCII of 123456789", () => {
    expect(crc32(new TextEncoder().encode("123456789"))).toBe(0xcbf43926);
    expect(crc32(new Uint8Array(0))).toBe(0);
  });
});

describe("formatChecksummedToken", () => {
  it("writes the prefix, then 70 base62 chars: id, 43-char secret, 6-char checksum", () => {
    const token = formatChecksummedToken("pat_", ID, new Uint8Array(32));
    expect(token).toBe(`pat_${ID}${"0".repeat(43)}${token.slice(-6)}`);
    expect(token).toMatch(/^pat_[0-9A-Za-z]{70}$/);
    expect(token.length).toBe(74);
  });

  it("writes the largest secret as the 43-digit base62 of 2^256 - 1", () => {
    const token = formatChecksummedToken("pat_", ID, new Uint8Array(32).fill(255));
    const parsed = parseToken("pat_", token);
    expect(parsed).toEqual({
      tokenId: ID,
      secret: new Uint8Array(32).fill(255),
      secretText: token.slice(25, 68),
    });
  });

  it("refuses bad arguments with the name of what was wrong", () => {
    expect(() => formatChecksummedToken("p.t", ID, new Uint8Array(32))).toThrow(CryptoError);
    expect(() => formatChecksummedToken("pat_", "short", new Uint8Array(32))).toThrow(
      "tokenId must match ^[A-Za-z0-9]{21}$",
    );
    expect(() => formatChecksummedToken("pat_", ID, new Uint8Array(31))).toThrow(
      "secret must be 32 bytes",
    );
    expect(() => formatChecksummedToken("pat_", ID, "x" as unknown as Uint8Array)).toThrow(
      TypeError,
    );
  });
});

describe("parseToken of checksummed tokens", () => {
  it("reads back every generated token: its id and its secret bytes", () => {
    fc.assert(
      fc.property(prefixArb, idArb, secretArb, (prefix, tokenId, secret) => {
        const token = formatChecksummedToken(prefix, tokenId, secret);
        const parsed = parseToken(prefix, token);
        expect(parsed).toMatchObject({ tokenId, secret });
        expect(isWellFormedToken(token, { prefix, format: "checksummed" })).toBe(true);
        expect(isWellFormedToken(token, { prefix, format: "default" })).toBe(false);
      }),
    );
  });

  it("refuses any single-character change anywhere in the token", () => {
    fc.assert(
      fc.property(
        prefixArb,
        idArb,
        secretArb,
        fc.nat(),
        fc.constantFrom(...TOKEN_CHARS),
        (prefix, tokenId, secret, at, char) => {
          const token = formatChecksummedToken(prefix, tokenId, secret);
          const i = at % token.length;
          fc.pre(token.charAt(i) !== char);
          const typo = token.slice(0, i) + char + token.slice(i + 1);
          const parsed = parseToken(prefix, typo);
          expect("reason" in parsed, typo).toBe(true);
          expect(isWellFormedToken(typo, { prefix })).toBe(false);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it("refuses a dropped, added or swapped character", () => {
    fc.assert(
      fc.property(idArb, secretArb, fc.nat(), (tokenId, secret, at) => {
        const token = formatChecksummedToken("pat_", tokenId, secret);
        const i = 4 + (at % (token.length - 5));
        const dropped = token.slice(0, i) + token.slice(i + 1);
        const added = token.slice(0, i) + "A" + token.slice(i);
        const swapped =
          token.slice(0, i) + token.charAt(i + 1) + token.charAt(i) + token.slice(i + 2);
        expect(isWellFormedToken(dropped)).toBe(false);
        expect(isWellFormedToken(added)).toBe(false);
        if (swapped !== token) expect(isWellFormedToken(swapped)).toBe(false);
      }),
    );
  });

  it("refuses a secret of 2^256 or more even with a matching checksum", () => {
    // 43 base62 'z's stand for 62^43 - 1 > 2^256 - 1; write the matching checksum by hand.
    const head = `pat_${ID}${"z".repeat(43)}`;
    const digits = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    let crc = crc32(new TextEncoder().encode(head));
    let sum = "";
    for (let k = 0; k < 6; k++) {
      sum = digits.charAt(crc % 62) + sum;
      crc = Math.floor(crc / 62);
    }
    expect(parseToken("pat_", head + sum)).toEqual({ reason: "invalid_format" });
  });

  it("leaves the default format as it is", () => {
    const token = formatToken("pat_", ID, generateSecret());
    expect(isWellFormedToken(token)).toBe(true);
    expect(isWellFormedToken(token, { format: "default" })).toBe(true);
    expect(isWellFormedToken(token, { format: "checksummed" })).toBe(false);
    expect(isWellFormedToken(`pat_${ID}.short`)).toBe(false);
  });

  it("answers false for any non-token value and refuses a bad format option", () => {
    for (const value of [undefined, null, 42, {}, "", "pat_"]) {
      expect(isWellFormedToken(value)).toBe(false);
    }
    expect(() => isWellFormedToken("x", { format: "other" as "default" })).toThrow(
      'format must be "default" or "checksummed"',
    );
  });
});

describe("checksummedTokenPattern", () => {
  it("is the documented expression for the default prefix", () => {
    expect(CHECKSUMMED_TOKEN_PATTERN.source).toBe(
      "(?<![A-Za-z0-9_-])pat_[0-9A-Za-z]{70}(?![A-Za-z0-9_-])",
    );
    expect(checksummedTokenPattern().source).toBe(CHECKSUMMED_TOKEN_PATTERN.source);
  });

  it("finds every checksummed token of a text, whole, and nothing else", () => {
    fc.assert(
      fc.property(
        prefixArb,
        fc.array(fc.tuple(idArb, secretArb), { maxLength: 4 }),
        (prefix, pairs) => {
          const tokens = pairs.map(([id, secret]) => formatChecksummedToken(prefix, id, secret));
          const text = tokens
            .map((t, i) => `line ${i}: "${t}" and ${formatToken(prefix, ID, generateSecret())}`)
            .join("\n");
          const found = [...text.matchAll(checksummedTokenPattern(prefix, "g"))].map((m) => m[0]);
          expect(found).toEqual(tokens);
          expect(found.every((t) => isWellFormedToken(t, { prefix }))).toBe(true);
        },
      ),
    );
  });

  it("does not match inside a longer run of token characters", () => {
    const token = formatChecksummedToken("pat_", generateTokenId(), randomBytes(32));
    expect(checksummedTokenPattern().test(`x${token}`)).toBe(false);
    expect(checksummedTokenPattern().test(`${token}A`)).toBe(false);
    expect(checksummedTokenPattern().test(` ${token}.`)).toBe(true);
  });

  it("escapes the prefix and refuses an invalid one", () => {
    expect(checksummedTokenPattern("a-b_").source).toContain("a\\-b_");
    expect(() => checksummedTokenPattern("a.b")).toThrow(CryptoError);
  });
});
