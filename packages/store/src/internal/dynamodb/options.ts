/**
 * The options of `DynamoDBTokenStore`, checked once at construction (`INVALID_CONFIG` naming the
 * option), and the settings they resolve to.
 */
import type { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { InvalidConfigError } from "../../errors.js";
import { type RetryOptions, type RetryPolicy, retryPolicy } from "./backoff.js";
import { storeClient } from "./client-copy.js";
import { TableClient } from "./table-client.js";

/** Options of {@link DynamoDBTokenStore}. Give exactly one of `ddbClient` and `docClient`. */
export interface DynamoDBTokenStoreOptions {
  /** The table (partition key `tokenId`, type S). */
  readonly tableName: string;
  /**
   * A DynamoDB client; the store wraps it in a document client (`removeUndefinedValues`). A
   * client of another copy of the AWS SDK works too: the store then sends through a client of
   * its own copy with the same region, credentials, endpoint, retries and HTTP handler (the
   * other copy's middleware stack does not take our commands), so middleware added to that
   * client's stack does not see the store's requests.
   */
  readonly ddbClient?: DynamoDBClient;
  /** A document client to use as it is (of another SDK copy: as for `ddbClient`). */
  readonly docClient?: DynamoDBDocumentClient;
  /** The GSI with partition key `owner` that backs `queryByOwner`; default `"owner-index"`. */
  readonly ownerIndexName?: string;
  /**
   * Strongly consistent `get`, `scan` and `batchGet`; default `true`. (`isEmpty` is always
   * consistent; a GSI query can never be.)
   */
  readonly consistentRead?: boolean;
  /** Bounds of the retries of BatchGetItem's UnprocessedKeys and of conflicting transactions. */
  readonly retry?: RetryOptions;
  /**
   * Most BatchGetItem requests (of up to 100 keys each) one `batchGet` keeps in flight at once;
   * an integer from 1 to 64, default 4. A larger value
   * reads a large batch faster and takes more of the table's read capacity while it runs.
   */
  readonly batchGetConcurrency?: number;
}

/** Default of {@link DynamoDBTokenStoreOptions.batchGetConcurrency}: BatchGetItem requests in flight. */
export const DEFAULT_BATCH_GET_CONCURRENCY = 4;

/** What the options of a store resolve to. */
export interface StoreSettings {
  readonly table: TableClient;
  readonly ownerIndexName: string;
  readonly consistentRead: boolean;
  readonly retry: RetryPolicy;
  readonly batchGetConcurrency: number;
}

function configError(message: string): never {
  throw new InvalidConfigError(`DynamoDBTokenStore: ${message}`);
}

/** Checks `options` and resolves them; throws `INVALID_CONFIG` naming the option. */
export function resolveStoreOptions(options: DynamoDBTokenStoreOptions): StoreSettings {
  if (typeof options !== "object" || options === null) configError("options are required");
  const { tableName, ddbClient, docClient, ownerIndexName, consistentRead, retry } = options;
  const { batchGetConcurrency = DEFAULT_BATCH_GET_CONCURRENCY } = options;
  if (
    typeof batchGetConcurrency !== "number" ||
    !Number.isInteger(batchGetConcurrency) ||
    batchGetConcurrency < 1 ||
    batchGetConcurrency > 64
  ) {
    configError("batchGetConcurrency must be an integer from 1 to 64");
  }
  if (typeof tableName !== "string" || tableName.length < 3 || tableName.length > 255) {
    configError("tableName must be a string of 3-255 characters");
  }
  if ((ddbClient === undefined) === (docClient === undefined)) {
    configError("give exactly one of ddbClient and docClient");
  }
  if (ownerIndexName !== undefined && (typeof ownerIndexName !== "string" || !ownerIndexName)) {
    configError("ownerIndexName must be a non-empty string");
  }
  if (consistentRead !== undefined && typeof consistentRead !== "boolean") {
    configError("consistentRead must be a boolean");
  }
  return {
    table: new TableClient(storeClient(ddbClient, docClient), tableName),
    ownerIndexName: ownerIndexName ?? "owner-index",
    consistentRead: consistentRead ?? true,
    retry: retryPolicy(retry, configError),
    batchGetConcurrency,
  };
}
