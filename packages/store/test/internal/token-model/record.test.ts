import { describe, expect, it } from "vitest";
import {
  MAX_OWNER_LENGTH,
  MAX_ROLE_LENGTH,
  MAX_ROLES,
  MAX_SECRET_PHC_LENGTH,
  TOKEN_ID_PATTERN,
  tryParseRecord,
  validateRecord,
} from "../../../src/internal/token-model/index.js";
import { placeholderPhc } from "../../../src/internal/conformance/fixtures.js";

const PHC = placeholderPhc(14);
const base = {
  tokenId: "34NwRzvnBbgI3uedkrQ3Q",
  secretPhc: PHC,
  owner: "alice",
  isAdmin: false,
  createdAt: 1_700_000_000,
};

function messageOf(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    expect(error).toMatchObject({ code: "INVALID_RECORD", name: "InvalidRecordError" });
    return (error as Error).message;
  }
  throw new Error("expected a throw");
}

describe("validateRecord", () => {
  it("exports the documented limits", () => {
    expect([MAX_OWNER_LENGTH, MAX_ROLES, MAX_ROLE_LENGTH, MAX_SECRET_PHC_LENGTH]).toEqual([
      100, 50, 100, 200,
    ]);
    expect(TOKEN_ID_PATTERN.test(base.tokenId)).toBe(true);
  });

  it("reads a String Set of roles (a Set from lib-dynamodb) as an array", () => {
    const record = validateRecord({ ...base, roles: new Set(["a", "b"]) });
    expect(record.roles).toEqual(["a", "b"]);
  });

  it("reads an item as @access-tokens/core does: no roles stays absent, isAdmin false, a NULL expiry null", () => {
    const { isAdmin: _drop, ...noAdmin } = base;
    const record = validateRecord({
      ...noAdmin,
      lastUsedAt: null,
      revokedAt: null,
      expiresAt: null,
    });
    expect(record).toStrictEqual({ ...base, expiresAt: null });
    for (const roles of [undefined, null, [], new Set()]) {
      expect(validateRecord({ ...base, roles })).toStrictEqual(base);
    }
    expect(validateRecord(base)).not.toHaveProperty("expiresAt");
  });

  it("ignores unknown attributes, such as those of @access-tokens/core items", () => {
    const record = validateRecord({
      ...base,
      roles: new Set(["reader"]),
      isRevoked: false,
      updatedAt: 1_700_000_100,
      expiresAtBeforeRevoke: null,
      expiresAt: 1_800_000_000,
    });
    expect(record).toEqual({ ...base, roles: ["reader"], expiresAt: 1_800_000_000 });
  });

  it("names the attribute and bound that is wrong", () => {
    expect(messageOf(() => validateRecord(null))).toBe(
      "Cannot load invalid token record: not an object",
    );
    expect(messageOf(() => validateRecord({ ...base, owner: "" }, "store"))).toBe(
      "Cannot store invalid token record: owner must be a string of 1-100 characters (got a string of 0 characters)",
    );
    expect(messageOf(() => validateRecord({ ...base, tokenId: "short" }))).toBe(
      "Cannot load invalid token record: tokenId must be 21 characters of [A-Za-z0-9] (got a string of 5 characters)",
    );
    expect(messageOf(() => validateRecord({ ...base, owner: "" }))).toBe(
      `Cannot load invalid record for token ${base.tokenId}: owner must be a string of 1-100 characters (got a string of 0 characters)`,
    );
    expect(messageOf(() => validateRecord({ ...base, owner: "o".repeat(101) }))).toContain("owner");
    expect(messageOf(() => validateRecord({ ...base, isAdmin: "yes" }))).toContain("isAdmin");
    expect(messageOf(() => validateRecord({ ...base, createdAt: -1 }))).toContain("createdAt");
    expect(messageOf(() => validateRecord({ ...base, createdAt: 1.5 }))).toContain("createdAt");
    expect(messageOf(() => validateRecord({ ...base, expiresAt: "soon" }))).toContain("expiresAt");
    expect(messageOf(() => validateRecord({ ...base, lastUsedAt: -5 }))).toContain("lastUsedAt");
    expect(messageOf(() => validateRecord({ ...base, revokedAt: NaN }))).toContain("revokedAt");
    expect(messageOf(() => validateRecord({ ...base, roles: "admin" }))).toContain("roles");
    expect(messageOf(() => validateRecord({ ...base, roles: [""] }))).toContain("roles");
    expect(messageOf(() => validateRecord({ ...base, roles: ["r".repeat(101)] }))).toContain(
      "1-100",
    );
    expect(messageOf(() => validateRecord({ ...base, roles: ["a", "a"] }))).toBe(
      `Cannot load invalid record for token ${base.tokenId}: roles[1] duplicates an earlier role (each role may appear once)`,
    );
    const many = Array.from({ length: 51 }, (_, i) => `r${i}`);
    expect(messageOf(() => validateRecord({ ...base, roles: many }))).toBe(
      `Cannot load invalid record for token ${base.tokenId}: roles must hold at most 50 roles (got 51)`,
    );
  });

  it("never echoes secretPhc in a message", () => {
    const long = `${PHC}${"A".repeat(200)}`;
    const message = messageOf(() => validateRecord({ ...base, secretPhc: long }));
    expect(message).toBe(
      `Cannot load invalid record for token ${base.tokenId}: secretPhc must be a string of 1-200 characters (got a string of ${long.length} characters)`,
    );
    expect(message).not.toContain(PHC);
    const other = messageOf(() => validateRecord({ ...base, secretPhc: PHC, owner: 7 }));
    expect(other).not.toContain(PHC);
    expect(messageOf(() => validateRecord({ ...base, secretPhc: "" }))).toContain("secretPhc");
  });

  it("accepts the bounds themselves", () => {
    const roles = Array.from({ length: 50 }, (_, i) => `${i}`.padEnd(100, "x"));
    const record = validateRecord({
      ...base,
      owner: "o".repeat(100),
      secretPhc: "p".repeat(200),
      roles,
      createdAt: 0,
    });
    expect(record.roles).toHaveLength(50);
  });
});

describe("tryParseRecord", () => {
  it("returns null for an invalid item and the record for a valid one", () => {
    expect(tryParseRecord({ tokenId: "#bootstrap" })).toBeNull();
    expect(tryParseRecord(base)).toStrictEqual(base);
  });
});
