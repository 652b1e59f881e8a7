/**
 * vitest global setup of the `dynamodb` project: one DynamoDB endpoint per test run, handed to
 * test files as `inject("dynamodbEndpoint")`. Each test file then creates its own table
 * (`uniqueTableName`), so files never share state. The emulator is stopped by the returned
 * teardown, which vitest runs even when tests fail, and by exit/signal handlers otherwise.
 */
import type { TestProject } from "vitest/node";
import "./provided-context";
import { resolveDynamoDBEndpoint } from "./resolve";

/**
 * Starts (or finds) DynamoDB and provides its URL; returns the teardown.
 *
 * @throws Error when no provider can start (see `resolveDynamoDBEndpoint`).
 * @example
 * ```ts
 * // vitest project config
 * test: { globalSetup: ["tooling/src/dynamodb/global-setup.ts"] }
 * ```
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  // Same notice as in the workers (see vitest.shared.ts), here for the main vitest process.
  process.env["AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED"] ??= "true";
  const started = Date.now();
  const ddb = await resolveDynamoDBEndpoint();
  project.provide("dynamodbEndpoint", ddb.endpoint);
  if (process.env["PAT_DYNAMODB_VERBOSE"]) {
    console.info(`[dynamodb] ${ddb.provider} at ${ddb.endpoint} in ${Date.now() - started} ms`);
  }
  return () => ddb.stop();
}
