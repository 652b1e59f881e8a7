/**
 * Creates (or completes) a DynamoDB table for token records: partition key `tokenId` (S), the
 * `owner-index` GSI (partition key `owner`, projection ALL) and TTL on `expiresAt`.
 *
 * Readiness is probed with DescribeTable until the table and its indexes are ACTIVE, never
 * waited for with a fixed sleep. On an existing table (`ResourceInUseException`) it waits for
 * ACTIVE, adds the owner index if it is missing, and enables TTL if it is off, so it is safe to
 * call at every start-up.
 */
import {
  CreateTableCommand,
  DescribeTableCommand,
  DescribeTimeToLiveCommand,
  type DynamoDBClient,
  type TableDescription,
  UpdateTableCommand,
  UpdateTimeToLiveCommand,
} from "@aws-sdk/client-dynamodb";
import { InvalidConfigError } from "../../errors.js";
import { sleep } from "./backoff.js";
import { errorName, translateError } from "./errors.js";

/** Options of {@link createTokenTable}. */
export interface CreateTokenTableOptions {
  /** A DynamoDB client (from any copy of the AWS SDK v3). */
  readonly client: DynamoDBClient;
  readonly tableName: string;
  /** Create the `owner-index` GSI (`true`, the default), or one named by the string, or none. */
  readonly ownerIndex?: boolean | string;
  /** Enable TTL on `expiresAt`; default `true`. */
  readonly ttl?: boolean;
  /** `"PAY_PER_REQUEST"` (default) or provisioned capacity for the table and the index. */
  readonly billing?: "PAY_PER_REQUEST" | { readonly read: number; readonly write: number };
  /** How long to wait for ACTIVE, in ms; default 300 000. */
  readonly timeoutMs?: number;
}

/** What {@link createTokenTable} did. */
export interface CreateTokenTableResult {
  readonly tableName: string;
  /** `false` when the table existed already. */
  readonly created: boolean;
}

function configError(message: string): never {
  throw new InvalidConfigError(`createTokenTable: ${message}`);
}

/**
 * Creates the token table and waits until it is ACTIVE; completes an existing one (owner index,
 * TTL). Resolves what it did.
 *
 * @throws InvalidConfigError (`INVALID_CONFIG`) for bad options; StorageError (`STORAGE_ERROR`)
 * when DynamoDB refuses or the table is not ACTIVE within `timeoutMs`.
 * @example
 * ```ts
 * import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
 * await createTokenTable({ client: new DynamoDBClient({}), tableName: "tokens" });
 * ```
 */
export async function createTokenTable(
  options: CreateTokenTableOptions,
): Promise<CreateTokenTableResult> {
  const { client, tableName } = options;
  if (typeof client?.send !== "function") configError("client must be a DynamoDB client");
  if (typeof tableName !== "string" || tableName.length < 3 || tableName.length > 255) {
    configError("tableName must be a string of 3-255 characters");
  }
  const indexName =
    options.ownerIndex === false
      ? undefined
      : typeof options.ownerIndex === "string"
        ? options.ownerIndex
        : "owner-index";
  const billing = options.billing ?? "PAY_PER_REQUEST";
  let throughput: { ReadCapacityUnits: number; WriteCapacityUnits: number } | undefined;
  if (billing !== "PAY_PER_REQUEST") {
    const { read, write } = billing ?? {};
    if (!Number.isSafeInteger(read) || !Number.isSafeInteger(write) || read < 1 || write < 1) {
      configError('billing must be "PAY_PER_REQUEST" or { read, write } positive integers');
    }
    throughput = { ReadCapacityUnits: read, WriteCapacityUnits: write };
  }
  const timeoutMs = options.timeoutMs ?? 300_000;
  const fail = (operation: string, error: unknown): never => {
    throw translateError(error, { operation, tableName });
  };
  const send = async <T>(operation: string, run: () => Promise<T>): Promise<T> => {
    try {
      return await run();
    } catch (error) {
      return fail(operation, error);
    }
  };
  const ownerIndex = (name: string) => ({
    IndexName: name,
    KeySchema: [{ AttributeName: "owner", KeyType: "HASH" as const }],
    Projection: { ProjectionType: "ALL" as const },
    ...(throughput ? { ProvisionedThroughput: throughput } : {}),
  });

  let created = true;
  try {
    await client.send(
      new CreateTableCommand({
        TableName: tableName,
        AttributeDefinitions: [
          { AttributeName: "tokenId", AttributeType: "S" },
          ...(indexName ? [{ AttributeName: "owner", AttributeType: "S" as const }] : []),
        ],
        KeySchema: [{ AttributeName: "tokenId", KeyType: "HASH" }],
        ...(indexName ? { GlobalSecondaryIndexes: [ownerIndex(indexName)] } : {}),
        ...(throughput
          ? { BillingMode: "PROVISIONED", ProvisionedThroughput: throughput }
          : { BillingMode: "PAY_PER_REQUEST" }),
      }),
    );
  } catch (error) {
    if (errorName(error) !== "ResourceInUseException") fail("CreateTable", error);
    created = false;
  }

  const deadline = Date.now() + timeoutMs;
  const waitActive = async (): Promise<TableDescription> => {
    for (let delay = 50; ; delay = Math.min(delay * 2, 1_000)) {
      const out = await send("DescribeTable", () =>
        client.send(new DescribeTableCommand({ TableName: tableName })),
      );
      const table = out.Table;
      const indexesActive = (table?.GlobalSecondaryIndexes ?? []).every(
        (index) => index.IndexStatus === "ACTIVE",
      );
      if (table?.TableStatus === "ACTIVE" && indexesActive) return table;
      if (Date.now() > deadline) {
        return fail(
          "DescribeTable",
          Object.assign(new Error(`table not ACTIVE after ${timeoutMs} ms`), {
            name: "TableNotActive",
          }),
        );
      }
      await sleep(delay);
    }
  };

  let table = await waitActive();
  if (!created && indexName) {
    const hasIndex = (table.GlobalSecondaryIndexes ?? []).some((i) => i.IndexName === indexName);
    if (!hasIndex) {
      await send("UpdateTable", () =>
        client.send(
          new UpdateTableCommand({
            TableName: tableName,
            AttributeDefinitions: [{ AttributeName: "owner", AttributeType: "S" }],
            GlobalSecondaryIndexUpdates: [{ Create: ownerIndex(indexName) }],
          }),
        ),
      );
      table = await waitActive();
    }
  }

  if (options.ttl ?? true) {
    const ttl = await send("DescribeTimeToLive", () =>
      client.send(new DescribeTimeToLiveCommand({ TableName: tableName })),
    );
    const status = ttl.TimeToLiveDescription?.TimeToLiveStatus;
    if (status !== "ENABLED" && status !== "ENABLING") {
      await send("UpdateTimeToLive", () =>
        client.send(
          new UpdateTimeToLiveCommand({
            TableName: tableName,
            TimeToLiveSpecification: { AttributeName: "expiresAt", Enabled: true },
          }),
        ),
      );
    }
  }
  return { tableName, created };
}
