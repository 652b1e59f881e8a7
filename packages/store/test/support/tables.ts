/**
 * A table of its own for each test: created (without TTL, so no sweeper races a test) before the
 * test runs and dropped after it, whatever the outcome.
 */
import { DeleteTableCommand, type DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { createTokenTable } from "@pat/store";
import { uniqueTableName } from "@pat/tooling/dynamodb";

/** Runs `test` with a fresh token table named after `prefix`, then drops the table. */
export async function withTable<T>(
  client: DynamoDBClient,
  prefix: string,
  test: (tableName: string) => Promise<T>,
): Promise<T> {
  const tableName = uniqueTableName(prefix);
  await createTokenTable({ client, tableName, ttl: false });
  try {
    return await test(tableName);
  } finally {
    await client.send(new DeleteTableCommand({ TableName: tableName }));
  }
}
