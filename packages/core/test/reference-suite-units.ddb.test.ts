/**
 * @access-tokens/core's unit suites of the constructor, of secret creation and verification, and
 * of token parsing, walked against DynamoDBPat on DynamoDB Local (theirs mock the document
 * client): one `it` per test there, its title quoted. A title that ends in "— ours: …" asserts
 * the outcome the core README's Compatibility table documents instead of theirs; every other one
 * asserts their outcome.
 */
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { parseToken } from "@pat/crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  DEFAULT_KEY_LENGTH,
  DEFAULT_SALT_LENGTH,
  DEFAULT_SCRYPT_BLOCK_SIZE,
  DEFAULT_SCRYPT_COST,
  DEFAULT_SCRYPT_MAXMEM,
  DEFAULT_SCRYPT_PARALLELIZATION,
  DynamoDBPat,
  MAX_TOKEN_LENGTH,
  type DynamoDBPatConfig,
} from "../src/index.js";
import { expectRefused } from "./support/behaviour/fixtures.js";
import { ddbClient, dropTables } from "./support/ddb.js";
import { assertNoSecretLeaked, expectPatError, rememberSecret } from "./support/hygiene.js";
import { patOn, refPat } from "./support/reference-suite.js";

afterAll(async () => {
  assertNoSecretLeaked();
  await dropTables();
});

/** generate(), with the token and PHC remembered for the hygiene check. */
async function generated(pat: DynamoDBPat) {
  const result = await pat.generate();
  rememberSecret(result.token);
  rememberSecret(result.secretPhc);
  return result;
}

describe("DynamoDBPat constructor (their suite)", () => {
  describe("Default configuration", () => {
    it('"should create instance with default values" — ours: private fields are not read; the defaults show through the public surface', async () => {
      const pat = new DynamoDBPat({ tableName: "test-table", ddbClient });
      expect(pat.tokenPrefix).toBe("pat_");
      expect([
        DEFAULT_SCRYPT_COST,
        DEFAULT_SCRYPT_BLOCK_SIZE,
        DEFAULT_SCRYPT_PARALLELIZATION,
      ]).toEqual([16384, 8, 1]);
      // Ours: a 64-byte derived key and a 64 MiB memory budget (theirs: 32 and 32 MiB).
      expect([DEFAULT_KEY_LENGTH, DEFAULT_SALT_LENGTH, DEFAULT_SCRYPT_MAXMEM]).toEqual([
        64,
        16,
        64 * 1024 * 1024,
      ]);
      const { secretPhc } = await generated(pat);
      expect(secretPhc).toMatch(/^\$scrypt\$ln=14,r=8,p=1\$[A-Za-z0-9+/]{22}\$[A-Za-z0-9+/]{86}$/);
    });

    it('"should generate default token and secret PHC format" — ours: base64url secrets and a 64-byte hash', async () => {
      const pat = new DynamoDBPat({ tableName: "test-table", ddbClient });
      const { token, secretPhc } = await generated(pat);
      // Theirs: 44 characters of padded standard base64 and a 32-byte hash (43 characters).
      expect(token).toMatch(/^pat_[a-zA-Z0-9]{21}\.[a-zA-Z0-9_-]{43}$/);
      expect(secretPhc).toMatch(/^\$scrypt\$ln=14,r=8,p=1\$[a-zA-Z0-9+/]{22}\$[a-zA-Z0-9+/]{86}$/);
    });
  });

  describe("Custom configuration", () => {
    const docClient = DynamoDBDocumentClient.from(ddbClient);
    const scryptOptions = { cost: 8192, blockSize: 4, parallelization: 2, maxmem: 16 << 20 };
    const customConfig: DynamoDBPatConfig = {
      docClient,
      tableName: "custom-tokens",
      tokenPrefix: "custom_",
      keyLength: 24,
      saltLength: 12,
      scryptOptions,
    };

    it('"should accept custom configuration" — ours: a 12-byte salt is refused; 16 is accepted', async () => {
      await expectPatError(
        () => new DynamoDBPat(customConfig),
        "INVALID_CONFIG",
        "saltLength must be an integer from 16 to 64 (got 12)",
      );
      const pat = new DynamoDBPat({ ...customConfig, saltLength: 16 });
      expect(pat.tokenPrefix).toBe("custom_");
    });

    it('"should generate custom token and secret PHC format" — ours: keyLength sets the hash only; secrets stay 32 bytes', async () => {
      const pat = new DynamoDBPat({ ...customConfig, saltLength: 16 });
      const { token, secretPhc } = await generated(pat);
      // Theirs: a 24-byte secret (32 characters) and a 12-byte salt (16 characters).
      expect(token).toMatch(/^custom_[a-zA-Z0-9]{21}\.[a-zA-Z0-9_-]{43}$/);
      expect(secretPhc).toMatch(/^\$scrypt\$ln=13,r=4,p=2\$[a-zA-Z0-9+/]{22}\$[a-zA-Z0-9+/]{32}$/);
    });
  });

  describe("Configuration validation", () => {
    it('"should handle explicitly undefined optional parameters"', () => {
      const pat = new DynamoDBPat({
        tableName: "test-table",
        ddbClient: new DynamoDBClient({ region: "us-east-1" }),
        tokenPrefix: undefined,
        keyLength: undefined,
        saltLength: undefined,
        scryptOptions: undefined,
        bootstrapPhc: undefined,
      });
      expect(pat).toBeInstanceOf(DynamoDBPat);
    });
  });
});

describe("Secret creation and verification (their suite)", () => {
  let pat: DynamoDBPat;
  let tableName: string;

  beforeAll(async () => {
    ({ pat, tableName } = await refPat("crypto", { tokenPrefix: "pat_" }));
  });

  describe("Secret creation", () => {
    it('"should generate secrets with correct length"', async () => {
      const { token } = await generated(pat);
      // Node's lenient base64 decoder reads base64url too: 32 bytes either way.
      expect(Buffer.from(token.split(".")[1] ?? "", "base64")).toHaveLength(32);
    });

    it('"should generate unique secrets"', async () => {
      const [a, b] = [await generated(pat), await generated(pat)];
      expect(a.token).not.toBe(b.token);
      expect(a.secretPhc).not.toBe(b.secretPhc);
    });

    it('"should generate different salts"', async () => {
      const [a, b] = [await generated(pat), await generated(pat)];
      expect(a.secretPhc.split("$")[4]).not.toBe(b.secretPhc.split("$")[4]);
    });
  });

  describe("Secret verification", () => {
    it('"should verify correct secret"', async () => {
      const bootstrap = await generated(pat);
      const withBootstrap = patOn(tableName, {
        tokenPrefix: "pat_",
        bootstrapPhc: bootstrap.secretPhc,
      });
      const result = await withBootstrap.bootstrap(bootstrap.token, { owner: "test@example.com" });
      expect(result.valid).toBe(true);
    });

    it('"should reject wrong secret" — ours: a secret with its first character cut is invalid_format unless still a canonical spelling', async () => {
      const bootstrap = await generated(pat);
      const withBootstrap = patOn((await refPat("crypto-wrong")).tableName, {
        tokenPrefix: "pat_",
        bootstrapPhc: bootstrap.secretPhc,
      });
      const cut = bootstrap.token.replace(/\../, ".");
      const expected = "reason" in parseToken("pat_", cut) ? "invalid_format" : "invalid_secret";
      expectRefused(await withBootstrap.bootstrap(cut, { owner: "test@example.com" }), expected);
    });
  });

  describe("PHC string validation", () => {
    it('"should reject malformed PHC strings"', async () => {
      await expectPatError(
        () => patOn(tableName, { bootstrapPhc: "scrypt$ln=14,r=8,p=1$c2FsdDE$aGFzaDE" }),
        "INVALID_CONFIG",
        /^Invalid bootstrap PHC string: invalid_phc/,
      );
    });

    it('"should reject unsupported algorithms"', async () => {
      await expectPatError(
        () => patOn(tableName, { bootstrapPhc: "$bcrypt$cost=12$c2FsdDE$aGFzaDE" }),
        "INVALID_CONFIG",
        /^Invalid bootstrap PHC string: unsupported_algorithm/,
      );
    });

    it('"should reject PHC with missing parameters"', async () => {
      await expectPatError(
        () => patOn(tableName, { bootstrapPhc: "$scrypt$ln=14,r=8$c2FsdDE$aGFzaDE" }),
        "INVALID_CONFIG",
        /^Invalid bootstrap PHC string: invalid_parameters/,
      );
    });
  });
});

describe("Token parsing (their suite)", () => {
  let pat: DynamoDBPat;

  beforeAll(async () => {
    ({ pat } = await refPat("parsing", { tokenPrefix: "pat_" }));
  });

  /** A 16-byte secret in standard base64 with padding: the shortest length accepted here. */
  const sixteen = Buffer.alloc(16, 5).toString("base64");

  it('"should reject token with wrong prefix"', async () => {
    expectRefused(await pat.verify("wrong_abc123def456ghi789jkl.c2VjcmV0MTIz"), "invalid_prefix");
  });

  it('"should reject token with missing dot separator"', async () => {
    expectRefused(await pat.verify("pat_abc123def456ghi789jklc2VjcmV0MTIz"), "invalid_format");
  });

  it('"should reject empty token"', async () => {
    expectRefused(await pat.verify(""), "invalid_prefix");
  });

  it('"should reject token with only prefix"', async () => {
    expectRefused(await pat.verify("pat_"), "invalid_format");
  });

  it('"should reject token with multiple dots"', async () => {
    expectRefused(await pat.verify("pat_abc123def456ghi789jkl.part1.part2"), "invalid_format");
  });

  describe("Token ID validation", () => {
    it('"should accept valid 21-character alphanumeric strings" — ours: a 4-byte secret is invalid_format; a 16-byte one reaches not_found', async () => {
      expectRefused(await pat.verify("pat_ABCdefghijklmnopqr123.dGVzdA"), "invalid_format");
      expectRefused(await pat.verify(`pat_ABCdefghijklmnopqr123.${sixteen}`), "not_found");
    });

    it('"should reject tokenId with invalid length"', async () => {
      expectRefused(await pat.verify("pat_ABCdefghijklmnopqr12.dGVzdA"), "invalid_format");
      expectRefused(await pat.verify(`pat_ABCdefghijklmnopqr12.${sixteen}`), "invalid_format");
    });

    it('"should reject tokenId with invalid length (too long)"', async () => {
      expectRefused(await pat.verify("pat_ABCdefghijklmnopqr1234.dGVzdA"), "invalid_format");
      expectRefused(await pat.verify(`pat_ABCdefghijklmnopqr1234.${sixteen}`), "invalid_format");
    });

    it('"should reject tokenId with invalid characters"', async () => {
      expectRefused(await pat.verify("pat_ABCdefghijklmnopqr-23.dGVzdA"), "invalid_format");
      expectRefused(await pat.verify(`pat_ABCdefghijklmnopqr-23.${sixteen}`), "invalid_format");
    });

    it('"should accept all numeric tokenId" — ours: a 4-byte secret is invalid_format; a 16-byte one reaches not_found', async () => {
      expectRefused(await pat.verify("pat_123456789012345678901.dGVzdA"), "invalid_format");
      expectRefused(await pat.verify(`pat_123456789012345678901.${sixteen}`), "not_found");
    });
  });

  describe("Base64 validation (through token parsing)", () => {
    it('"should accept standard base64 characters"', async () => {
      // 26 characters: 19 bytes, canonically spelled.
      const token = "pat_abc123def456ghi789jkl.QWxhZGRpbjpvcGVuIHNlc2FtZQ";
      expectRefused(await pat.verify(token), "not_found");
    });

    it('"should accept URL-safe base64 characters"', async () => {
      // 28 characters of the URL-safe alphabet: 21 bytes.
      const token = "pat_abc123def456ghi789jkl.QWxhZGRpbjpvcGVuIHNlc2FtZQ--";
      expectRefused(await pat.verify(token), "not_found");
    });

    it('"should accept base64 with padding" — ours: a 4-byte secret is invalid_format; a padded 16-byte one reaches not_found', async () => {
      expectRefused(await pat.verify("pat_abc123def456ghi789jkl.dGVzdA=="), "invalid_format");
      expect(sixteen.endsWith("==")).toBe(true);
      expectRefused(await pat.verify(`pat_abc123def456ghi789jkl.${sixteen}`), "not_found");
    });

    it('"should reject invalid base64 characters"', async () => {
      expectRefused(await pat.verify("pat_abc123def456ghi789jkl.dGVz dA"), "invalid_format");
    });

    it('"should reject empty secret"', async () => {
      expectRefused(await pat.verify("pat_abc123def456ghi789jkl."), "invalid_format");
    });

    it('"should reject very long token"', async () => {
      const token = `pat_abc123def456ghi789jkl.${"0".repeat(MAX_TOKEN_LENGTH)}`;
      expectRefused(await pat.verify(token), "invalid_format");
    });
  });
});
