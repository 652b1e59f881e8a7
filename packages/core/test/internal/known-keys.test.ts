/**
 * Unknown keys are refused, naming the key and never a value: `INVALID_INPUT` in method arguments
 * (before any hashing or storage call), `INVALID_CONFIG` in constructor options. Only own
 * properties are read, so an inherited `owner` is missing, not used.
 */
import { describe, expect, it } from "vitest";
import { DynamoDBPat, MemoryTokenStore, Pat, type PatOptions } from "../../src/index.js";
import { CountingStore } from "../support/counting-store.js";
import { expectPatError } from "../support/hygiene.js";

const TEST_SCRYPT = { cost: 16, blockSize: 8, parallelization: 1 } as const;

function counted() {
  const store = new CountingStore(new MemoryTokenStore());
  const pat = new Pat({ store, scryptOptions: TEST_SCRYPT });
  return { store, pat };
}

// Deliberately untyped: these are the mistakes TypeScript users make through `any` or JSON.
type Loose = Record<string, unknown>;

const ISSUE_ACCEPTED = "owner, isAdmin, roles, expiresAt, tokenId, name, description, metadata";

describe("unknown keys in method arguments", () => {
  it("refuses issue({ owner, admin: true }) instead of making a non-admin token", async () => {
    const { store, pat } = counted();
    await expectPatError(
      pat.issue({ owner: "alice", admin: true } as Loose as never),
      "INVALID_INPUT",
      `issue params has an unknown key "admin" (accepted: ${ISSUE_ACCEPTED})`,
    );
    expect(store.total()).toBe(0);
  });

  it("refuses update(id, { expiresAT }) instead of resolving having done nothing", async () => {
    const { store, pat } = counted();
    const { record } = await pat.issue({ owner: "alice" });
    const before = store.total();
    await expectPatError(
      pat.update(record.tokenId, { expiresAT: 1 } as Loose as never),
      "INVALID_INPUT",
      'updates has an unknown key "expiresAT" (accepted: owner, isAdmin, roles, secretPhc, expiresAt, name, description, metadata)',
    );
    await expectPatError(
      pat.update(record.tokenId, { roles: { add: ["a"], remov: ["b"] } } as Loose as never),
      "INVALID_INPUT",
      'roles has an unknown key "remov" (accepted: add, remove)',
    );
    expect(store.total()).toBe(before);
  });

  it("refuses rotate(id, { grace }) instead of rotating with no grace at all", async () => {
    const { store, pat } = counted();
    const { record } = await pat.issue({ owner: "alice" });
    const before = store.total();
    await expectPatError(
      pat.rotate(record.tokenId, { grace: 3600 } as Loose as never),
      "INVALID_INPUT",
      'rotate options has an unknown key "grace" (accepted: graceSeconds, untilFirstUse)',
    );
    expect(store.total()).toBe(before);
  });

  it("refuses an unknown key in every method's argument object", async () => {
    const { store, pat } = counted();
    const id = "AAAAAAAAAAAAAAAAAAAAA";
    const cases: [string, () => unknown][] = [
      ["generate params", () => pat.generate({ tokenID: id } as Loose as never)],
      ["register params", () => pat.register({ tokenId: id, admin: true } as Loose as never)],
      ["revoke options", () => pat.revoke(id, { expires: 1 } as Loose as never)],
      ["list options", () => pat.list({ limits: 1 } as Loose as never)],
      ["list options", () => pat.listByOwner("alice", { role: "x" } as Loose as never)],
      ["batchLoad options", () => pat.batchLoad([id], { withSecret: true } as Loose as never)],
      ["bootstrap params", () => pat.bootstrap("pat_x", { owner: "a", admin: 1 } as never)],
    ];
    for (const [name, call] of cases) {
      await expectPatError(call, "INVALID_INPUT", new RegExp(`^${name} has an unknown key "`));
    }
    expect(store.total()).toBe(0);
  });

  it("shows a key that could be a token by its length only", async () => {
    const { pat } = counted();
    const token = `pat_${"A".repeat(21)}.${"s".repeat(43)}`;
    const error = await expectPatError(
      pat.issue({ owner: "alice", [token]: true } as Loose as never),
      "INVALID_INPUT",
      `issue params has an unknown key (a key of ${token.length} characters, not shown) (accepted: ${ISSUE_ACCEPTED})`,
    );
    expect(error.message).not.toContain("sss");
  });

  it("reads own properties only: an inherited owner is missing, before any hashing", async () => {
    const { store, pat } = counted();
    const inherited = Object.create({ owner: "alice", isAdmin: true }) as never;
    await expectPatError(pat.issue(inherited), "INVALID_INPUT", /^owner must be a string/);
    await expectPatError(pat.bootstrap("pat_x", inherited), "INVALID_INPUT", /^owner must be/);
    const proto = Object.prototype as Loose;
    proto.owner = "polluted";
    try {
      await expectPatError(pat.issue({} as never), "INVALID_INPUT", /^owner must be a string/);
    } finally {
      delete proto.owner;
    }
    expect(store.total()).toBe(0);
  });

  it("ignores an inherited isAdmin on an own-owner object", async () => {
    const { pat } = counted();
    const params = Object.assign(Object.create({ isAdmin: true }) as object, { owner: "alice" });
    const { record } = await pat.issue(params as never);
    expect(record.isAdmin).toBe(false);
  });
});

describe("unknown keys in constructor options", () => {
  const store = new MemoryTokenStore();
  const make = (options: Loose) => () => new Pat({ store, ...options } as PatOptions);

  it("refuses an unknown Pat option, naming it", async () => {
    await expectPatError(
      make({ tokenprefix: "acme_" }),
      "INVALID_CONFIG",
      /^options has an unknown key "tokenprefix" \(accepted: tokenPrefix, keyLength, saltLength, scryptOptions, bootstrapPhc, store, /,
    );
    await expectPatError(
      make({ scryptOptions: { N: 16 } }),
      "INVALID_CONFIG",
      'scryptOptions has an unknown key "N" (accepted: cost, blockSize, parallelization, maxmem)',
    );
    await expectPatError(
      make({ verifyCache: { size: 10 } }),
      "INVALID_CONFIG",
      'verifyCache has an unknown key "size" (accepted: maxEntries)',
    );
  });

  it("refuses an unknown DynamoDBPat option, naming it, and takes every documented one", async () => {
    await expectPatError(
      () => new DynamoDBPat({ tableName: "tokens", region: "eu-west-1" } as never),
      "INVALID_CONFIG",
      /^options has an unknown key "region" \(accepted: tableName, ddbClient, docClient, tokenPrefix, /,
    );
    const pat = new DynamoDBPat({
      tableName: "tokens",
      tokenPrefix: "acme_",
      keyLength: 32,
      saltLength: 16,
      scryptOptions: { cost: 16, blockSize: 8, parallelization: 1, maxmem: 64 * 1024 * 1024 },
      ownerIndexName: "owner-index",
      consistentRead: true,
      batchGetConcurrency: 2,
      lastUsedResolutionSeconds: 0,
      verifyCache: { maxEntries: 10 },
      rehash: false,
      clock: Date.now,
    });
    expect(pat.tokenPrefix).toBe("acme_");
  });
});
