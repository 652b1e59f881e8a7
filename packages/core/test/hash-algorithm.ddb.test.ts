import { afterAll } from "vitest";
import { dropTables, freshStore } from "./support/ddb.js";
import { describeHashAlgorithms } from "./support/hash-algorithms.js";

afterAll(() => dropTables());

describeHashAlgorithms(
  "DynamoDBTokenStore (DynamoDB Local)",
  async () => (await freshStore("hash")).store,
);
