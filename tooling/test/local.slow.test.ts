import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CreateTableCommand, ListTablesCommand } from "@aws-sdk/client-dynamodb";
import { describe, expect, it } from "vitest";
import { startDynamoDBLocal, testDynamoDBClient } from "../src/dynamodb/index";

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe("startDynamoDBLocal", () => {
  it("keeps tables in dbPath across restarts and stops the JVM", async () => {
    const dbPath = mkdtempSync(join(tmpdir(), "pat-ddb-"));
    try {
      const first = await startDynamoDBLocal({ dbPath });
      const client = testDynamoDBClient(first.endpoint);
      await client.send(
        new CreateTableCommand({
          TableName: "persisted",
          KeySchema: [{ AttributeName: "id", KeyType: "HASH" }],
          AttributeDefinitions: [{ AttributeName: "id", AttributeType: "S" }],
          BillingMode: "PAY_PER_REQUEST",
        }),
      );
      client.destroy();
      await first.stop();
      expect(alive(first.pid)).toBe(false);

      const second = await startDynamoDBLocal({ dbPath });
      try {
        expect(second.endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
        const again = testDynamoDBClient(second.endpoint);
        const tables = await again.send(new ListTablesCommand({}));
        again.destroy();
        expect(tables.TableNames).toEqual(["persisted"]);
      } finally {
        await second.stop();
      }
      expect(alive(second.pid)).toBe(false);
    } finally {
      rmSync(dbPath, { recursive: true, force: true });
    }
  });

  it("names the missing Java runtime in its error", async () => {
    await expect(startDynamoDBLocal({ java: "/nonexistent/java" })).rejects.toThrow(
      /\/nonexistent\/java" was not found.*Java 17\+/s,
    );
  });
});
