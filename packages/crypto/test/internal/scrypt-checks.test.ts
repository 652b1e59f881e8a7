import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  checkHashOptions,
  DEFAULT_MAXMEM,
  DEFAULT_SCRYPT_PARAMS,
  inspectPhc,
  scryptMemory,
  serializePhc,
} from "../../src/index.js";

describe("checkHashOptions", () => {
  it("fills in the defaults and the default budget", () => {
    expect(checkHashOptions({})).toEqual({ ...DEFAULT_SCRYPT_PARAMS, maxmem: DEFAULT_MAXMEM });
    expect(checkHashOptions({ cost: 1024, keyLength: 32, maxmem: 2 ** 21 })).toEqual({
      ...DEFAULT_SCRYPT_PARAMS,
      cost: 1024,
      keyLength: 32,
      maxmem: 2 ** 21,
    });
  });

  it("refuses a memory need above maxmem, giving the need and the budget", () => {
    // 128 * r * (N + p + 2) with N = 2^14, r = 8, p = 1: 16,780,288 bytes, not 128 * N * r.
    expect(scryptMemory(16384, 8, 1)).toBe(16_780_288);
    for (const maxmem of [16_777_215, 16_777_216, 16_780_287]) {
      expect(() => checkHashOptions({ maxmem })).toThrow(
        expect.objectContaining({
          code: "INVALID_PARAMETERS",
          message: `scrypt needs 16780288 bytes (128 * r * (N + p + 2)) but maxmem is ${maxmem} bytes`,
        }),
      );
    }
    expect(checkHashOptions({ maxmem: 16_780_288 }).maxmem).toBe(16_780_288);
  });

  it("names each parameter as the caller knows it", () => {
    const labels = {
      cost: "scryptOptions.cost",
      blockSize: "scryptOptions.blockSize",
      parallelization: "scryptOptions.parallelization",
      maxmem: "scryptOptions.maxmem",
    };
    const cases: [object, string][] = [
      [{ cost: 1000 }, "scryptOptions.cost must be a power of two from 2 to 16777216"],
      [{ blockSize: 1.5 }, "scryptOptions.blockSize must be an integer from 1 to 32"],
      [{ parallelization: 0 }, "scryptOptions.parallelization must be an integer from 1 to 16"],
      [{ keyLength: 15 }, "keyLength must be an integer from 16 to 128"],
      [{ maxmem: 0 }, "scryptOptions.maxmem must be an integer from 1 to 9007199254740991"],
      [
        { cost: 2 ** 16, blockSize: 1 },
        "scryptOptions.cost must be below 2^(16 * scryptOptions.blockSize) (RFC 7914)",
      ],
    ];
    for (const [options, message] of cases) {
      expect(() => checkHashOptions(options, labels)).toThrow(
        expect.objectContaining({ code: "INVALID_PARAMETERS", message }),
      );
    }
    expect(() => checkHashOptions({ cost: "16" as unknown as number }, labels)).toThrow(
      new TypeError("scryptOptions.cost must be a number"),
    );
    expect(() => checkHashOptions(null as unknown as object)).toThrow(TypeError);
  });

  it("passes exactly the parameters whose PHC strings inspectPhc accepts (one rule)", () => {
    const params = fc.record({
      ln: fc.integer({ min: 0, max: 26 }),
      r: fc.integer({ min: 0, max: 40 }),
      p: fc.integer({ min: 0, max: 20 }),
      saltLength: fc.integer({ min: 4, max: 70 }),
      keyLength: fc.integer({ min: 8, max: 140 }),
      maxmem: fc.integer({ min: 1, max: 2 ** 31 }),
    });
    fc.assert(
      fc.property(params, ({ ln, r, p, saltLength, keyLength, maxmem }) => {
        const options = {
          cost: 2 ** ln,
          blockSize: r,
          parallelization: p,
          keyLength,
          saltLength,
          maxmem,
        };
        let passed = true;
        try {
          checkHashOptions(options);
        } catch {
          passed = false;
        }
        const phc = serializePhc({
          id: "scrypt",
          params: { ln, r, p },
          salt: new Uint8Array(saltLength),
          hash: new Uint8Array(keyLength),
        });
        // Longer strings than MAX_PHC_LENGTH cannot come from parameters in bounds.
        expect(inspectPhc(phc, { maxmem }).ok).toBe(passed);
      }),
      { numRuns: 2000 },
    );
  });
});
