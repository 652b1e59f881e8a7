import { randomBytes as nodeRandomBytes, scryptSync } from "node:crypto";
import { serialize } from "@phc/format";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  DEFAULT_SCRYPT_PARAMS,
  SCRYPT_PARAM_BOUNDS,
  hashSecret,
  inspectPhc,
  parsePhc,
  verifySecret,
} from "../../src/index.js";

// Synthetic salt (bytes 0-15) and hash (bytes 16-47) in PHC B64, encoded at run time so that no
// file holds a hash-shaped string; the strings built from them are inspected, never verified.
const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString("base64").replace(/=+$/, "");
const SALT_B64 = b64(Uint8Array.from({ length: 16 }, (_, i) => i));
const HASH_B64 = b64(Uint8Array.from({ length: 32 }, (_, i) => 16 + i));

const LOW = { cost: 16, blockSize: 1, parallelization: 1 } as const;

/** A PHC string made exactly as @access-tokens/core makes one (@phc/format + node:crypto). */
function accessTokensPhc(secret: Uint8Array, ln: number, r: number, p: number, keyLength = 32) {
  const salt = nodeRandomBytes(16);
  const hash = scryptSync(secret, salt, keyLength, {
    cost: 2 ** ln,
    blockSize: r,
    parallelization: p,
    maxmem: 512 * 1024 * 1024,
  });
  return serialize({ id: "scrypt", params: { ln, r, p }, salt, hash });
}

describe("hashSecret", () => {
  it("writes $scrypt$ln,r,p$salt$hash with the requested lengths", async () => {
    const phc = await hashSecret("s3cret", { ...LOW, keyLength: 32, saltLength: 24 });
    expect(phc).toMatch(/^\$scrypt\$ln=4,r=1,p=1\$[A-Za-z0-9+/]{32}\$[A-Za-z0-9+/]{43}$/);
    const { salt, hash } = parsePhc(phc);
    expect(salt?.length).toBe(24);
    expect(hash?.length).toBe(32);
  });

  it("uses a fresh salt each time", async () => {
    const a = await hashSecret("same", LOW);
    const b = await hashSecret("same", LOW);
    expect(a).not.toBe(b);
  });

  it("exposes frozen defaults matching the spec", () => {
    expect(DEFAULT_SCRYPT_PARAMS).toEqual({
      cost: 16384,
      blockSize: 8,
      parallelization: 1,
      keyLength: 64,
      saltLength: 16,
    });
    expect(Object.isFrozen(DEFAULT_SCRYPT_PARAMS)).toBe(true);
  });

  it("refuses options out of bounds, naming the option and the bound", async () => {
    const cases: [object, string][] = [
      [{ cost: 1000 }, "cost must be a power of two from 2 to 16777216"],
      [{ cost: 2 ** 25 }, "cost must be a power of two from 2 to 16777216"],
      [{ blockSize: 0 }, "blockSize must be an integer from 1 to 32"],
      [{ parallelization: 17 }, "parallelization must be an integer from 1 to 16"],
      [{ keyLength: 8 }, "keyLength must be an integer from 16 to 128"],
      [{ saltLength: 4 }, "saltLength must be an integer from 8 to 64"],
      [{ cost: 2 ** 16, blockSize: 1 }, "cost must be below 2^(16 * blockSize) (RFC 7914)"],
      [
        { cost: 2 ** 17, blockSize: 8 },
        `scrypt needs ${128 * 8 * (2 ** 17 + 3)} bytes (128 * r * (N + p + 2)) but maxmem is 67108864 bytes`,
      ],
      [
        { cost: 2 ** 15, blockSize: 8, parallelization: 16 },
        "scrypt work N * r * p = 4194304 is above 2097152 (SCRYPT_PARAM_BOUNDS.work)",
      ],
      [
        { cost: 2 ** 19, blockSize: 8, maxmem: 2 ** 30 },
        "scrypt work N * r * p = 4194304 is above 2097152 (SCRYPT_PARAM_BOUNDS.work)",
      ],
    ];
    for (const [options, message] of cases) {
      await expect(hashSecret("x", options)).rejects.toMatchObject({
        code: "INVALID_PARAMETERS",
        message,
      });
    }
    await expect(hashSecret(5 as unknown as string, LOW)).rejects.toThrow(TypeError);
    await expect(hashSecret("x", { cost: "16" as unknown as number })).rejects.toThrow(TypeError);
  });
});

describe("verifySecret", () => {
  for (const backend of ["node", "noble"] as const) {
    it(`accepts the right secret and refuses a wrong one (${backend})`, async () => {
      const phc = await hashSecret("right", { ...LOW, backend });
      await expect(verifySecret("right", phc, { backend })).resolves.toEqual({
        ok: true,
        params: { cost: 16, blockSize: 1, parallelization: 1, keyLength: 64, saltLength: 16 },
      });
      await expect(verifySecret("wrong", phc, { backend })).resolves.toEqual({
        ok: false,
        reason: "invalid_secret",
      });
    });
  }

  it("verifies PHC strings exactly as @access-tokens/core writes them (32-byte hash, bytes in)", async () => {
    const secret = nodeRandomBytes(32);
    const phc = accessTokensPhc(secret, 4, 8, 1);
    expect(phc).toMatch(/^\$scrypt\$ln=4,r=8,p=1\$[A-Za-z0-9+/]{22}\$[A-Za-z0-9+/]{43}$/);
    for (const backend of ["node", "noble"] as const) {
      const result = await verifySecret(secret, phc, { backend });
      expect(result).toEqual({
        ok: true,
        params: { cost: 16, blockSize: 8, parallelization: 1, keyLength: 32, saltLength: 16 },
      });
    }
    const other = Uint8Array.from(secret);
    other[0] = (other[0] ?? 0) ^ 1;
    await expect(verifySecret(other, phc)).resolves.toEqual({
      ok: false,
      reason: "invalid_secret",
    });
  });

  it("never answers ok for a different secret", async () => {
    const phc = await hashSecret("the secret", LOW);
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(fc.string(), fc.uint8Array({ maxLength: 40 })),
        async (candidate) => {
          fc.pre(candidate !== "the secret");
          const bytes =
            typeof candidate === "string" ? candidate : Buffer.from(candidate).toString();
          fc.pre(bytes !== "the secret");
          const result = await verifySecret(candidate, phc);
          expect(result).toEqual({ ok: false, reason: "invalid_secret" });
        },
      ),
      { numRuns: 150 },
    );
  });

  it("classifies stored strings: invalid_phc, unsupported_algorithm, invalid_parameters", async () => {
    const salt = SALT_B64;
    const hash32 = HASH_B64;
    const cases: [unknown, string][] = [
      ["", "invalid_phc"],
      ["not a phc", "invalid_phc"],
      [`$scrypt$ln=4,r=8,p=1$${salt}=$${hash32}`, "invalid_phc"],
      [`$scrypt$ln=4,r=8,p=1$${salt}$${"A".repeat(600)}`, "invalid_phc"],
      [42, "invalid_phc"],
      [null, "invalid_phc"],
      [`$argon2id$v=19$m=65536,t=3,p=4$${salt}$${hash32}`, "unsupported_algorithm"],
      [`$scrypt$ln=40,r=8,p=1$${salt}$${hash32}`, "invalid_parameters"],
      [`$scrypt$ln=4,r=1000000,p=1$${salt}$${hash32}`, "invalid_parameters"],
      [`$scrypt$ln=4,r=8,p=17$${salt}$${hash32}`, "invalid_parameters"],
      [`$scrypt$ln=0,r=8,p=1$${salt}$${hash32}`, "invalid_parameters"],
      [`$scrypt$ln=17,r=8,p=1$${salt}$${hash32}`, "invalid_parameters"], // 128 MiB > 64 MiB
      [`$scrypt$ln=16,r=1,p=1$${salt}$${hash32}`, "invalid_parameters"], // N >= 2^(16r)
      [`$scrypt$ln=4,r=8$${salt}$${hash32}`, "invalid_parameters"],
      [`$scrypt$ln=4,r=8,p=1,x=1$${salt}$${hash32}`, "invalid_parameters"],
      [`$scrypt$ln=4,r=8,p=x$${salt}$${hash32}`, "invalid_parameters"],
      [`$scrypt$ln=04,r=8,p=1$${salt}$${hash32}`, "invalid_parameters"],
      [`$scrypt$v=1$ln=4,r=8,p=1$${salt}$${hash32}`, "invalid_parameters"],
      [`$scrypt$ln=4,r=8,p=1$${salt}`, "invalid_parameters"],
      [`$scrypt$ln=4,r=8,p=1`, "invalid_parameters"],
      [`$scrypt$ln=4,r=8,p=1$AAECAw$${hash32}`, "invalid_parameters"], // 4-byte salt
      [`$scrypt$ln=4,r=8,p=1$${salt}$AAECAwQFBgc`, "invalid_parameters"], // 8-byte hash
    ];
    for (const [phc, reason] of cases) {
      await expect(verifySecret("x", phc as string)).resolves.toEqual({ ok: false, reason });
      if (reason !== "invalid_secret")
        expect(inspectPhc(phc as string)).toEqual({ ok: false, reason });
    }
  });

  it("answers invalid_parameters for hostile parameters without hashing (fast)", async () => {
    const hostile = `$scrypt$ln=30,r=1024,p=16$${SALT_B64}$${HASH_B64}`;
    const started = performance.now();
    for (let i = 0; i < 1000; i++) {
      await verifySecret("x", hostile);
    }
    const perCall = (performance.now() - started) / 1000;
    expect(perCall).toBeLessThan(1); // milliseconds; in practice a few microseconds
  });

  it("honours a larger maxmem for a stored string that needs it", async () => {
    const phc = accessTokensPhc(new Uint8Array(32), 17, 8, 1);
    await expect(verifySecret(new Uint8Array(32), phc)).resolves.toEqual({
      ok: false,
      reason: "invalid_parameters",
    });
    const result = await verifySecret(new Uint8Array(32), phc, { maxmem: 256 * 1024 * 1024 });
    expect(result.ok).toBe(true);
  });

  it("never throws for any phc string", async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ unit: "binary", maxLength: 300 }), async (phc) => {
        const result = await verifySecret("x", phc);
        expect(result.ok).toBe(false);
      }),
      { numRuns: 500 },
    );
  });

  it("throws TypeError only for a secret of the wrong type", async () => {
    await expect(verifySecret(undefined as unknown as string, "$scrypt")).rejects.toThrow(
      new TypeError("secret must be a string or a Uint8Array"),
    );
  });
});

describe("the work bound N * r * p", () => {
  const salt = SALT_B64;
  const hash = HASH_B64;
  const phc = (ln: number, r: number, p: number) =>
    `$scrypt$ln=${ln},r=${r},p=${p}$${salt}$${hash}`;

  it("is 16 times the default work, exported in SCRYPT_PARAM_BOUNDS", () => {
    const d = DEFAULT_SCRYPT_PARAMS;
    expect(SCRYPT_PARAM_BOUNDS.work).toEqual({ min: 2, max: 2 ** 21 });
    expect(SCRYPT_PARAM_BOUNDS.work.max).toBe(16 * d.cost * d.blockSize * d.parallelization);
    expect(Object.isFrozen(SCRYPT_PARAM_BOUNDS.work)).toBe(true);
  });

  it.each([
    // [ln, r, p, maxmem, usable]; memory alone (maxmem) would allow every one of these.
    [14, 8, 16, undefined, true], // work 2^21: the bound itself
    [15, 8, 16, undefined, false], // 2^22, ~32 default derivations (the reviewer's case)
    [14, 16, 16, undefined, false], // 2^22
    [14, 32, 8, undefined, false], // 2^22
    [18, 8, 1, 2 ** 29, true], // 2^21
    [19, 8, 1, 2 ** 30, false], // 2^22
  ] as const)("ln=%i r=%i p=%i (maxmem %s): usable %s", (ln, r, p, maxmem, usable) => {
    const options = maxmem === undefined ? {} : { maxmem };
    expect(inspectPhc(phc(ln, r, p), options)).toEqual(
      usable
        ? {
            ok: true,
            params: {
              cost: 2 ** ln,
              blockSize: r,
              parallelization: p,
              keyLength: 32,
              saltLength: 16,
            },
          }
        : { ok: false, reason: "invalid_parameters" },
    );
  });

  it("answers invalid_parameters before hashing for ln=15,r=8,p=16 (fast)", async () => {
    const started = performance.now();
    for (let i = 0; i < 100; i++) {
      await expect(verifySecret("x", phc(15, 8, 16))).resolves.toEqual({
        ok: false,
        reason: "invalid_parameters",
      });
    }
    // One derivation at these parameters takes hundreds of milliseconds.
    expect((performance.now() - started) / 100).toBeLessThan(5);
  });

  it("lets hashSecret write at most what verifySecret accepts", async () => {
    const atBound = await hashSecret("s", { cost: 2 ** 4, blockSize: 8, parallelization: 16 });
    expect((await verifySecret("s", atBound)).ok).toBe(true);
  });
});

describe("inspectPhc", () => {
  it("reports the parameters of a usable string without hashing", () => {
    const phc = accessTokensPhc(new Uint8Array(32), 14, 8, 1);
    expect(inspectPhc(phc)).toEqual({
      ok: true,
      params: { cost: 16384, blockSize: 8, parallelization: 1, keyLength: 32, saltLength: 16 },
    });
  });

  it("bounds against a caller's maxmem", () => {
    const phc = accessTokensPhc(new Uint8Array(32), 10, 8, 1);
    expect(inspectPhc(phc, { maxmem: 1024 * 1024 }).ok).toBe(false);
    expect(inspectPhc(phc, { maxmem: 2 * 1024 * 1024 }).ok).toBe(true);
  });
});
