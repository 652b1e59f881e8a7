import { describe, expect, it } from "vitest";
import { testDynamoDBClient, uniqueTableName } from "../src/dynamodb/index";

describe("uniqueTableName", () => {
  it("keeps the label and adds a unique suffix of allowed characters", () => {
    const names = new Set(Array.from({ length: 200 }, () => uniqueTableName("store conformance")));
    expect(names.size).toBe(200);
    for (const name of names) {
      expect(name).toMatch(/^store-conformance-[a-z0-9]+-[0-9a-f]{8}$/);
      expect(name.length).toBeLessThanOrEqual(255);
    }
  });

  it("refuses a label without any usable character", () => {
    expect(() => uniqueTableName("  !! ")).toThrow(RangeError);
  });
});

describe("testDynamoDBClient", () => {
  it("targets the endpoint in us-east-1 with static credentials and retries", async () => {
    const client = testDynamoDBClient("http://127.0.0.1:1", { maxAttempts: 5 });
    expect(await client.config.region()).toBe("us-east-1");
    expect(await client.config.maxAttempts()).toBe(5);
    const endpoint = await client.config.endpoint?.();
    expect(endpoint?.hostname).toBe("127.0.0.1");
    expect(endpoint?.port).toBe(1);
    client.destroy();
  });
});
