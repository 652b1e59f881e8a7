/**
 * `pnpm dynamodb:local`: a DynamoDB Local that keeps its tables in `<repo>/.dynamodb-data/`
 * (git-ignored) and runs until Ctrl-C. Port 8000 unless `DYNAMODB_LOCAL_PORT` says otherwise;
 * point tests, the CLI or the demo at it with `DYNAMODB_ENDPOINT`.
 */
import { fileURLToPath } from "node:url";
import { startDynamoDBLocal } from "../src/dynamodb/index";

process.env["AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED"] ??= "true";
const dbPath = fileURLToPath(new URL("../../.dynamodb-data/", import.meta.url));
const port = Number(process.env["DYNAMODB_LOCAL_PORT"] ?? 8000);

const local = await startDynamoDBLocal({ dbPath, port }).catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
console.log(`DynamoDB Local is running at ${local.endpoint} (data in ${dbPath}).`);
console.log(`  export DYNAMODB_ENDPOINT=${local.endpoint}`);
console.log(`  (or pass --endpoint ${local.endpoint} to pat; no AWS account needed)`);
console.log("Press Ctrl-C to stop.");

const shutdown = (): void => {
  void local.stop().then(() => process.exit(0));
};
process.once("SIGINT", shutdown);
process.once("SIGTERM", shutdown);
