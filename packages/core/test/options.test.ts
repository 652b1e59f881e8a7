/**
 * tokenPrefix, keyLength and saltLength reach the tokens and the stored hashes: the token carries
 * the configured prefix, the stored PHC string holds a hash of keyLength bytes and a salt of
 * saltLength bytes, such tokens verify, and a token with the default prefix is refused.
 */
import { parsePhc } from "@pat/crypto";
import { describe, expect, it } from "vitest";
import { MemoryTokenStore, Pat } from "../src/index.js";
import { TEST_SCRYPT } from "./support/behaviour/fixtures.js";

const OPTIONS = { tokenPrefix: "acme_", keyLength: 32, saltLength: 24 } as const;

function acmePat() {
  const store = new MemoryTokenStore();
  const pat = new Pat({ store, scryptOptions: TEST_SCRYPT, ...OPTIONS });
  return { pat, store };
}

describe("tokenPrefix, keyLength and saltLength", () => {
  it("issue: acme_ tokens whose stored PHC has a 32-byte hash and a 24-byte salt, and verify", async () => {
    const { pat, store } = acmePat();
    expect(pat.tokenPrefix).toBe("acme_");
    const { token, record } = await pat.issue({ owner: "alice" });
    expect(token.startsWith("acme_")).toBe(true);
    expect(token.slice("acme_".length).startsWith(`${record.tokenId}.`)).toBe(true);

    const stored = await store.get(record.tokenId);
    expect(stored).not.toBeNull();
    const phc = parsePhc(stored?.secretPhc ?? "");
    expect(phc.id).toBe("scrypt");
    expect(phc.hash?.length).toBe(32);
    expect(phc.salt?.length).toBe(24);
    expect(phc.params).toMatchObject({ ln: Math.log2(TEST_SCRYPT.cost), r: 8, p: 1 });

    const result = await pat.verify(token);
    expect(result.valid).toBe(true);
    if (result.valid) expect(result.record.tokenId).toBe(record.tokenId);
  });

  it("generate + register: same prefix and lengths", async () => {
    const { pat, store } = acmePat();
    const { token, tokenId, secretPhc } = await pat.generate();
    expect(token.startsWith(`acme_${tokenId}.`)).toBe(true);
    const phc = parsePhc(secretPhc);
    expect(phc.hash?.length).toBe(32);
    expect(phc.salt?.length).toBe(24);
    await pat.register({ tokenId, secretPhc, owner: "bob" });
    expect((await store.get(tokenId))?.secretPhc).toBe(secretPhc);
    expect((await pat.verify(token)).valid).toBe(true);
  });

  it("refuses a token with the default pat_ prefix as invalid_prefix", async () => {
    const { pat } = acmePat();
    const { token } = await pat.issue({ owner: "alice" });
    const withDefaultPrefix = `pat_${token.slice("acme_".length)}`;
    expect(await pat.verify(withDefaultPrefix)).toEqual({ valid: false, reason: "invalid_prefix" });
    // The same secret under the configured prefix is still good.
    expect((await pat.verify(token)).valid).toBe(true);
  });
});
