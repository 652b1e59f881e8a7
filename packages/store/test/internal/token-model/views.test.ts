import { describe, expect, it } from "vitest";
import type { TokenRecord } from "../../../src/port.js";
import {
  copyRecord,
  tokenStatus,
  toPublicRecord,
  toValidRecord,
} from "../../../src/internal/token-model/index.js";
import { placeholderPhc } from "../../../src/internal/conformance/fixtures.js";

function record(overrides: Partial<TokenRecord> = {}): TokenRecord {
  return {
    tokenId: "34NwRzvnBbgI3uedkrQ3Q",
    secretPhc: placeholderPhc(),
    owner: "alice",
    isAdmin: false,
    roles: ["reader"],
    createdAt: 1_700_000_000,
    lastUsedAt: 1_700_000_100,
    revokedAt: 1_700_000_200,
    expiresAt: null,
    ...overrides,
  };
}

describe("record views", () => {
  it("drop the hash (public) or the hash and the revoke time (valid), in fresh objects", () => {
    const stored = record();
    const { secretPhc: _phc, ...shown } = stored;
    const { revokedAt: _revokedAt, ...valid } = shown;
    const pub = toPublicRecord(stored);
    expect(pub).toStrictEqual(shown);
    expect(pub.roles).not.toBe(stored.roles);
    expect(toValidRecord(stored)).toStrictEqual(valid);
    expect(toValidRecord(stored, 1_700_000_300)).toStrictEqual({
      ...valid,
      lastUsedAt: 1_700_000_300,
    });
    const copy = copyRecord(stored);
    expect(copy).toStrictEqual(stored);
    expect(copy).not.toBe(stored);
    expect(copy.roles).not.toBe(stored.roles);
  });

  it("leave roles absent when there are none, never []", () => {
    for (const view of [toPublicRecord, toValidRecord, copyRecord]) {
      expect(view(record({ roles: [] }))).not.toHaveProperty("roles");
      const { roles: _roles, ...bare } = record();
      expect(view(bare)).not.toHaveProperty("roles");
    }
  });
});

describe("tokenStatus", () => {
  it("is revoked while revokedAt is set, else expired at or after expiresAt, else active", () => {
    expect(tokenStatus({ revokedAt: 5, expiresAt: 1 }, 10)).toBe("revoked");
    expect(tokenStatus({ expiresAt: 10 }, 10)).toBe("expired");
    expect(tokenStatus({ expiresAt: 11 }, 10)).toBe("active");
    expect(tokenStatus({ expiresAt: null }, 10)).toBe("active");
    expect(tokenStatus({}, 10)).toBe("active");
  });
});
