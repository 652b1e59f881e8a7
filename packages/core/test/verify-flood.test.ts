/**
 * Verify under concurrent floods, through the whole façade (memory store, low scrypt cost):
 * whatever mix of right, wrong and repeated wrong secrets arrives at once, across a few token
 * ids, each answer is exactly what a lone verify would give. This exercises the fair scheduler,
 * shared derivations and both memos together; their ordering is tested in
 * `internal/secret-checker.test.ts`.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { base64UrlEncode, randomBytes } from "@pat/crypto";
import { MemoryTokenStore, Pat } from "../src/index.js";

const withSecret = (token: string, secret: string) =>
  `${token.slice(0, token.lastIndexOf(".") + 1)}${secret}`;

describe("verify under a concurrent flood", () => {
  it("never answers valid for a wrong secret and always valid for the right one (property)", async () => {
    const pat = new Pat({
      store: new MemoryTokenStore(),
      scryptOptions: { cost: 16, blockSize: 1 },
    });
    const tokens = await Promise.all(
      [1, 2, 3].map(async () => (await pat.issue({ owner: "o" })).token),
    );
    // A small pool of wrong secrets, so that attempts repeat (shared derivations, refused memo).
    const wrong = Array.from({ length: 4 }, () => base64UrlEncode(randomBytes(32)));
    const attempt = fc.record({
      at: fc.nat({ max: 2 }),
      secret: fc.oneof(fc.constant(-1), fc.nat({ max: 3 })),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(attempt, { minLength: 1, maxLength: 40 }), async (attempts) => {
        const results = await Promise.all(
          attempts.map(({ at, secret }) => {
            const token = tokens[at] ?? "";
            return pat.verify(secret < 0 ? token : withSecret(token, wrong[secret] ?? ""));
          }),
        );
        results.forEach((result, i) => {
          if ((attempts[i]?.secret ?? 0) < 0) expect(result.valid).toBe(true);
          else expect(result).toEqual({ valid: false, reason: "invalid_secret" });
        });
      }),
      { numRuns: 60 },
    );
  });

  it("answers the same with the memos off", async () => {
    const pat = new Pat({
      store: new MemoryTokenStore(),
      scryptOptions: { cost: 16, blockSize: 1 },
      verifyCache: false,
    });
    const { token } = await pat.issue({ owner: "o" });
    const bad = withSecret(token, base64UrlEncode(randomBytes(32)));
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => pat.verify(i % 4 === 0 ? token : bad)),
    );
    results.forEach((result, i) => expect(result.valid).toBe(i % 4 === 0));
  });
});
