import { createHmac, randomBytes as nodeRandomBytes } from "node:crypto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import * as browser from "../../src/browser.js";
import {
  CryptoError,
  HMAC_PHC_BOUNDS,
  HMAC_SHA256_ID,
  hashSecret,
  hashSecretHmac,
  hmacPhcLength,
  inspectHmacPhc,
  parsePhc,
  verifySecret,
  verifySecretHmac,
} from "../../src/index.js";
import { nodeFastHash } from "../../src/internal/hmac-node.js";
import { portableB64 } from "../../src/internal/hmac-phc.js";
import { nobleHmacSha256, webCryptoHmacSha256 } from "../../src/internal/hmac-portable.js";

// PHC strings are assembled at run time from synthetic bytes, so no file holds a hash-shaped string.
const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString("base64").replace(/=+$/, "");
const bytes = (length: number, from = 0) => Uint8Array.from({ length }, (_, i) => (from + i) % 256);
const phcOf = (salt: Uint8Array, hash: Uint8Array, head = "$hmac-sha256$v=1") =>
  `${head}$${b64(salt)}$${b64(hash)}`;
const REASONS = ["invalid_phc", "unsupported_algorithm", "invalid_parameters", "invalid_secret"];

describe("hashSecretHmac", () => {
  it("writes $hmac-sha256$v=1$salt$hash = HMAC-SHA-256(salt, secret)", async () => {
    const secret = nodeRandomBytes(32);
    const phc = await hashSecretHmac(secret);
    expect(phc).toMatch(/^\$hmac-sha256\$v=1\$[A-Za-z0-9+/]{22}\$[A-Za-z0-9+/]{43}$/);
    expect(phc.length).toBe(hmacPhcLength());
    const { id, version, params, salt, hash } = parsePhc(phc);
    expect({ id, version, params }).toEqual({ id: HMAC_SHA256_ID, version: 1, params: undefined });
    const expected = createHmac("sha256", salt ?? new Uint8Array())
      .update(secret)
      .digest();
    expect(Buffer.from(hash ?? []).equals(expected)).toBe(true);
  });

  it("hashes a string as its UTF-8 bytes and uses a fresh salt each time", async () => {
    const a = await hashSecretHmac("é");
    const b = await hashSecretHmac(Uint8Array.of(0xc3, 0xa9));
    expect(a).not.toBe(b);
    expect((await verifySecretHmac(Uint8Array.of(0xc3, 0xa9), a)).ok).toBe(true);
    expect((await verifySecretHmac("é", b)).ok).toBe(true);
  });

  it("takes saltLength 16-64 and refuses anything else, naming the bound", async () => {
    for (const saltLength of [16, 40, 64]) {
      const phc = await hashSecretHmac("x", { saltLength });
      expect(parsePhc(phc).salt?.length).toBe(saltLength);
      expect(phc.length).toBe(hmacPhcLength(saltLength));
      expect(await verifySecretHmac("x", phc)).toEqual({ ok: true, params: { saltLength } });
    }
    for (const saltLength of [15, 65, 16.5, Number.NaN]) {
      const error = await hashSecretHmac("x", { saltLength }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(CryptoError);
      expect(error).toMatchObject({
        code: "INVALID_PARAMETERS",
        message: "saltLength must be an integer from 16 to 64",
      });
    }
    await expect(hashSecretHmac("x", { saltLength: "16" as unknown as number })).rejects.toThrow(
      new TypeError("saltLength must be a number"),
    );
    await expect(hashSecretHmac("x", null as unknown as object)).rejects.toThrow(TypeError);
    await expect(hashSecretHmac(42 as unknown as string)).rejects.toThrow(
      new TypeError("secret must be a string or a Uint8Array"),
    );
  });

  it("exposes frozen bounds", () => {
    expect(HMAC_PHC_BOUNDS).toEqual({
      saltLength: { min: 16, max: 64, default: 16 },
      hashLength: 32,
      version: 1,
    });
    expect(Object.isFrozen(HMAC_PHC_BOUNDS)).toBe(true);
    expect(Object.isFrozen(HMAC_PHC_BOUNDS.saltLength)).toBe(true);
  });
});

describe("verifySecretHmac and inspectHmacPhc", () => {
  it("never answers ok for another secret (property)", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uint8Array({ minLength: 0, maxLength: 64 }),
        fc.uint8Array({ minLength: 0, maxLength: 64 }),
        async (a, b) => {
          fc.pre(!Buffer.from(a).equals(Buffer.from(b)));
          const phc = await hashSecretHmac(a);
          expect((await verifySecretHmac(a, phc)).ok).toBe(true);
          expect(await verifySecretHmac(b, phc)).toEqual({ ok: false, reason: "invalid_secret" });
        },
      ),
      { numRuns: 300 },
    );
  });

  it("refuses a changed hash or salt (property)", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uint8Array({ minLength: 32, maxLength: 32 }),
        fc.nat({ max: 47 }),
        fc.integer({ min: 1, max: 255 }),
        async (secret, at, flip) => {
          const { salt = bytes(16), hash = bytes(32) } = parsePhc(await hashSecretHmac(secret));
          const both = Uint8Array.from([...salt, ...hash]);
          both[at] = (both[at] ?? 0) ^ flip;
          const changed = phcOf(both.subarray(0, 16), both.subarray(16));
          expect(await verifySecretHmac(secret, changed)).toEqual({
            ok: false,
            reason: "invalid_secret",
          });
        },
      ),
      { numRuns: 200 },
    );
  });

  it("answers each reason for its kind of string, without throwing", async () => {
    const cases: [unknown, string][] = [
      ["", "invalid_phc"],
      ["hmac-sha256", "invalid_phc"],
      [`$hmac-sha256$v=1$${b64(bytes(16))}$${b64(bytes(32))}=`, "invalid_phc"],
      [phcOf(bytes(16), bytes(32)) + "$", "invalid_phc"],
      [`$hmac-sha256$v=1$${"A".repeat(600)}`, "invalid_phc"],
      [42, "invalid_phc"],
      [null, "invalid_phc"],
      [phcOf(bytes(16), bytes(32), "$hmac-sha512$v=1"), "unsupported_algorithm"],
      [phcOf(bytes(16), bytes(32), "$scrypt$ln=4,r=8,p=1"), "unsupported_algorithm"],
      [phcOf(bytes(16), bytes(32), "$hmac-sha256$v=2"), "invalid_parameters"],
      [phcOf(bytes(16), bytes(32), "$hmac-sha256"), "invalid_parameters"],
      [phcOf(bytes(16), bytes(32), "$hmac-sha256$v=1$k=1"), "invalid_parameters"],
      [phcOf(bytes(15), bytes(32)), "invalid_parameters"],
      [phcOf(bytes(65), bytes(32)), "invalid_parameters"],
      [phcOf(bytes(16), bytes(31)), "invalid_parameters"],
      [phcOf(bytes(16), bytes(33)), "invalid_parameters"],
      [`$hmac-sha256$v=1$${b64(bytes(16))}`, "invalid_parameters"],
      [phcOf(bytes(16), bytes(32)), "invalid_secret"],
    ];
    for (const [phc, reason] of cases) {
      expect(await verifySecretHmac("x", phc as string)).toEqual({ ok: false, reason });
      if (reason !== "invalid_secret") {
        expect(inspectHmacPhc(phc as string)).toEqual({ ok: false, reason });
      }
    }
    expect(inspectHmacPhc(phcOf(bytes(20), bytes(32)))).toEqual({
      ok: true,
      params: { saltLength: 20 },
    });
  });

  it("is total: any string, or any mutation of a valid one, answers a reason and never throws", async () => {
    const valid = await hashSecretHmac("s");
    const mutated = fc
      .tuple(fc.nat({ max: valid.length }), fc.nat({ max: valid.length }), fc.string())
      .map(
        ([a, b, insert]) => valid.slice(0, Math.min(a, b)) + insert + valid.slice(Math.max(a, b)),
      );
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(fc.string(), fc.string({ unit: "binary" }), mutated),
        async (phc) => {
          const inspected = inspectHmacPhc(phc);
          const verified = await verifySecretHmac("s", phc);
          if (inspected.ok) {
            expect(["invalid_secret", undefined]).toContain(
              verified.ok ? undefined : verified.reason,
            );
          } else {
            expect(verified).toEqual(inspected);
          }
          if (!verified.ok) expect(REASONS).toContain(verified.reason);
        },
      ),
      { numRuns: 1000 },
    );
  });

  it("keeps the two algorithms apart: each verify refuses the other's strings", async () => {
    const fast = await hashSecretHmac("s");
    const slow = await hashSecret("s", { cost: 16, blockSize: 1 });
    expect(await verifySecret("s", fast)).toEqual({ ok: false, reason: "unsupported_algorithm" });
    expect(await verifySecretHmac("s", slow)).toEqual({
      ok: false,
      reason: "unsupported_algorithm",
    });
  });
});

describe("HMAC-SHA-256 backends", () => {
  it("node:crypto, Web Crypto and @noble/hashes give the same bytes (property)", async () => {
    const subtle = globalThis.crypto.subtle;
    await fc.assert(
      fc.asyncProperty(
        fc.uint8Array({ minLength: 16, maxLength: 64 }),
        fc.uint8Array({ maxLength: 100 }),
        async (key, message) => {
          const expected = createHmac("sha256", key).update(message).digest("hex");
          expect(Buffer.from(nobleHmacSha256(key, message)).toString("hex")).toBe(expected);
          const web = await webCryptoHmacSha256(subtle, key, message);
          expect(Buffer.from(web).toString("hex")).toBe(expected);
        },
      ),
      { numRuns: 200 },
    );
  });

  it("Node's B64 encoder writes what the portable one writes (property)", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 100 }), fc.nat({ max: 8 }), (bytes, offset) => {
        const view = new Uint8Array(offset + bytes.length).fill(0xff);
        view.set(bytes, offset);
        const sub = view.subarray(offset);
        expect(nodeFastHash.b64(sub)).toBe(portableB64(bytes));
      }),
      { numRuns: 300 },
    );
  });

  it("the browser entry and the Node entry verify each other's hashes", async () => {
    const secret = nodeRandomBytes(32);
    const fromBrowser = await browser.hashSecretHmac(secret);
    const fromNode = await hashSecretHmac(secret);
    expect((await verifySecretHmac(secret, fromBrowser)).ok).toBe(true);
    expect((await browser.verifySecretHmac(secret, fromNode)).ok).toBe(true);
    expect((await browser.verifySecretHmac(nodeRandomBytes(32), fromNode)).ok).toBe(false);
  });
});
