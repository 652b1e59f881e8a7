import { afterAll, describe, expect, it } from "vitest";
import { hashSecret, randomBytes, serializePhc } from "@pat/crypto";
import { MemoryTokenStore, Pat, type PatOptions } from "../../src/index.js";
import { assertNoSecretLeaked, expectPatError, rememberSecret } from "../support/hygiene.js";

const store = new MemoryTokenStore();
const make = (options: Partial<PatOptions>) => () => new Pat({ store, ...options } as PatOptions);

describe("Pat options", () => {
  afterAll(() => assertNoSecretLeaked());

  it("accepts the defaults and every documented option", async () => {
    const bootstrapPhc = await hashSecret(new Uint8Array(32), { cost: 16 });
    rememberSecret(bootstrapPhc);
    expect(new Pat({ store }).tokenPrefix).toBe("pat_");
    const pat = new Pat({
      store,
      tokenPrefix: "acme-Key_",
      keyLength: 32,
      saltLength: 16,
      scryptOptions: { cost: 1024, blockSize: 8, parallelization: 1, maxmem: 32 * 1024 * 1024 },
      bootstrapPhc,
      lastUsedResolutionSeconds: 60,
      verifyCache: { maxEntries: 10 },
      rehash: true,
      clock: () => 0,
    });
    expect(pat.tokenPrefix).toBe("acme-Key_");
    expect(new Pat({ store, verifyCache: false })).toBeInstanceOf(Pat);
  });

  it.each([
    ["a missing store", { store: undefined }, /^store must be a TokenStore/],
    ["a store without methods", { store: {} }, /store must be a TokenStore: it has no create\(\)/],
    [
      "a prefix with a dot",
      { tokenPrefix: "pat." },
      /^tokenPrefix must be 1-32 characters of \[A-Za-z0-9_-\] \(got a string of 4 characters\)$/,
    ],
    ["an empty prefix", { tokenPrefix: "" }, /^tokenPrefix/],
    ["a prefix of 33 characters", { tokenPrefix: "p".repeat(33) }, /^tokenPrefix/],
    [
      "a cost that is not a power of two",
      { scryptOptions: { cost: 1000 } },
      /^scryptOptions\.cost must be a power of two from 2 to 16777216$/,
    ],
    [
      "a cost of 1",
      { scryptOptions: { cost: 1 } },
      /^scryptOptions\.cost must be a power of two from 2 to 16777216$/,
    ],
    ["a fractional blockSize", { scryptOptions: { blockSize: 1.5 } }, /^scryptOptions\.blockSize/],
    [
      "a parallelization of 0",
      { scryptOptions: { parallelization: 0 } },
      /^scryptOptions\.parallelization/,
    ],
    [
      "a maxmem below the memory need 128·r·(N+p+2)",
      { scryptOptions: { cost: 16384, maxmem: 1024 * 1024 } },
      /^scrypt needs 16780288 bytes \(128 \* r \* \(N \+ p \+ 2\)\) but maxmem is 1048576 bytes$/,
    ],
    [
      // 128·N·r = 16777216 would pass this budget; verify's need is 16780288.
      "a maxmem of 16777215 at the default parameters, naming both numbers",
      { scryptOptions: { maxmem: 16_777_215 } },
      /^scrypt needs 16780288 bytes \(128 \* r \* \(N \+ p \+ 2\)\) but maxmem is 16777215 bytes$/,
    ],
    [
      "a maxmem of 16777216 (128·N·r) at the default parameters, naming both numbers",
      { scryptOptions: { maxmem: 16_777_216 } },
      /^scrypt needs 16780288 bytes \(128 \* r \* \(N \+ p \+ 2\)\) but maxmem is 16777216 bytes$/,
    ],
    [
      "scrypt work above SCRYPT_PARAM_BOUNDS.work (ln=15, r=8, p=16)",
      { scryptOptions: { cost: 2 ** 15, blockSize: 8, parallelization: 16 } },
      /^scrypt work N \* r \* p = 4194304 is above 2097152 \(SCRYPT_PARAM_BOUNDS\.work\)$/,
    ],
    [
      "scrypt work above the bound with a large maxmem (ln=19, r=8)",
      { scryptOptions: { cost: 2 ** 19, blockSize: 8, maxmem: 2 ** 30 } },
      /^scrypt work N \* r \* p = 4194304 is above 2097152 \(SCRYPT_PARAM_BOUNDS\.work\)$/,
    ],
    ["a keyLength of 15", { keyLength: 15 }, /^keyLength must be an integer from 16 to/],
    ["a saltLength of 8", { saltLength: 8 }, /^saltLength must be an integer from 16 to/],
    [
      "hashes longer than a record allows",
      { keyLength: 128, saltLength: 64 },
      /make PHC strings of \d+ characters; a stored record allows 200/,
    ],
    [
      "an invalid bootstrapPhc",
      { bootstrapPhc: "not a phc" },
      /^Invalid bootstrap PHC string: invalid_phc$/,
    ],
    [
      "a bootstrapPhc of another algorithm",
      {
        // Made at run time from random bytes: no file holds a hash-shaped string.
        bootstrapPhc: serializePhc({
          id: "argon2id",
          version: 19,
          params: { m: 65536, t: 3, p: 4 },
          salt: randomBytes(16),
          hash: randomBytes(16),
        }),
      },
      /^Invalid bootstrap PHC string: unsupported_algorithm$/,
    ],
    [
      "a negative lastUsedResolutionSeconds",
      { lastUsedResolutionSeconds: -1 },
      /^lastUsedResolutionSeconds/,
    ],
    ["verifyCache maxEntries 0", { verifyCache: { maxEntries: 0 } }, /^verifyCache\.maxEntries/],
    ["verifyCache true", { verifyCache: true }, /^verifyCache must be/],
    ["a non-boolean rehash", { rehash: "yes" }, /^rehash must be a boolean/],
    ["a clock that is not a function", { clock: 5 }, /^clock must be a function/],
  ])("refuses %s with INVALID_CONFIG naming the option", async (_label, options, message) => {
    if (typeof (options as { bootstrapPhc?: string }).bootstrapPhc === "string") {
      rememberSecret((options as { bootstrapPhc: string }).bootstrapPhc);
    }
    const error = await expectPatError(
      make(options as Partial<PatOptions>),
      "INVALID_CONFIG",
      message,
    );
    expect(error.name).toBe("InvalidConfigError");
  });

  it("never quotes a rejected value that could be a token, only its length", async () => {
    const { token } = await new Pat({ store, scryptOptions: { cost: 16 } }).issue({
      owner: "alice",
    });
    rememberSecret(token);
    for (const options of [
      { tokenPrefix: token },
      { lastUsedResolutionSeconds: token },
      { verifyCache: { maxEntries: token } },
    ] as unknown as Partial<PatOptions>[]) {
      const error = await expectPatError(
        make(options),
        "INVALID_CONFIG",
        new RegExp(`\\(got a string of ${token.length} characters\\)$`),
      );
      expect(error.message).not.toContain(token.slice(4));
    }
    const cost = await expectPatError(
      make({ scryptOptions: { cost: token } } as unknown as Partial<PatOptions>),
      "INVALID_CONFIG",
      /^scryptOptions\.cost must be a number$/,
    );
    expect(cost.message).not.toContain(token.slice(4));
  });

  it("accepts scrypt work up to the bound, which verify accepts too", () => {
    expect(
      new Pat({ store, scryptOptions: { cost: 2 ** 14, blockSize: 8, parallelization: 16 } }),
    ).toBeInstanceOf(Pat);
    expect(
      new Pat({ store, scryptOptions: { cost: 2 ** 18, blockSize: 8, maxmem: 2 ** 29 } }),
    ).toBeInstanceOf(Pat);
  });

  it("accepts a maxmem equal to the memory need 128·r·(N+p+2), and hashes and verifies with it", async () => {
    const pat = new Pat({ store: new MemoryTokenStore(), scryptOptions: { maxmem: 16_780_288 } });
    const { token } = await pat.issue({ owner: "x" });
    rememberSecret(token);
    expect((await pat.verify(token)).valid).toBe(true);
  });

  it("refuses a clock that returns no usable time, at the first use", async () => {
    const pat = new Pat({ store, scryptOptions: { cost: 16 }, clock: () => Number.NaN });
    await expectPatError(
      pat.issue({ owner: "x" }),
      "INVALID_CONFIG",
      /^clock must return milliseconds/,
    );
  });
});
