import { describe, expect, it } from "vitest";
import {
  loweredExpiry,
  retiredByRotation,
  rotationRefusal,
  successorRecord,
  tokenStatus,
  validateRecord,
} from "../../../src/internal/token-model/index.js";
import { placeholderPhc } from "../../../src/internal/conformance/fixtures.js";

const PHC = placeholderPhc(14);
const OLD = "34NwRzvnBbgI3uedkrQ3Q";
const NEW = "AAAAAAAAAAAAAAAAAAAAA";
const base = { tokenId: OLD, secretPhc: PHC, owner: "alice", isAdmin: false, createdAt: 100 };

describe("rotation attributes of a record", () => {
  it("reads rotatedFrom, rotatedTo, graceEndsAt and a true awaitingFirstUse", () => {
    const record = validateRecord({
      ...base,
      rotatedFrom: NEW,
      rotatedTo: NEW,
      graceEndsAt: 200,
      awaitingFirstUse: true,
    });
    expect(record).toMatchObject({
      rotatedFrom: NEW,
      rotatedTo: NEW,
      graceEndsAt: 200,
      awaitingFirstUse: true,
    });
    expect(validateRecord({ ...base, awaitingFirstUse: false })).not.toHaveProperty(
      "awaitingFirstUse",
    );
  });

  it("refuses malformed rotation attributes with INVALID_RECORD naming them", () => {
    expect(() => validateRecord({ ...base, rotatedTo: "short" })).toThrow(
      `Cannot load invalid record for token ${OLD}: rotatedTo must be 21 characters of [A-Za-z0-9] (got a string of 5 characters)`,
    );
    expect(() => validateRecord({ ...base, graceEndsAt: -1 })).toThrow(/graceEndsAt/);
    expect(() => validateRecord({ ...base, awaitingFirstUse: "yes" })).toThrow(
      /awaitingFirstUse must be a boolean/,
    );
  });
});

describe("rotation rules", () => {
  it("retires a rotated token at its grace end, and tokenStatus calls it revoked", () => {
    expect(retiredByRotation({ graceEndsAt: 200 }, 199)).toBe(false);
    expect(retiredByRotation({ graceEndsAt: 200 }, 200)).toBe(true);
    expect(retiredByRotation({}, 10_000)).toBe(false);
    expect(tokenStatus({ graceEndsAt: 200, expiresAt: 200 }, 200)).toBe("revoked");
    expect(tokenStatus({ graceEndsAt: 200, expiresAt: 200 }, 199)).toBe("active");
  });

  it("lowers an expiry to the grace end only when that is earlier or there was none", () => {
    expect(loweredExpiry(500, 300)).toBe(300);
    expect(loweredExpiry(300, 300)).toBeUndefined();
    expect(loweredExpiry(200, 300)).toBeUndefined();
    expect(loweredExpiry(null, 300)).toBe(300);
    expect(loweredExpiry(undefined, 300)).toBe(300);
    expect(loweredExpiry(500, undefined)).toBeUndefined();
  });

  it("refuses in order: rotated, revoked, expired, pending", () => {
    const code = (extra: object) => rotationRefusal({ ...base, ...extra }, 150)?.code;
    expect(code({ rotatedTo: NEW, revokedAt: 120, expiresAt: 100 })).toBe("TOKEN_ROTATED");
    expect(code({ revokedAt: 120, expiresAt: 100 })).toBe("TOKEN_REVOKED");
    expect(code({ expiresAt: 150, awaitingFirstUse: true, rotatedFrom: NEW })).toBe(
      "TOKEN_EXPIRED",
    );
    expect(code({ awaitingFirstUse: true, rotatedFrom: NEW })).toBe("ROTATION_PENDING");
    expect(code({ expiresAt: 151 })).toBeUndefined();
  });

  it("builds a successor that copies the token but none of its use or state", () => {
    const successor = successorRecord(
      { ...base, roles: ["r"], expiresAt: null, lastUsedAt: 140, rotatedFrom: NEW },
      { successorId: NEW, secretPhc: PHC, rotatedAt: 150, untilFirstUse: true },
    );
    expect(successor).toEqual({
      tokenId: NEW,
      secretPhc: PHC,
      owner: "alice",
      isAdmin: false,
      roles: ["r"],
      createdAt: 150,
      expiresAt: null,
      rotatedFrom: OLD,
      awaitingFirstUse: true,
    });
  });
});
