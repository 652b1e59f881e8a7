/**
 * The write plan of `update` without DynamoDB: the expression written for each shape, and what a
 * refused write's image leads to. (That DynamoDB evaluates these expressions as intended is what
 * the conformance suite checks against DynamoDB Local.)
 */
import { describe, expect, it } from "vitest";
import { planExpression } from "../../../src/internal/dynamodb/guarded-write.js";
import { updatePlan } from "../../../src/internal/dynamodb/update-plan.js";
import { normaliseChanges } from "../../../src/internal/token-model/index.js";
import { makeRecord, PHC_A, PHC_B } from "../../../src/internal/conformance/fixtures.js";

const stored = (overrides: Record<string, unknown> = {}) => ({ ...makeRecord(), ...overrides });

describe("updatePlan", () => {
  it("writes every change in one expression, guarded by the item's existence", () => {
    const plan = updatePlan(
      normaliseChanges({ owner: "bob", isAdmin: true, expiresAt: null, roles: [] }),
      undefined,
      undefined,
    );
    expect(plan.first).toEqual({ roles: "any" });
    expect(planExpression(plan, plan.first)).toEqual({
      UpdateExpression:
        "SET #owner = :v0, #isAdmin = :v1, #expiresAt = :v2 REMOVE #expiresAtBeforeRevoke, #roles",
      ConditionExpression: "(attribute_exists(#tokenId))",
      ExpressionAttributeNames: {
        "#tokenId": "tokenId",
        "#owner": "owner",
        "#isAdmin": "isAdmin",
        "#expiresAt": "expiresAt",
        "#expiresAtBeforeRevoke": "expiresAtBeforeRevoke",
        "#roles": "roles",
      },
      ExpressionAttributeValues: { ":v0": "bob", ":v1": true, ":v2": null },
    });
  });

  it("adds roles assuming room for all first, then the exact set the refusal showed", () => {
    const plan = updatePlan(normaliseChanges({ roles: { add: ["a", "b"] } }), undefined, undefined);
    expect(plan.first).toEqual({ roles: "room", adding: 2 });
    expect(planExpression(plan, plan.first)).toMatchObject({
      UpdateExpression: "ADD #roles :v0",
      ConditionExpression:
        "(attribute_exists(#tokenId)) AND (attribute_not_exists(#roles) OR size(#roles) <= :v1)",
      ExpressionAttributeValues: { ":v0": new Set(["a", "b"]), ":v1": 48 },
    });
    const held = Array.from({ length: 49 }, (_, i) => (i === 0 ? "a" : `r${i}`));
    const after = plan.refused(stored({ roles: new Set(held) }), plan.first);
    expect(after).toEqual({ done: false, next: { roles: "exact", held: new Set(held) } });
    if (after.done) throw new Error("unreachable");
    expect(planExpression(plan, after.next)).toMatchObject({
      ConditionExpression:
        "(attribute_exists(#tokenId)) AND (size(#roles) = :v1) AND (contains(#roles, :v2)) AND (NOT contains(#roles, :v3))",
      ExpressionAttributeValues: { ":v0": new Set(["a", "b"]), ":v1": 49, ":v2": "a", ":v3": "b" },
    });
    expect(planExpression(plan, { roles: "exact", held: new Set<string>() })).toMatchObject({
      ConditionExpression:
        "(attribute_exists(#tokenId)) AND (attribute_not_exists(#roles)) AND (NOT contains(#roles, :v1)) AND (NOT contains(#roles, :v2))",
    });
  });

  it("refuses an add that the refusal shows would pass 50 roles, with INVALID_INPUT", () => {
    const plan = updatePlan(normaliseChanges({ roles: { add: ["x", "y"] } }), undefined, undefined);
    const held = new Set(Array.from({ length: 49 }, (_, i) => `r${i}`));
    expect(() => plan.refused(stored({ roles: held }), plan.first)).toThrow(
      expect.objectContaining({
        code: "INVALID_INPUT",
        message: "roles would hold more than 50 roles",
      }),
    );
  });

  it("removes and replaces roles as set operations", () => {
    const remove = updatePlan(normaliseChanges({ roles: { remove: ["a"] } }), undefined, undefined);
    expect(planExpression(remove, remove.first).UpdateExpression).toBe("DELETE #roles :v0");
    const replace = updatePlan(normaliseChanges({ roles: ["c"] }), undefined, undefined);
    expect(planExpression(replace, replace.first)).toMatchObject({
      UpdateExpression: "SET #roles = :v0",
      ExpressionAttributeValues: { ":v0": new Set(["c"]) },
    });
  });

  it("conditions a rotation on the stored hash and carries the nonce", () => {
    const plan = updatePlan(normaliseChanges({ secretPhc: PHC_B }), PHC_A, "nonce-1");
    expect(planExpression(plan, plan.first)).toMatchObject({
      UpdateExpression: "SET #secretPhc = :v1, #writeNonce = :v2",
      ConditionExpression: "(attribute_exists(#tokenId)) AND (#secretPhc = :v0)",
      ExpressionAttributeValues: { ":v0": PHC_A, ":v1": PHC_B, ":v2": "nonce-1" },
    });
  });

  it("reads a refused rotation: another writer wins (null), our own committed retry is the record", () => {
    const plan = updatePlan(normaliseChanges({ secretPhc: PHC_B }), PHC_A, "nonce-1");
    const theirs = stored({ secretPhc: PHC_B, writeNonce: "nonce-2" });
    expect(plan.refused(theirs, plan.first)).toEqual({ done: true, result: null });
    const record = makeRecord({ secretPhc: PHC_B });
    const ours = { ...record, writeNonce: "nonce-1" };
    expect(plan.refused(ours, plan.first)).toEqual({ done: true, result: record });
  });

  it("answers the record written from the new image", () => {
    const plan = updatePlan(normaliseChanges({ owner: "bob" }), undefined, undefined);
    const image = { ...makeRecord({ owner: "bob" }), writeNonce: "n" };
    const { writeNonce: _n, ...record } = image;
    expect(plan.written(image)).toEqual(record);
  });
});
