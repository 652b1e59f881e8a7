import { afterAll } from "vitest";
import { describePatBehaviour } from "./support/behaviour/index.js";
import { dropTables, freshStore } from "./support/ddb.js";

afterAll(() => dropTables());

describePatBehaviour("DynamoDBTokenStore (DynamoDB Local)", {
  newStore: async () => (await freshStore("behaviour")).store,
});
