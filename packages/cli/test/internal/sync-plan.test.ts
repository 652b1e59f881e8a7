/**
 * The sync plan as a pure function: which steps a file and a set of stored records give, and in
 * which order. (The binary runs the plan against DynamoDB Local in sync.ddb.test.ts.)
 */
import { describe, expect, it } from "vitest";
import type { ListedRecord } from "../../src/internal/backend/backend.js";
import { planSync, type SyncStep } from "../../src/internal/sync/plan.js";
import type { TokenDefinition } from "../../src/internal/sync/sync-file.js";

const NOW = 1_900_000_000;
const CLEANUP = NOW + 30 * 86_400;
const ID_A = "A".repeat(21);
const ID_B = "B".repeat(21);
const ID_C = "C".repeat(21);
const PHC = "$scrypt$ln=4,r=8,p=1$c2FsdHNhbHRzYWx0c2FsdA$aGFzaA";
const PHC_2 = "$scrypt$ln=4,r=8,p=1$b3RoZXJzYWx0b3RoZXJzYQ$aGFzaA";

function wanted(fields: Partial<TokenDefinition> & { tokenId: string }): TokenDefinition {
  return { owner: "ci@example.com", isAdmin: false, revoked: false, ...fields };
}

function stored(fields: Partial<ListedRecord> & { tokenId: string }): ListedRecord {
  return { owner: "ci@example.com", isAdmin: false, roles: [], createdAt: NOW - 100, ...fields };
}

function plan(
  file: TokenDefinition[],
  records: ListedRecord[],
  ownTokenId?: string,
): { steps: readonly SyncStep[]; unchanged: number } {
  return planSync(file, new Map(records.map((record) => [record.tokenId, record])), {
    now: NOW,
    unlistedCleanupAt: CLEANUP,
    ...(ownTokenId !== undefined ? { ownTokenId } : {}),
  });
}

describe("planSync", () => {
  it("creates a missing token from its hash, with its roles sorted and its expiry", () => {
    const { steps } = plan(
      [
        wanted({
          tokenId: ID_A,
          secretPhc: PHC,
          isAdmin: true,
          roles: ["w", "r", "w"],
          expiresAt: NOW + 5,
        }),
      ],
      [],
    );
    expect(steps).toEqual([
      {
        action: "create",
        tokenId: ID_A,
        owner: "ci@example.com",
        input: {
          tokenId: ID_A,
          secretPhc: PHC,
          owner: "ci@example.com",
          isAdmin: true,
          roles: ["r", "w"],
          expiresAt: NOW + 5,
        },
      },
    ]);
  });

  it("skips a missing token without a hash, and one the file marks revoked", () => {
    const { steps } = plan(
      [wanted({ tokenId: ID_A }), wanted({ tokenId: ID_B, secretPhc: PHC, revoked: true })],
      [],
    );
    expect(steps.map((step) => [step.action, step.tokenId])).toEqual([
      ["skip", ID_A],
      ["skip", ID_B],
    ]);
    expect(steps[0]).toMatchObject({
      reason: "absent, and the file gives no secretPhc to create it",
    });
    expect(steps[1]).toMatchObject({
      reason: "absent, and revoked in the file: nothing to create",
    });
  });

  it("counts a token that matches as unchanged, comparing roles as sets and ignoring absent fields", () => {
    const result = plan(
      [wanted({ tokenId: ID_A, roles: ["b", "a", "a"] }), wanted({ tokenId: ID_B })],
      [
        stored({ tokenId: ID_A, roles: ["a", "b"], expiresAt: NOW + 9, secretPhc: PHC }),
        stored({ tokenId: ID_B, roles: ["x"], expiresAt: NOW + 9 }),
      ],
    );
    expect(result).toEqual({ steps: [], unchanged: 2 });
  });

  it("updates owner, admin flag, roles, hash and expiry in one step, showing no hash", () => {
    const { steps } = plan(
      [
        wanted({
          tokenId: ID_A,
          owner: "new@example.com",
          isAdmin: true,
          roles: [],
          secretPhc: PHC_2,
          expiresAt: null,
        }),
      ],
      [stored({ tokenId: ID_A, roles: ["r"], secretPhc: PHC, expiresAt: NOW + 9 })],
    );
    expect(steps).toEqual([
      {
        action: "update",
        tokenId: ID_A,
        owner: "new@example.com",
        changes: [
          { field: "owner", from: "ci@example.com", to: "new@example.com" },
          { field: "isAdmin", from: false, to: true },
          { field: "roles", from: ["r"], to: [] },
          { field: "secretPhc" },
          { field: "expiresAt", from: NOW + 9, to: null },
        ],
        input: {
          owner: "new@example.com",
          isAdmin: true,
          roles: [],
          secretPhc: PHC_2,
          expiresAt: null,
        },
      },
    ]);
  });

  it("does not compare a hash the backend did not give", () => {
    expect(
      plan([wanted({ tokenId: ID_A, secretPhc: PHC_2 })], [stored({ tokenId: ID_A })]),
    ).toEqual({
      steps: [],
      unchanged: 1,
    });
  });

  it("restores before updating and writes the file's expiry again after the restore", () => {
    const { steps } = plan(
      [wanted({ tokenId: ID_A, expiresAt: NOW + 50 })],
      [stored({ tokenId: ID_A, revokedAt: NOW - 5, expiresAt: NOW + 50 })],
    );
    expect(steps).toEqual([
      { action: "restore", tokenId: ID_A, owner: "ci@example.com" },
      {
        action: "update",
        tokenId: ID_A,
        owner: "ci@example.com",
        changes: [{ field: "expiresAt", from: NOW + 50, to: NOW + 50 }],
        input: { expiresAt: NOW + 50 },
      },
    ]);
  });

  it("updates before revoking a token the file marks revoked, and leaves a revoked one alone", () => {
    const { steps, unchanged } = plan(
      [
        wanted({ tokenId: ID_A, revoked: true, owner: "x@example.com" }),
        wanted({ tokenId: ID_B, revoked: true }),
      ],
      [stored({ tokenId: ID_A }), stored({ tokenId: ID_B, revokedAt: NOW - 1 })],
    );
    expect(steps.map((step) => [step.action, step.tokenId])).toEqual([
      ["update", ID_A],
      ["revoke", ID_A],
    ]);
    expect(steps[1]).toEqual({
      action: "revoke",
      tokenId: ID_A,
      owner: "x@example.com",
      reason: "revoked in the file",
    });
    expect(unchanged).toBe(1);
  });

  it("revokes valid tokens absent from the file with a cleanup time never past their expiry", () => {
    const { steps } = plan(
      [wanted({ tokenId: ID_A })],
      [
        stored({ tokenId: ID_A }),
        stored({ tokenId: ID_C, owner: "c@example.com" }),
        stored({ tokenId: ID_B, owner: "b@example.com", expiresAt: NOW + 60 }),
        stored({ tokenId: "D".repeat(21), revokedAt: NOW - 1 }),
        stored({ tokenId: "E".repeat(21), expiresAt: NOW }),
      ],
    );
    expect(steps).toEqual([
      {
        action: "revoke",
        tokenId: ID_B,
        owner: "b@example.com",
        reason: "not in the file",
        cleanupAt: NOW + 60,
      },
      {
        action: "revoke",
        tokenId: ID_C,
        owner: "c@example.com",
        reason: "not in the file",
        cleanupAt: CLEANUP,
      },
    ]);
  });

  it("leaves alone a token whose expiry in the file has passed, saying when it is still valid", () => {
    const { steps } = plan(
      [
        wanted({ tokenId: ID_A, expiresAt: NOW, owner: "new@example.com" }),
        wanted({ tokenId: ID_B, expiresAt: 5 }),
      ],
      [stored({ tokenId: ID_A })],
    );
    expect(steps).toEqual([
      {
        action: "skip",
        tokenId: ID_A,
        owner: "new@example.com",
        reason:
          "its expiresAt in the file has passed, but the token is still valid: mark it revoked: true to revoke it",
      },
      {
        action: "skip",
        tokenId: ID_B,
        owner: "ci@example.com",
        reason: "its expiresAt in the file has passed",
      },
    ]);
  });

  it("never revokes the admin token it runs with for being absent, and revokes it last when asked", () => {
    const absent = plan(
      [wanted({ tokenId: ID_A })],
      [stored({ tokenId: ID_A }), stored({ tokenId: ID_B })],
      ID_B,
    );
    expect(absent.steps).toEqual([
      {
        action: "skip",
        tokenId: ID_B,
        owner: "ci@example.com",
        reason: "not in the file, but it is the admin token this sync runs with: left valid",
      },
    ]);
    const revoked = plan(
      [wanted({ tokenId: ID_B, revoked: true }), wanted({ tokenId: ID_A, owner: "x@example.com" })],
      [stored({ tokenId: ID_A }), stored({ tokenId: ID_B }), stored({ tokenId: ID_C })],
      ID_B,
    );
    expect(revoked.steps.map((step) => [step.action, step.tokenId])).toEqual([
      ["update", ID_A],
      ["revoke", ID_C],
      ["revoke", ID_B],
    ]);
  });
});
