/**
 * The guarded-write loop over a stand-in client whose every conditional write is refused: this
 * checks the loop's bounds and outcomes, not DynamoDB's behaviour (the conformance suite and the
 * fault tests do that against DynamoDB Local).
 */
import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { marshall } from "@aws-sdk/util-dynamodb";
import { describe, expect, it } from "vitest";
import {
  guardedWrite,
  MAX_GUARDED_ATTEMPTS,
} from "../../../src/internal/dynamodb/guarded-write.js";
import { restorePlan, revokePlan } from "../../../src/internal/dynamodb/revoke-plans.js";
import { TableClient } from "../../../src/internal/dynamodb/table-client.js";

const ID = "34NwRzvnBbgI3uedkrQ3Q";

/** A table whose writes are all refused, each showing `image` (none: the item is absent). */
function refusingTable(image?: Record<string, unknown>): {
  table: TableClient;
  sent: () => number;
} {
  let sent = 0;
  const client = {
    send: async () => {
      sent += 1;
      throw {
        name: "ConditionalCheckFailedException",
        ...(image === undefined ? {} : { Item: marshall(image) }),
      };
    },
  } as unknown as DynamoDBDocumentClient;
  return { table: new TableClient(client, "tokens"), sent: () => sent };
}

describe("guardedWrite", () => {
  it("throws TOKEN_NOT_FOUND when the refusal shows no item", async () => {
    const { table, sent } = refusingTable();
    await expect(guardedWrite(table, ID, revokePlan(1))).rejects.toMatchObject({
      code: "TOKEN_NOT_FOUND",
      message: `Token not found: ${ID}`,
    });
    expect(sent()).toBe(1);
  });

  it("ends when the plan says the refusal leaves nothing to do", async () => {
    const { table, sent } = refusingTable({ tokenId: ID });
    await expect(guardedWrite(table, ID, restorePlan())).resolves.toBeUndefined();
    expect(sent()).toBe(1);
  });

  it(`gives up with STORAGE_ERROR after ${MAX_GUARDED_ATTEMPTS} refusals`, async () => {
    // Revoked, with an expiry the plan keeps trying to lower: every write is refused.
    const { table, sent } = refusingTable({ tokenId: ID, revokedAt: 1, expiresAt: 500 });
    await expect(guardedWrite(table, ID, revokePlan(1, 100))).rejects.toMatchObject({
      code: "STORAGE_ERROR",
      storageErrorName: "ConditionalCheckFailedException",
      message: `DynamoDB revoke of ${ID} on table tokens gave up after 10 attempts refused by concurrent changes`,
    });
    expect(sent()).toBe(MAX_GUARDED_ATTEMPTS);
  });
});
