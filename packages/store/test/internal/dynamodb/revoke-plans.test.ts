/**
 * The write plans of `revoke` and `restore` without DynamoDB: the expression of each shape, and
 * the shape (or the end) each refused image leads to. The conformance suite checks the same
 * transitions against DynamoDB Local, and `item.test.ts` checks the memory adapter's.
 */
import { describe, expect, it } from "vitest";
import { planExpression } from "../../../src/internal/dynamodb/guarded-write.js";
import { restorePlan, revokePlan } from "../../../src/internal/dynamodb/revoke-plans.js";

const item = (fields: Record<string, unknown>) => ({ tokenId: "34NwRzvnBbgI3uedkrQ3Q", ...fields });

describe("revokePlan", () => {
  it("first lowers the expiry of a live token, remembering the one it had", () => {
    const plan = revokePlan(100, 200);
    expect(plan.first).toEqual({ revoked: false, expiry: "lower" });
    expect(planExpression(plan, plan.first)).toEqual({
      UpdateExpression:
        "SET #revokedAt = :v1, #expiresAtBeforeRevoke = if_not_exists(#expiresAtBeforeRevoke, #expiresAt), #expiresAt = :v2",
      ConditionExpression:
        "(attribute_exists(#tokenId)) AND (NOT attribute_type(#revokedAt, :v0)) AND (#expiresAt > :v2)",
      ExpressionAttributeNames: {
        "#tokenId": "tokenId",
        "#revokedAt": "revokedAt",
        "#expiresAt": "expiresAt",
        "#expiresAtBeforeRevoke": "expiresAtBeforeRevoke",
      },
      ExpressionAttributeValues: { ":v0": "N", ":v1": 100, ":v2": 200 },
    });
  });

  it("picks the shape a refusal shows, and stops once revoked with nothing to lower", () => {
    const plan = revokePlan(100, 200);
    const cases: [Record<string, unknown>, unknown][] = [
      [{}, { done: false, next: { revoked: false, expiry: "lowerFromNone" } }],
      [{ expiresAt: null }, { done: false, next: { revoked: false, expiry: "lowerFromNone" } }],
      [{ expiresAt: 150 }, { done: false, next: { revoked: false, expiry: "keep" } }],
      [
        { expiresAt: 300, revokedAt: 50 },
        { done: false, next: { revoked: true, expiry: "lower" } },
      ],
      [
        { revokedAt: null, expiresAt: 300 },
        { done: false, next: { revoked: false, expiry: "lower" } },
      ],
      [
        { expiresAt: 200, revokedAt: 50 },
        { done: true, result: undefined },
      ],
    ];
    for (const [fields, after] of cases) {
      expect(plan.refused(item(fields), plan.first)).toEqual(after);
    }
    expect(revokePlan(100).refused(item({ revokedAt: 50 }), plan.first)).toEqual({
      done: true,
      result: undefined,
    });
  });

  it("writes each shape with the condition that holds exactly for it", () => {
    const plan = revokePlan(100, 200);
    expect(planExpression(plan, { revoked: true, expiry: "lowerFromNone" })).toMatchObject({
      UpdateExpression:
        "SET #expiresAtBeforeRevoke = if_not_exists(#expiresAtBeforeRevoke, :v3), #expiresAt = :v1",
      ConditionExpression:
        "(attribute_exists(#tokenId)) AND (attribute_type(#revokedAt, :v0)) AND (NOT attribute_type(#expiresAt, :v2))",
      ExpressionAttributeValues: { ":v0": "N", ":v1": 200, ":v2": "N", ":v3": null },
    });
    expect(planExpression(plan, { revoked: false, expiry: "keep" })).toMatchObject({
      UpdateExpression: "SET #revokedAt = :v1",
      ConditionExpression:
        "(attribute_exists(#tokenId)) AND (NOT attribute_type(#revokedAt, :v0)) AND (#expiresAt <= :v2)",
    });
    const noCleanup = revokePlan(100);
    expect(planExpression(noCleanup, noCleanup.first)).toMatchObject({
      UpdateExpression: "SET #revokedAt = :v1",
      ConditionExpression: "(attribute_exists(#tokenId)) AND (NOT attribute_type(#revokedAt, :v0))",
    });
  });
});

describe("restorePlan", () => {
  it("first restores a plain revoke, and picks the remembered expiry's shape after a refusal", () => {
    const plan = restorePlan();
    expect(plan.first).toBe("plain");
    expect(planExpression(plan, "plain")).toMatchObject({
      UpdateExpression: "REMOVE #revokedAt, #expiresAtBeforeRevoke",
      ConditionExpression:
        "(attribute_exists(#tokenId)) AND (attribute_type(#revokedAt, :v0)) AND (NOT (attribute_type(#expiresAtBeforeRevoke, :v1) OR attribute_type(#expiresAtBeforeRevoke, :v2)))",
      ExpressionAttributeValues: { ":v0": "N", ":v1": "N", ":v2": "NULL" },
    });
    expect(planExpression(plan, "number").UpdateExpression).toBe(
      "SET #expiresAt = #expiresAtBeforeRevoke REMOVE #revokedAt, #expiresAtBeforeRevoke",
    );
    expect(planExpression(plan, "null").UpdateExpression).toBe(
      "REMOVE #revokedAt, #expiresAtBeforeRevoke, #expiresAt",
    );
    expect(plan.refused(item({ revokedAt: 5, expiresAtBeforeRevoke: 9 }), "plain")).toEqual({
      done: false,
      next: "number",
    });
    expect(plan.refused(item({ revokedAt: 5, expiresAtBeforeRevoke: null }), "plain")).toEqual({
      done: false,
      next: "null",
    });
    expect(plan.refused(item({ revokedAt: 5 }), "number")).toEqual({ done: false, next: "plain" });
  });

  it("leaves a token that is not revoked as it is", () => {
    const plan = restorePlan();
    for (const fields of [{}, { revokedAt: null }]) {
      expect(plan.refused(item(fields), "plain")).toEqual({ done: true, result: undefined });
    }
  });
});
