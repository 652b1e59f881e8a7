/**
 * Type-level checks of the public API (they run under `tsc` via `pnpm typecheck`, and as plain
 * assertions here): code written against @access-tokens/core compiles, overloads give the right record shapes.
 */
import { describe, expect, expectTypeOf, it } from "vitest";
import * as core from "../src/index.js";
import {
  type DynamoDBPat,
  MemoryTokenStore,
  Pat,
  type PatRecord,
  type PublicTokenRecord,
  type TokenRecord,
  type ValidTokenRecord,
  type VerifyFailureReason,
  type VerifyResult,
  // Every type name of @access-tokens/core's public entry, imported under the same name.
  type BatchLoadOptions,
  type BatchLoadResult,
  type CanonicalScryptOptions,
  type DynamoDBPatConfig,
  type GenerateConfig,
  type GenerateResult,
  type IssueConfig,
  type IssueResult,
  type ListOptions,
  type RegisterConfig,
  type RolesUpdate,
  type VerifyFailure,
  type VerifySuccess,
} from "../src/index.js";

describe("public types", () => {
  it("lets code written against @access-tokens/core read reason and record without narrowing", async () => {
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

describe("@access-tokens/core's public names", () => {
  it("exports each of its values under the same name, with @pat/core's meaning", () => {
    const values = {
      DynamoDBPat: core.DynamoDBPat,
      DEFAULT_KEY_LENGTH: 64, // the default keyLength here (theirs: 32)
      DEFAULT_SALT_LENGTH: 16,
      SCRYPT_ALGORITHM_ID: "scrypt",
      DEFAULT_SCRYPT_COST: 16384,
      DEFAULT_SCRYPT_BLOCK_SIZE: 8,
      DEFAULT_SCRYPT_PARALLELIZATION: 1,
      DEFAULT_SCRYPT_MAXMEM: 64 * 1024 * 1024, // the default maxmem here (theirs: 32 MiB)
      MAX_TOKEN_LENGTH: 200,
      MAX_SECRET_PHC_LENGTH: 200,
      MAX_OWNER_LENGTH: 100,
      MAX_ROLE_LENGTH: 100,
      MAX_ROLES_COUNT: 50,
    };
    for (const [name, value] of Object.entries(values)) {
      expect((core as Record<string, unknown>)[name], name).toBe(value);
    }
    expect(core.DEFAULT_SCRYPT_PARAMS).toMatchObject({
      cost: core.DEFAULT_SCRYPT_COST,
      blockSize: core.DEFAULT_SCRYPT_BLOCK_SIZE,
      parallelization: core.DEFAULT_SCRYPT_PARALLELIZATION,
      keyLength: core.DEFAULT_KEY_LENGTH,
      saltLength: core.DEFAULT_SALT_LENGTH,
    });
    expect(core.MAX_ROLES_COUNT).toBe(core.MAX_ROLES);
  });

  it("exports tokenRecordSchema with zod's parse and safeParse", () => {
    const item = {
      tokenId: "34NwRzvnBbgI3uedkrQ3Q",
      secretPhc: "x",
      owner: "o",
      roles: new Set(["a"]),
      createdAt: 0,
      expiresAt: null,
    };
    const parsed = core.tokenRecordSchema.safeParse(item);
    expect(parsed).toEqual({
      success: true,
      data: { ...item, isAdmin: false, roles: ["a"] },
    });
    expect(core.tokenRecordSchema.parse(item).roles).toEqual(["a"]);
    const bad = core.tokenRecordSchema.safeParse({ ...item, owner: "" });
    expect(bad.success).toBe(false);
    expect(bad.error).toBeInstanceOf(core.InvalidRecordError);
    expect(() => core.tokenRecordSchema.parse({})).toThrow(core.InvalidRecordError);
  });

  it("exports each of its types under the same name, assignable where it was", () => {
    expectTypeOf<DynamoDBPatConfig>().toEqualTypeOf<ConstructorParameters<typeof DynamoDBPat>[0]>();
    expectTypeOf<CanonicalScryptOptions>().toHaveProperty("cost");
    expectTypeOf<CanonicalScryptOptions>().toHaveProperty("maxmem");
    expectTypeOf<GenerateConfig | undefined>().toEqualTypeOf<Parameters<Pat["generate"]>[0]>();
    expectTypeOf<IssueConfig>().toEqualTypeOf<Parameters<Pat["issue"]>[0]>();
    expectTypeOf<RegisterConfig>().toEqualTypeOf<Parameters<Pat["register"]>[0]>();
    expectTypeOf<IssueResult>().toEqualTypeOf<Awaited<ReturnType<Pat["issue"]>>>();
    expectTypeOf<GenerateResult>().toEqualTypeOf<Awaited<ReturnType<Pat["generate"]>>>();
    expectTypeOf<ListOptions>().toHaveProperty("batchLimit");
    expectTypeOf<BatchLoadOptions>().toHaveProperty("includeSecretPhc");
    expectTypeOf<BatchLoadResult>().toEqualTypeOf<Awaited<ReturnType<Pat["batchLoad"]>>>();
    expectTypeOf<RolesUpdate>().toMatchTypeOf<NonNullable<Parameters<Pat["update"]>[1]["roles"]>>();
    expectTypeOf<VerifySuccess | VerifyFailure>().toEqualTypeOf<VerifyResult>();
    // Their VerifyFailure has `cause`; code reading it compiles here (it is never set).
    expectTypeOf<VerifyFailure>().toHaveProperty("cause");
  });

  it("types records as theirs reads them: roles absent when none, a cleared expiry null", () => {
    expectTypeOf<TokenRecord["roles"]>().toEqualTypeOf<readonly string[] | undefined>();
    expectTypeOf<TokenRecord["expiresAt"]>().toEqualTypeOf<number | null | undefined>();
    expectTypeOf<PublicTokenRecord["expiresAt"]>().toEqualTypeOf<number | null | undefined>();
    expectTypeOf<ValidTokenRecord["roles"]>().toEqualTypeOf<readonly string[] | undefined>();
    // Code written against theirs (`roles?.includes`, `expiresAt === null`) compiles.
    const check = (record: ValidTokenRecord) =>
      record.roles?.includes("admin") === true && record.expiresAt !== null;
    expect(check({ tokenId: "t", owner: "o", isAdmin: false, createdAt: 0 })).toBe(false);
  });
});
