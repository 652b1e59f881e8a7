import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CryptoError, scrypt } from "../../src/index.js";
import { Semaphore } from "../../src/internal/semaphore.js";

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString("hex");

// RFC 7914 section 12, test vectors 1-3 (vector 4 needs 1 GiB and is left out on purpose).
const VECTORS = [
  {
    P: "",
    S: "",
    N: 16,
    r: 1,
    p: 1,
    dk:
      "77d6576238657b203b19ca42c18a0497f16b4844e3074ae8dfdffa3fede21442" +
      "fcd0069ded0948f8326a753a0fc81f17e8d3e0fb2e0d3628cf35e20c38d18906",
  },
  {
    P: "password",
    S: "NaCl",
    N: 1024,
    r: 8,
    p: 16,
    dk:
      "fdbabe1c9d3472007856e7190d01e9fe7c6ad7cbc8237830e77376634b373162" +
      "2eaf30d92e22a3886ff109279d9830dac727afb94a83ee6d8360cbdfa2cc0640",
  },
  {
    P: "pleaseletmein",
    S: "SodiumChloride",
    N: 16384,
    r: 8,
    p: 1,
    dk:
      "7023bdcb3afd7348461c06cd81fd38ebfda8fbba904f8e3ea9b543f6545da1f2" +
      "d5432955613f0fcf62d49705242a9af9e61e85dc0d651e40dfcf017b45575887",
  },
];

describe("scrypt", () => {
  for (const backend of ["node", "noble", "auto"] as const) {
    it(`reproduces the RFC 7914 section 12 vectors on the ${backend} backend`, async () => {
      for (const v of VECTORS) {
        const dk = await scrypt(v.P, v.S, { N: v.N, r: v.r, p: v.p, dkLen: 64, backend });
        expect(hex(dk)).toBe(v.dk);
      }
    });
  }

  it("gives identical bytes on both backends for random inputs", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(fc.string(), fc.uint8Array({ maxLength: 64 })),
        fc.uint8Array({ maxLength: 32 }),
        fc.integer({ min: 1, max: 6 }),
        fc.integer({ min: 1, max: 4 }),
        fc.integer({ min: 1, max: 3 }),
        fc.integer({ min: 1, max: 80 }),
        async (password, salt, ln, r, p, dkLen) => {
          const options = { N: 2 ** ln, r, p, dkLen };
          const native = await scrypt(password, salt, { ...options, backend: "node" });
          const noble = await scrypt(password, salt, { ...options, backend: "noble" });
          expect(hex(noble)).toBe(hex(native));
          expect(native.length).toBe(dkLen);
        },
      ),
      { numRuns: 60 },
    );
  });

  it("completes 200 concurrent calls per backend with the right bytes (bounded concurrency)", async () => {
    const options = { N: 16, r: 1, p: 1, dkLen: 16 };
    const expected = await Promise.all(
      Array.from({ length: 200 }, (_, i) =>
        scrypt(`pw${i}`, "salt", { ...options, backend: "node" }),
      ),
    );
    const noble = await Promise.all(
      Array.from({ length: 200 }, (_, i) =>
        scrypt(`pw${i}`, "salt", { ...options, backend: "noble" }),
      ),
    );
    expect(noble.map(hex)).toEqual(expected.map(hex));
    expect(new Set(expected.map(hex)).size).toBe(200);
  });

  it("hashes a string as its UTF-8 bytes", async () => {
    const options = { N: 16, r: 1, p: 1, dkLen: 16 };
    const fromText = await scrypt("héllo", "s", options);
    const fromBytes = await scrypt(
      new TextEncoder().encode("héllo"),
      new Uint8Array([115]),
      options,
    );
    expect(hex(fromText)).toBe(hex(fromBytes));
  });

  it("refuses a memory need above maxmem before allocating, naming both numbers", async () => {
    const need = 128 * 8 * (2 ** 20 + 1 + 2);
    const call = scrypt("pw", "salt", { N: 2 ** 20, r: 8, p: 1, dkLen: 32, backend: "noble" });
    await expect(call).rejects.toThrow(CryptoError);
    await expect(call).rejects.toMatchObject({
      code: "INVALID_PARAMETERS",
      message: `scrypt needs ${need} bytes (128 * r * (N + p + 2)) but maxmem is 67108864 bytes`,
    });
    await expect(
      scrypt("pw", "salt", { N: 1024, r: 8, p: 1, dkLen: 32, maxmem: 1000 }),
    ).rejects.toMatchObject({
      code: "INVALID_PARAMETERS",
      message: `scrypt needs ${128 * 8 * 1027} bytes (128 * r * (N + p + 2)) but maxmem is 1000 bytes`,
    });
  });

  it("accepts a raised maxmem where the default budget is too small", async () => {
    const dk = await scrypt("pw", "salt", {
      N: 2 ** 16,
      r: 8,
      p: 1,
      dkLen: 16,
      maxmem: 80 * 1024 * 1024,
    });
    expect(dk.length).toBe(16);
  });

  it("refuses parameters outside RFC 7914 with the parameter and bound named", async () => {
    const base = { N: 16, r: 1, p: 1, dkLen: 16 };
    const cases: [object, string][] = [
      [{ N: 3 }, "N must be a power of two greater than 1"],
      [{ N: 1 }, "N must be an integer from 2 to 4294967296"],
      [{ r: 0 }, "r must be an integer from 1 to 1073741823"],
      [{ p: 1.5 }, "p must be an integer from 1 to 1073741823"],
      [{ dkLen: 0 }, "dkLen must be an integer from 1 to 1048576"],
      [{ N: 2 ** 16, r: 1 }, "N must be below 2^(16 * r) = 65536 (RFC 7914)"],
      [{ r: 2 ** 15, p: 2 ** 15 }, "r * p must be below 2^30 (RFC 7914)"],
    ];
    for (const [patch, message] of cases) {
      await expect(scrypt("pw", "salt", { ...base, ...patch })).rejects.toMatchObject({
        code: "INVALID_PARAMETERS",
        message,
      });
    }
  });

  it("throws TypeError for wrong input types and an unknown backend", async () => {
    const options = { N: 16, r: 1, p: 1, dkLen: 16 };
    await expect(scrypt(42 as unknown as string, "s", options)).rejects.toThrow(
      new TypeError("password must be a string or a Uint8Array"),
    );
    await expect(scrypt("p", null as unknown as string, options)).rejects.toThrow(
      new TypeError("salt must be a string or a Uint8Array"),
    );
    await expect(scrypt("p", "s", { ...options, N: "16" as unknown as number })).rejects.toThrow(
      new TypeError("N must be a number"),
    );
    await expect(scrypt("p", "s", { ...options, backend: "wasm" as "auto" })).rejects.toThrow(
      TypeError,
    );
  });
});

describe("Semaphore", () => {
  it("never runs more tasks at once than its limit and runs them all", async () => {
    const gate = new Semaphore(2);
    let running = 0;
    let peak = 0;
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        gate.run(async () => {
          running++;
          peak = Math.max(peak, running);
          await new Promise((resolve) => setTimeout(resolve, 1));
          running--;
          return i;
        }),
      ),
    );
    expect(peak).toBe(2);
    expect(results).toEqual(Array.from({ length: 50 }, (_, i) => i));
  });

  it("releases its slot when a task fails", async () => {
    const gate = new Semaphore(1);
    await expect(gate.run(() => Promise.reject(new Error("boom")))).rejects.toThrow("boom");
    await expect(gate.run(() => Promise.resolve(7))).resolves.toBe(7);
  });
});
