import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { base64UrlDecode, base64UrlEncode, CryptoError } from "../../src/index.js";
import { decodeBase64, encodeBase64 } from "../../src/internal/base64.js";

const text = (s: string) => new TextEncoder().encode(s);

describe("base64 (RFC 4648)", () => {
  it("matches the RFC 4648 section 10 vectors (unpadded)", () => {
    const vectors: [string, string][] = [
      ["", ""],
      ["f", "Zg"],
      ["fo", "Zm8"],
      ["foo", "Zm9v"],
      ["foob", "Zm9vYg"],
      ["fooba", "Zm9vYmE"],
      ["foobar", "Zm9vYmFy"],
    ];
    for (const [plain, encoded] of vectors) {
      expect(encodeBase64(text(plain), "standard")).toBe(encoded);
      expect(decodeBase64(encoded, "standard", "forbidden")).toEqual(text(plain));
    }
    expect(decodeBase64("Zm9vYg==", "standard", "optional")).toEqual(text("foob"));
    expect(decodeBase64("Zm9vYmE=", "standard", "optional")).toEqual(text("fooba"));
  });

  it("agrees with Node's Buffer on random bytes, both alphabets", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 100 }), (bytes) => {
        const buf = Buffer.from(bytes);
        expect(encodeBase64(bytes, "standard")).toBe(buf.toString("base64").replace(/=+$/, ""));
        expect(base64UrlEncode(bytes)).toBe(buf.toString("base64url"));
        expect(base64UrlDecode(buf.toString("base64url"))).toEqual(bytes);
        expect(decodeBase64(buf.toString("base64"), "standard", "optional")).toEqual(bytes);
      }),
    );
  });

  it("refuses padding where forbidden, wrong padding, bad lengths, stray bits, other alphabets", () => {
    expect(decodeBase64("Zg==", "standard", "forbidden")).toBeNull();
    expect(decodeBase64("Zg=", "standard", "optional")).toBeNull();
    expect(decodeBase64("Zm8==", "standard", "optional")).toBeNull();
    expect(decodeBase64("Zm9v=", "standard", "optional")).toBeNull();
    expect(decodeBase64("====", "standard", "optional")).toBeNull();
    expect(decodeBase64("Z", "standard", "forbidden")).toBeNull();
    expect(decodeBase64("Zh", "standard", "forbidden")).toBeNull(); // trailing bits set
    expect(decodeBase64("-_8", "standard", "forbidden")).toBeNull();
    expect(decodeBase64("+/8", "url", "forbidden")).toBeNull();
    expect(decodeBase64("Zm9v\u00e9", "url", "forbidden")).toBeNull();
  });
});

describe("base64UrlEncode / base64UrlDecode", () => {
  it("round-trips and throws INVALID_INPUT for non-canonical input", () => {
    expect(base64UrlEncode(new Uint8Array([251, 255]))).toBe("-_8");
    expect(base64UrlDecode("-_8")).toEqual(new Uint8Array([251, 255]));
    for (const bad of ["-_8=", "+/8", "a", "-_9"]) {
      expect(() => base64UrlDecode(bad)).toThrow(CryptoError);
      expect(() => base64UrlDecode(bad)).toThrow(
        "text must be canonical unpadded base64url ([A-Za-z0-9_-])",
      );
    }
    expect(() => base64UrlDecode(1 as unknown as string)).toThrow(TypeError);
    expect(() => base64UrlEncode([1] as unknown as Uint8Array)).toThrow(TypeError);
  });
});
