import { describe, expect, it } from "vitest";
import { DEFAULT_SCRYPT_PARAMS, parsePhc, scryptPhcLength, hashSecret } from "../../src/index.js";
import { fromPhcParams, toPhcParams, toRawParams } from "../../src/internal/scrypt-params.js";

describe("the spellings of the scrypt parameters", () => {
  it("maps the option names to RFC 7914's and the PHC string's, and back", () => {
    const params = { cost: 1024, blockSize: 4, parallelization: 2, keyLength: 32, saltLength: 16 };
    expect(toRawParams(params)).toEqual({ N: 1024, r: 4, p: 2, dkLen: 32 });
    expect(toPhcParams(params)).toEqual({ ln: 10, r: 4, p: 2 });
    expect(fromPhcParams({ ln: 10, r: 4, p: 2 }, 16, 32)).toEqual(params);
  });
});

describe("scryptPhcLength", () => {
  it("is the length of the strings hashSecret writes", async () => {
    expect(scryptPhcLength(DEFAULT_SCRYPT_PARAMS)).toBe(131);
    const options = { cost: 16, blockSize: 1, parallelization: 1, keyLength: 17, saltLength: 9 };
    const phc = await hashSecret("x", options);
    expect(parsePhc(phc).params).toEqual({ ln: 4, r: 1, p: 1 });
    expect(phc.length).toBe(scryptPhcLength(options));
  });
});
