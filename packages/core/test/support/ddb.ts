/**
 * DynamoDB Local helpers for the core tests: a client for the run's endpoint, and fresh tables.
 * Tables are created without TTL: the suite's times are fixed in the past or near future, and
 * DynamoDB Local's sweeper deletes items whose `expiresAt` passed within seconds (real DynamoDB
 * takes up to about two days); expiry is tested through the injected clock instead.
 */
import { DeleteTableCommand } from "@aws-sdk/client-dynamodb";
import { inject } from "vitest";
import { testDynamoDBClient, uniqueTableName } from "@pat/tooling/dynamodb";
import { createTokenTable, DynamoDBTokenStore } from "../../src/index.js";

export const endpoint = inject("dynamodbEndpoint");
export const ddbClient = testDynamoDBClient(endpoint);

const created: string[] = [];

/** Creates a fresh token table (owner index unless told otherwise, no TTL); resolves its name. */
export async function freshTable(
  label: string,
  ownerIndex: boolean | string = true,
): Promise<string> {
  const tableName = uniqueTableName(`core-${label}`);
  await createTokenTable({ client: ddbClient, tableName, ttl: false, ownerIndex });
  created.push(tableName);
  return tableName;
}

/** Deletes every table this file created (call in afterAll). */
export async function dropTables(): Promise<void> {
  const names = created.splice(0);
  await Promise.all(
    names.map((TableName) => ddbClient.send(new DeleteTableCommand({ TableName }))),
  );
}

/** A DynamoDBTokenStore over a fresh table. */
export async function freshStore(
  label: string,
): Promise<{ store: DynamoDBTokenStore; tableName: string }> {
  const tableName = await freshTable(label);
  return { store: new DynamoDBTokenStore({ tableName, ddbClient }), tableName };
}
