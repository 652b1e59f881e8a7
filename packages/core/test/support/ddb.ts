/**
 * DynamoDB Local helpers for the core tests: a client for the run's endpoint, and fresh tables.
 * Tables are created without TTL: the suite's times are fixed in the past or near future, and
 * DynamoDB Local's sweeper deletes items whose `expiresAt` passed within seconds (ARCHITECTURE
 * "Tests"); expiry is tested through the injected clock instead.
 */
import { inject } from "vitest";
import { testDynamoDBClient, uniqueTableName } from "@pat/tooling/dynamodb";
import { createTokenTable, DynamoDBTokenStore } from "../../src/index.js";

export const endpoint = inject("dynamodbEndpoint");
export const ddbClient = testDynamoDBClient(endpoint);

/** Creates a fresh token table (owner index, no TTL) and resolves its name. */
export async function freshTable(label: string): Promise<string> {
  const tableName = uniqueTableName(`core-${label}`);
  await createTokenTable({ client: ddbClient, tableName, ttl: false });
  return tableName;
}

/** A DynamoDBTokenStore over a fresh table. */
export async function freshStore(label: string): Promise<{ store: DynamoDBTokenStore; tableName: string }> {
  const tableName = await freshTable(label);
  return { store: new DynamoDBTokenStore({ tableName, ddbClient }), tableName };
}
