/**
 * The FilterExpression of a listing does the filtering in DynamoDB: a raw Scan with only the
 * expression (no JS filter after it) returns exactly the records of each state, and the items
 * @access-tokens/core may write (NULL revokedAt / expiresAt) are judged as the record reader
 * judges them.
 */
import { DynamoDBDocumentClient, PutCommand, ScanCommand } from "@aws-sdk/lib-dynamodb";
import { DynamoDBTokenStore, type ScanOptions } from "@pat/store";
import { testDynamoDBClient } from "@pat/tooling/dynamodb";
import { describe, expect, it, inject } from "vitest";
import { makeRecord, NEXT_YEAR, NOW } from "../../../src/internal/conformance/fixtures.js";
import { scanFilter } from "../../../src/internal/dynamodb/scan-filter.js";
import { withTable } from "../../support/tables.js";

const client = testDynamoDBClient(inject("dynamodbEndpoint"));
const doc = DynamoDBDocumentClient.from(client);

describe("scanFilter on DynamoDB", () => {
  it("selects each state and expiringBefore server-side, NULL times read as unset", () =>
    withTable(client, "scan-filter", async (tableName) => {
      const store = new DynamoDBTokenStore({ tableName, ddbClient: client });
      const live = makeRecord({ expiresAt: NEXT_YEAR + 100 });
      const expired = makeRecord({ expiresAt: NEXT_YEAR });
      const revoked = makeRecord();
      await Promise.all([live, expired, revoked].map((r) => store.create(r)));
      await store.revoke(revoked.tokenId, { revokedAt: NOW });
      // Written as @access-tokens/core writes a never-used, never-revoked token with no expiry.
      const theirs = { ...makeRecord(), lastUsedAt: null, revokedAt: null, expiresAt: null };
      await doc.send(new PutCommand({ TableName: tableName, Item: theirs }));

      const raw = async (options: ScanOptions): Promise<string[]> => {
        const out = await doc.send(
          new ScanCommand({ TableName: tableName, ConsistentRead: true, ...scanFilter(options) }),
        );
        return (out.Items ?? []).map((item) => item.tokenId as string).sort();
      };
      const now = NEXT_YEAR + 1;
      expect(await raw({ state: "active", now })).toEqual([live.tokenId, theirs.tokenId].sort());
      expect(await raw({ state: "expired", now })).toEqual([expired.tokenId]);
      expect(await raw({ state: "revoked" })).toEqual([revoked.tokenId]);
      expect(await raw({ expiringBefore: NEXT_YEAR + 1 })).toEqual([expired.tokenId]);
      expect(scanFilter({})).toEqual({});
    }));
});
