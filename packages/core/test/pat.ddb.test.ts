import { describePatBehaviour } from "./support/behaviour.js";
import { freshStore } from "./support/ddb.js";

describePatBehaviour("DynamoDBTokenStore (DynamoDB Local)", {
  newStore: async () => (await freshStore("behaviour")).store,
  exactCount: false,
});
