/**
 * Compatibility with @access-tokens/core (notes in test/support/access-tokens.ts), on the memory
 * store at low scrypt cost; `compat.slow.test.ts` repeats the core of it at the real cost (ln=14),
 * `compat.ddb.test.ts` with items as they write them in DynamoDB.
 */
import { afterAll, describe, expect, it } from "vitest";
import fc from "fast-check";
import { deserialize, serialize } from "@phc/format";
import { generateTokenId, MAX_SECRET_BYTES, MIN_SECRET_BYTES, randomBytes } from "@pat/crypto";
import { canonicalSpellings, laxSpellings } from "@pat/tooling/base64-spellings";
import { MemoryTokenStore, Pat } from "../src/index.js";
import { theirPhc, theirSchemaProblems, theirToken, theirVerify } from "./support/access-tokens.js";
import { assertNoSecretLeaked, rememberSecret } from "./support/hygiene.js";

const LN = 4;

function pat() {
  return new Pat({ store: new MemoryTokenStore(), scryptOptions: { cost: 2 ** LN } });
}

/** A Pat over a memory store whose raw items (as stored, before any normalising read) we see. */
function patWithItems() {
  const items = new Map<string, Record<string, unknown>>();
  const p = new Pat({ store: new MemoryTokenStore({ items }), scryptOptions: { cost: 2 ** LN } });
  const raw = (tokenId: string): Record<string, unknown> => {
    const item = items.get(tokenId);
    if (item === undefined) throw new Error(`no item ${tokenId}`);
    return item;
  };
  return { p, raw };
}

/** 32 bytes whose standard base64 contains both "+" and "/" (0xfb 0xff → "+/"). */
const plusSlashSecret = Buffer.from(
  Array.from({ length: 32 }, (_, i) => (i % 3 === 0 ? 0xfb : 0xff)),
);

describe("compatibility with @access-tokens/core", () => {
  afterAll(() => assertNoSecretLeaked());

  it.each([
    ["a random secret", Buffer.from(crypto.getRandomValues(new Uint8Array(32)))],
    ["a secret whose base64 has + and /", plusSlashSecret],
  ])("verifies their token (padded standard base64) with their PHC, for %s", async (_l, secret) => {
    const p = pat();
    const tokenId = generateTokenId();
    const phc = theirPhc(secret, LN);
    const token = theirToken("pat_", tokenId, secret);
    rememberSecret(phc);
    rememberSecret(token);
    expect(token).toMatch(/^pat_[A-Za-z0-9]{21}\.[A-Za-z0-9+/]{43}=$/);
    expect(phc).toMatch(/^\$scrypt\$ln=4,r=8,p=1\$[A-Za-z0-9+/]{22}\$[A-Za-z0-9+/]{43}$/);
    await p.register({ tokenId, secretPhc: phc, owner: "them", isAdmin: false });
    const result = await p.verify(token);
    expect(result.valid).toBe(true);
    // The same bytes unpadded and in base64url are the same secret.
    expect((await p.verify(token.replace(/=$/, ""))).valid).toBe(true);
    expect((await p.verify(`pat_${tokenId}.${secret.toString("base64url")}`)).valid).toBe(true);
    // A different secret is not.
    const other = Buffer.from(secret);
    other[0] = (other[0] ?? 0) ^ 1;
    expect((await p.verify(theirToken("pat_", tokenId, other))).valid).toBe(false);
  });

  it("verifies their token for every keyLength from 16 to 64 bytes, and no second spelling of it", async () => {
    const p = pat();
    for (let keyLength = MIN_SECRET_BYTES; keyLength <= MAX_SECRET_BYTES; keyLength++) {
      await fc.assert(
        fc.asyncProperty(
          fc.uint8Array({ minLength: keyLength, maxLength: keyLength }),
          async (b) => {
            const secret = Buffer.from(b);
            const tokenId = generateTokenId();
            const phc = theirPhc(secret, LN);
            const token = theirToken("pat_", tokenId, secret);
            rememberSecret(phc);
            rememberSecret(token);
            await p.register({ tokenId, secretPhc: phc, owner: "them" });
            expect((await p.verify(token)).valid, `${keyLength} bytes`).toBe(true);
            for (const text of canonicalSpellings(secret)) {
              expect((await p.verify(`pat_${tokenId}.${text}`)).valid).toBe(true);
            }
            const second = laxSpellings(secret);
            expect(second.length).toBeGreaterThan(4);
            for (const text of second) {
              expect(await p.verify(`pat_${tokenId}.${text}`), text).toEqual({
                valid: false,
                reason: "invalid_format",
              });
            }
          },
        ),
        { numRuns: 3 },
      );
    }
    // Outside the range: refused before any read, whatever the stored hash.
    for (const keyLength of [MIN_SECRET_BYTES - 1, MAX_SECRET_BYTES + 1]) {
      const secret = Buffer.from(randomBytes(keyLength));
      const token = theirToken("pat_", generateTokenId(), secret);
      rememberSecret(token);
      expect(await p.verify(token)).toEqual({ valid: false, reason: "invalid_format" });
    }
  });

  it("issues tokens and PHC strings that their verify accepts and records their schema accepts", async () => {
    const { p, raw } = patWithItems();
    const { token, record } = await p.issue({
      owner: "us@example.com",
      roles: ["a", "b"],
      expiresAt: 2_000_000_000,
    });
    rememberSecret(token);
    const secretPhc = String(raw(record.tokenId).secretPhc);
    rememberSecret(secretPhc);
    const secretText = token.slice(token.indexOf(".") + 1);
    expect(theirVerify(secretText, secretPhc)).toBe(true);
    // Another secret fails there too (the first digit carries 6 data bits; the last one has 2
    // unused bits that Node's lenient base64 decoder ignores, so it is not the digit to change).
    expect(
      theirVerify(`${secretText.startsWith("A") ? "B" : "A"}${secretText.slice(1)}`, secretPhc),
    ).toBe(false);
    // @phc/format reads our string and writes it back byte for byte.
    expect(serialize(deserialize(secretPhc))).toBe(secretPhc);
    // Their schema judges the item as stored (not our normalised read of it).
    expect(theirSchemaProblems(raw(record.tokenId))).toEqual([]);
    expect((await p.verify(token)).valid).toBe(true);
    expect(raw(record.tokenId).lastUsedAt).toEqual(expect.any(Number));
    expect(theirSchemaProblems(raw(record.tokenId))).toEqual([]);
    await p.revoke(record.tokenId, { expiresAt: 1_900_000_000 });
    expect(raw(record.tokenId)).toMatchObject({
      revokedAt: expect.any(Number),
      expiresAt: 1_900_000_000,
    });
    expect(theirSchemaProblems(raw(record.tokenId))).toEqual([]);
    await p.restore(record.tokenId);
    await p.update(record.tokenId, { roles: [] });
    expect(theirSchemaProblems(raw(record.tokenId))).toEqual([]);
  });

  it("accepts their bootstrap PHC, and stores it as the admin token's hash", async () => {
    const secret = plusSlashSecret;
    const bootstrapPhc = theirPhc(secret, LN);
    rememberSecret(bootstrapPhc);
    const p = new Pat({ store: new MemoryTokenStore(), scryptOptions: { cost: 16 }, bootstrapPhc });
    const tokenId = generateTokenId();
    const result = await p.bootstrap(theirToken("pat_", tokenId, secret), { owner: "root" });
    expect(result.valid && result.record.isAdmin).toBe(true);
    expect((await p.store.get(tokenId))?.secretPhc).toBe(bootstrapPhc);
  });

  it("the schema validator itself refuses what their schema refuses", () => {
    const good = {
      tokenId: "a".repeat(21),
      secretPhc: "x",
      owner: "o",
      createdAt: 0,
      expiresAt: null,
    };
    expect(theirSchemaProblems(good)).toEqual([]);
    expect(theirSchemaProblems({ ...good, tokenId: "a_".repeat(10) + "a" })).toEqual(["tokenId"]);
    expect(theirSchemaProblems({ ...good, roles: new Set([""]) })).toEqual(["roles"]);
    expect(theirSchemaProblems({ ...good, lastUsedAt: -1 })).toEqual(["lastUsedAt"]);
    expect(theirSchemaProblems({ ...good, createdAt: 1.5 })).toEqual(["createdAt"]);
  });
});
