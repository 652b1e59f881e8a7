/**
 * Type-level checks of the public API (they run under `tsc` via `pnpm typecheck`, and as plain
 * assertions here): seed-style code compiles, overloads give the right record shapes.
 */
import { describe, expect, expectTypeOf, it } from "vitest";
import {
  MemoryTokenStore,
  Pat,
  type PatRecord,
  type PublicTokenRecord,
  type TokenRecord,
  type ValidTokenRecord,
  type VerifyFailureReason,
  type VerifyResult,
} from "../src/index.js";

describe("public types", () => {
  it("lets seed-style code read reason and record without narrowing", async () => {
    const pat = new Pat({ store: new MemoryTokenStore(), scryptOptions: { cost: 16 } });
    const result: VerifyResult = await pat.verify("pat_nope");
    expectTypeOf(result.reason).toEqualTypeOf<VerifyFailureReason | undefined>();
    expectTypeOf(result.record).toEqualTypeOf<ValidTokenRecord | undefined>();
    expect(result.reason).toBe("invalid_format");
    if (result.valid) expectTypeOf(result.record).toEqualTypeOf<ValidTokenRecord>();
  });

  it("types issue's record without the hash and register's with it, as @access-tokens/core", async () => {
    const pat = new Pat({ store: new MemoryTokenStore(), scryptOptions: { cost: 16 } });
    const issued = await pat.issue({ owner: "t" });
    expectTypeOf(issued.record).toEqualTypeOf<ValidTokenRecord>();
    expectTypeOf<PatRecord>().toEqualTypeOf<ValidTokenRecord>();
    expect(issued.record).not.toHaveProperty("secretPhc");
    const { tokenId, secretPhc } = await pat.generate();
    const registered = await pat.register({ tokenId, secretPhc, owner: "t" });
    expectTypeOf(registered).toEqualTypeOf<TokenRecord>();
    expect(registered.secretPhc).toBe(secretPhc);
  });

  it("types list and batchLoad records by includeSecretPhc", async () => {
    const pat = new Pat({ store: new MemoryTokenStore(), scryptOptions: { cost: 16 } });
    await pat.issue({ owner: "t" });
    for await (const r of pat.list()) expectTypeOf(r).toEqualTypeOf<PublicTokenRecord>();
    for await (const r of pat.list({ includeSecretPhc: true })) {
      expectTypeOf(r).toEqualTypeOf<TokenRecord>();
      expect(typeof r.secretPhc).toBe("string");
    }
    const loaded = await pat.batchLoad([], { includeSecretPhc: true });
    expectTypeOf(loaded.found).toEqualTypeOf<TokenRecord[]>();
    expectTypeOf((await pat.batchLoad([])).found).toEqualTypeOf<PublicTokenRecord[]>();
  });
});
