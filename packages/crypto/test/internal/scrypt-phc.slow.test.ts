import { randomBytes as nodeRandomBytes, scryptSync } from "node:crypto";
import { serialize } from "@phc/format";
import { describe, expect, it } from "vitest";
import { DEFAULT_SCRYPT_PARAMS, hashSecret, parsePhc, verifySecret } from "../../src/index.js";

describe("scrypt PHC at real cost", () => {
  it("hashes with the defaults ln=14, r=8, p=1, 64-byte hash, 16-byte salt and verifies", async () => {
    const phc = await hashSecret("correct horse battery staple");
    expect(phc).toMatch(/^\$scrypt\$ln=14,r=8,p=1\$[A-Za-z0-9+/]{22}\$[A-Za-z0-9+/]{86}$/);
    const result = await verifySecret("correct horse battery staple", phc);
    expect(result).toEqual({ ok: true, params: DEFAULT_SCRYPT_PARAMS });
    await expect(verifySecret("correct horse battery stapler", phc)).resolves.toEqual({
      ok: false,
      reason: "invalid_secret",
    });
  });

  it("verifies an @access-tokens/core default hash ($scrypt$ln=14,r=8,p=1, 32 bytes) on both backends", async () => {
    const secret = nodeRandomBytes(32);
    const salt = nodeRandomBytes(16);
    const hash = scryptSync(secret, salt, 32, { cost: 16384, blockSize: 8, parallelization: 1 });
    const phc = serialize({ id: "scrypt", params: { ln: 14, r: 8, p: 1 }, salt, hash });
    expect(parsePhc(phc).hash?.length).toBe(32);
    for (const backend of ["node", "noble"] as const) {
      await expect(verifySecret(secret, phc, { backend })).resolves.toEqual({
        ok: true,
        params: { cost: 16384, blockSize: 8, parallelization: 1, keyLength: 32, saltLength: 16 },
      });
    }
  });

  it("makes hashes @access-tokens/core can check (node:crypto scrypt with the stored parameters)", async () => {
    const secret = nodeRandomBytes(32);
    const { params, salt, hash } = parsePhc(await hashSecret(secret));
    const again = scryptSync(secret, salt ?? new Uint8Array(), hash?.length ?? 0, {
      cost: 2 ** Number(params?.ln),
      blockSize: Number(params?.r),
      parallelization: Number(params?.p),
    });
    expect(Buffer.from(again).equals(Buffer.from(hash ?? []))).toBe(true);
  });
});
