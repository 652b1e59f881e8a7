/**
 * Clients and names for tests that talk to a real DynamoDB endpoint (DynamoDB Local, LocalStack
 * or AWS), plus the readiness probe every provider uses: an emulator is ready when ListTables
 * answers, not when some fixed sleep has passed.
 */
import { randomBytes } from "node:crypto";
import {
  DynamoDBClient,
  ListTablesCommand,
  type DynamoDBClientConfig,
} from "@aws-sdk/client-dynamodb";

/**
 * Builds a DynamoDB client for tests: region `us-east-1`, static fake credentials (DynamoDB Local
 * accepts any), and a few retries so transient emulator hiccups do not fail a test.
 *
 * Throws nothing itself; requests throw the SDK's errors.
 *
 * @example
 * ```ts
 * import { inject } from "vitest";
 * const client = testDynamoDBClient(inject("dynamodbEndpoint"));
 * ```
 */
export function testDynamoDBClient(
  endpoint: string,
  overrides: DynamoDBClientConfig = {},
): DynamoDBClient {
  return new DynamoDBClient({
    region: "us-east-1",
    endpoint,
    credentials: { accessKeyId: "fakeMyKeyId", secretAccessKey: "fakeSecretAccessKey" },
    maxAttempts: 3,
    ...overrides,
  });
}

/**
 * A table name unique to this call: `<label>-<time>-<random>`, limited to DynamoDB's allowed
 * characters (`[A-Za-z0-9_.-]`, at most 255), so each test file can own a fresh table on a
 * shared endpoint.
 *
 * @throws RangeError when `label` has no usable character.
 * @example
 * ```ts
 * const tableName = uniqueTableName("store-conformance"); // "store-conformance-lq3x9a-4f1c2b9e"
 * ```
 */
export function uniqueTableName(label: string): string {
  const clean = label.replace(/[^A-Za-z0-9_.-]+/g, "-").slice(0, 200);
  if (clean.replace(/-/g, "") === "") {
    throw new RangeError(`uniqueTableName: label must contain [A-Za-z0-9_.], got "${label}"`);
  }
  return `${clean}-${Date.now().toString(36)}-${randomBytes(4).toString("hex")}`;
}

/**
 * Polls `endpoint` with ListTables until it answers or `timeoutMs` passes.
 *
 * @throws Error naming the endpoint and the last failure when the deadline passes, or when
 * `isAlive` reports that the process serving the endpoint has gone.
 * @example
 * ```ts
 * await waitForDynamoDB("http://127.0.0.1:8000", { timeoutMs: 30_000 });
 * ```
 */
export async function waitForDynamoDB(
  endpoint: string,
  options: { timeoutMs?: number; isAlive?: () => string | undefined } = {},
): Promise<void> {
  const deadline = Date.now() + (options.timeoutMs ?? 60_000);
  const client = testDynamoDBClient(endpoint, {
    maxAttempts: 1,
    requestHandler: { connectionTimeout: 1_000, requestTimeout: 2_000 },
  });
  let lastError: unknown;
  try {
    for (let delay = 50; ; delay = Math.min(delay * 2, 500)) {
      const dead = options.isAlive?.();
      if (dead !== undefined) throw new Error(`DynamoDB at ${endpoint} is gone: ${dead}`);
      try {
        await client.send(new ListTablesCommand({ Limit: 1 }));
        return;
      } catch (error) {
        lastError = error;
      }
      if (Date.now() + delay > deadline) break;
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
  } finally {
    client.destroy();
  }
  const reason = lastError instanceof Error ? lastError.message : String(lastError);
  throw new Error(`DynamoDB at ${endpoint} did not answer ListTables in time: ${reason}`, {
    cause: lastError,
  });
}
