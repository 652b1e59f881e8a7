/**
 * The two hash algorithms through the Pat façade, written once and run on every store
 * (`hash-algorithm.memory.test.ts`, `hash-algorithm.ddb.test.ts` on DynamoDB Local): the fast
 * hash by option, mixed tables, validation of stored strings, and rehash across algorithms in
 * both directions, also while an update replaces the hash at the same time. scrypt runs at a
 * low cost. Every secret made is remembered and checked against errors and logs at the end.
 */
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { base64UrlEncode, hashSecretHmac, inspectHmacPhc, randomBytes } from "@pat/crypto";
import { Pat, type PatOptions, type TokenStore } from "../../src/index.js";
import { assertNoSecretLeaked, captureConsole, expectPatError, rememberSecret } from "./hygiene.js";

const LOW = { scryptOptions: { cost: 16, blockSize: 1 } } as const;
const FAST = "hmac-sha256" as const;

/** `token` with another random secret. */
function wrongSecret(token: string): string {
  return `${token.slice(0, token.lastIndexOf(".") + 1)}${base64UrlEncode(randomBytes(32))}`;
}

/** Registers the suite for one kind of store. */
export function describeHashAlgorithms(name: string, newStore: () => Promise<TokenStore>): void {
  const pats = async (options: Partial<PatOptions> = {}) => {
    const store = await newStore();
    return {
      store,
      slow: new Pat({ store, ...LOW, ...options }),
      fast: new Pat({ store, ...LOW, hashAlgorithm: FAST, ...options }),
    };
  };
  const storedPhc = async (store: TokenStore, tokenId: string) => {
    const phc = (await store.get(tokenId))?.secretPhc ?? "";
    rememberSecret(phc);
    return phc;
  };
  const issue = async (pat: Pat) => {
    const issued = await pat.issue({ owner: "o" });
    rememberSecret(issued.token);
    return issued;
  };

  describe(`hash algorithms on ${name}`, () => {
    beforeAll(() => captureConsole());
    afterAll(() => assertNoSecretLeaked());

    it("stores a fast hash with hashAlgorithm hmac-sha256, and verifies it", async () => {
      const { store, fast } = await pats();
      const { token, record } = await issue(fast);
      expect(await storedPhc(store, record.tokenId)).toMatch(/^\$hmac-sha256\$v=1\$/);
      expect(await fast.verify(token)).toMatchObject({ valid: true });
      expect(await fast.verify(wrongSecret(token))).toEqual({
        valid: false,
        reason: "invalid_secret",
      });
      const generated = await fast.generate();
      rememberSecret(generated.secretPhc);
      expect(generated.secretPhc).toMatch(/^\$hmac-sha256\$v=1\$/);
    });

    it("never answers valid for another secret of a fast-hash token (property)", async () => {
      const { fast } = await pats();
      const { token } = await issue(fast);
      await fc.assert(
        fc.asyncProperty(fc.uint8Array({ minLength: 32, maxLength: 32 }), async (bytes) => {
          const other = `${token.slice(0, token.lastIndexOf(".") + 1)}${base64UrlEncode(bytes)}`;
          fc.pre(other !== token);
          expect(await fast.verify(other)).toEqual({ valid: false, reason: "invalid_secret" });
        }),
        { numRuns: 40 },
      );
    });

    it("verifies mixed tables: each instance verifies both kinds, whatever it writes (property)", async () => {
      const { slow, fast } = await pats();
      const tokens = [
        ...(await Promise.all([1, 2, 3].map(() => issue(slow)))),
        ...(await Promise.all([1, 2, 3].map(() => issue(fast)))),
      ].map((issued) => issued.token);
      await fc.assert(
        fc.asyncProperty(
          fc.array(
            fc.record({ at: fc.nat({ max: 5 }), right: fc.boolean(), viaFast: fc.boolean() }),
            {
              minLength: 1,
              maxLength: 12,
            },
          ),
          async (attempts) => {
            const results = await Promise.all(
              attempts.map(({ at, right, viaFast }) => {
                const token = tokens[at] ?? "";
                return (viaFast ? fast : slow).verify(right ? token : wrongSecret(token));
              }),
            );
            results.forEach((result, i) => {
              expect(result.valid).toBe(attempts[i]?.right);
            });
          },
        ),
        { numRuns: 15 },
      );
    });

    it("register and update take a fast-hash string and refuse a malformed one", async () => {
      const { slow, fast, store } = await pats();
      const { tokenId, secretPhc, token } = await fast.generate();
      rememberSecret(secretPhc);
      rememberSecret(token);
      await slow.register({ tokenId, secretPhc, owner: "o" });
      expect((await slow.verify(token)).valid).toBe(true);
      const next = await hashSecretHmac(randomBytes(32), { saltLength: 32 });
      rememberSecret(next);
      await slow.update(tokenId, { secretPhc: next });
      expect(await storedPhc(store, tokenId)).toBe(next);
      const short = `$hmac-sha256$v=1$${Buffer.alloc(8).toString("base64").replace(/=+$/, "")}$${next.slice(next.lastIndexOf("$") + 1)}`;
      await expectPatError(
        slow.update(tokenId, { secretPhc: short }),
        "INVALID_INPUT",
        "Invalid secret PHC string: invalid_parameters",
      );
      await expectPatError(
        fast.register({
          tokenId: tokenId.replace(/.$/, "0"),
          secretPhc: "$hmac-sha256$v=2$AAAA",
          owner: "o",
        }),
        "INVALID_INPUT",
        "Invalid secret PHC string: invalid_parameters",
      );
    });

    it("accepts a fast-hash bootstrapPhc", async () => {
      const store = await newStore();
      const secret = randomBytes(32);
      const bootstrapPhc = await hashSecretHmac(secret);
      rememberSecret(bootstrapPhc);
      const pat = new Pat({ store, ...LOW, bootstrapPhc });
      const token = `pat_${"B".repeat(21)}.${base64UrlEncode(secret)}`;
      rememberSecret(token);
      expect(await pat.bootstrap(wrongSecret(token), { owner: "root" })).toEqual({
        valid: false,
        reason: "invalid_secret",
      });
      expect(await pat.bootstrap(token, { owner: "root" })).toMatchObject({ valid: true });
      expect(await pat.verify(token)).toMatchObject({ valid: true });
    });

    for (const [from, to] of [
      ["scrypt", FAST],
      [FAST, "scrypt"],
    ] as const) {
      it(`rehash moves a verified ${from} hash to ${to}, only when asked`, async () => {
        const store = await newStore();
        const writer = new Pat({ store, ...LOW, hashAlgorithm: from });
        const { token, record } = await issue(writer);
        const before = await storedPhc(store, record.tokenId);
        const without = new Pat({ store, ...LOW, hashAlgorithm: to });
        expect((await without.verify(token)).valid).toBe(true);
        await without.idle();
        expect(await storedPhc(store, record.tokenId)).toBe(before);
        const mover = new Pat({ store, ...LOW, hashAlgorithm: to, rehash: true });
        expect((await mover.verify(token)).valid).toBe(true);
        await mover.idle();
        const after = await storedPhc(store, record.tokenId);
        expect(after.startsWith(`$${to}$`)).toBe(true);
        expect((await writer.verify(token)).valid).toBe(true);
        expect((await mover.verify(token)).valid).toBe(true);
        await mover.idle();
        expect(await storedPhc(store, record.tokenId)).toBe(after);
      });

      it(`rehash ${from} → ${to} racing an update keeps the update's hash (property)`, async () => {
        await fc.assert(
          fc.asyncProperty(fc.nat({ max: 6 }), fc.boolean(), async (ticks, newerIsFast) => {
            const store = await newStore();
            const writer = new Pat({ store, ...LOW, hashAlgorithm: from });
            const { token, record } = await issue(writer);
            const mover = new Pat({ store, ...LOW, hashAlgorithm: to, rehash: true });
            const replacement = await (newerIsFast ? writer : mover).generate({
              tokenId: record.tokenId,
            });
            rememberSecret(replacement.secretPhc);
            rememberSecret(replacement.token);
            const verified = mover.verify(token);
            for (let i = 0; i < ticks; i++) await new Promise((resolve) => setImmediate(resolve));
            await writer.update(record.tokenId, { secretPhc: replacement.secretPhc });
            await verified;
            await mover.idle();
            // The update came last: its hash stays, whether the rehash wrote before or not at all.
            expect(await storedPhc(store, record.tokenId)).toBe(replacement.secretPhc);
            expect((await mover.verify(replacement.token)).valid).toBe(true);
            expect(await mover.verify(token)).toEqual({ valid: false, reason: "invalid_secret" });
          }),
          { numRuns: 12 },
        );
      });
    }

    it("rehash lengthens a fast hash's salt to saltLength, and leaves a long enough one", async () => {
      const store = await newStore();
      const short = new Pat({ store, hashAlgorithm: FAST });
      const { token, record } = await issue(short);
      const mover = new Pat({ store, hashAlgorithm: FAST, saltLength: 32, rehash: true });
      expect((await mover.verify(token)).valid).toBe(true);
      await mover.idle();
      const after = await storedPhc(store, record.tokenId);
      expect(inspectHmacPhc(after)).toEqual({ ok: true, params: { saltLength: 32 } });
      const keeper = new Pat({ store, hashAlgorithm: FAST, rehash: true });
      expect((await keeper.verify(token)).valid).toBe(true);
      await keeper.idle();
      expect(await storedPhc(store, record.tokenId)).toBe(after);
    });

    it("refuses an unknown hashAlgorithm at construction", async () => {
      const store = await newStore();
      for (const bad of ["sha256", "SCRYPT", 1]) {
        expect(() => new Pat({ store, hashAlgorithm: bad as "scrypt" })).toThrow(
          expect.objectContaining({
            code: "INVALID_CONFIG",
            message: expect.stringMatching(/^hashAlgorithm must be one of "scrypt", "hmac-sha256"/),
          }),
        );
      }
    });
  });
}
