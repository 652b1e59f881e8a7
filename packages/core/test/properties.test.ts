/**
 * Property tests (fast-check): verify is total and never valid for junk, and a token that differs
 * from an issued one in any single character is never valid. The only single-character changes
 * that keep the same secret bytes are swaps between the base64url and standard base64 spellings of
 * one digit ("-" ↔ "+", "_" ↔ "/"): verify accepts both spellings on purpose, so that tokens of
 * @access-tokens/core verify unchanged; those are the same token and are excluded.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import fc from "fast-check";
import { MemoryTokenStore, Pat, VERIFY_FAILURE_REASONS } from "../src/index.js";
import { assertNoSecretLeaked, rememberSecret } from "./support/hygiene.js";

const pat = new Pat({ store: new MemoryTokenStore(), scryptOptions: { cost: 16 } });
let token = "";

const EQUIVALENT: Record<string, string> = { "-": "+", "+": "-", _: "/", "/": "_" };

describe("verify properties", () => {
  beforeAll(async () => {
    // Two tokens, so the store is not trivially empty; the first is the one mutated.
    ({ token } = await pat.issue({ owner: "prop", roles: ["r"] }));
    const other = await pat.issue({ owner: "other" });
    rememberSecret(token);
    rememberSecret(other.token);
    expect((await pat.verify(token)).valid).toBe(true);
  });
  afterAll(() => assertNoSecretLeaked());

  it("resolves a documented reason, never valid, for arbitrary strings", async () => {
    const nearTokens = fc
      .tuple(
        fc.constantFrom("pat_", "pat", "PAT_", ""),
        fc.string({ unit: fc.constantFrom(..."abcXYZ019"), minLength: 19, maxLength: 23 }),
        fc.constantFrom(".", "", ".."),
        fc.string({ unit: fc.constantFrom(..."AZaz09-_+/=.*"), minLength: 0, maxLength: 50 }),
      )
      .map((parts) => parts.join(""));
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.string(),
          fc.string({ unit: "binary" }),
          fc.string({ unit: "grapheme" }),
          nearTokens,
        ),
        async (input) => {
          const result = await pat.verify(input);
          expect(result.valid).toBe(false);
          if (!result.valid) expect(VERIFY_FAILURE_REASONS).toContain(result.reason);
          if (!result.valid && result.reason !== "revoked" && result.reason !== "expired") {
            expect(result.record).toBeUndefined();
          }
        },
      ),
      { numRuns: 500 },
    );
  });

  it("never accepts a token that differs from an issued one in a single character", async () => {
    const dot = token.indexOf(".");
    await fc.assert(
      fc.asyncProperty(
        fc.nat({ max: token.length - 1 }),
        fc.oneof(
          fc.string({ unit: "binary", minLength: 1, maxLength: 1 }),
          fc.constantFrom(..."AaBb09-_+/=."),
        ),
        async (index, replacement) => {
          const original = token[index] ?? "";
          fc.pre(replacement !== original);
          fc.pre(!(index > dot && EQUIVALENT[original] === replacement));
          const mutated = token.slice(0, index) + replacement + token.slice(index + 1);
          const result = await pat.verify(mutated);
          expect(result.valid).toBe(false);
        },
      ),
      { numRuns: 1500 },
    );
  });

  it("never accepts any single-character change of the secret's last digit (unused low bits)", async () => {
    const last = token.length - 1;
    for (const c of "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_+/") {
      if (c === token[last] || EQUIVALENT[token[last] ?? ""] === c) continue;
      expect((await pat.verify(token.slice(0, last) + c)).valid).toBe(false);
    }
  });
});
