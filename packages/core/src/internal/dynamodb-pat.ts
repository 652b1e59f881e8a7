/**
 * DynamoDBPat: `Pat` over `DynamoDBTokenStore`, with the constructor of @access-tokens/core's
 * `DynamoDBPat` (tableName, ddbClient?, docClient?, tokenPrefix?, keyLength?, saltLength?,
 * scryptOptions?, bootstrapPhc?) plus the store's and Pat's extra options. As there, a
 * `docClient` is used as given, a `ddbClient` is wrapped, and with neither a default
 * `DynamoDBClient` (region and credentials from the environment) is built: the façade is the only
 * place that builds a default client; the store always receives one.
 */
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { DynamoDBTokenStore, InvalidConfigError } from "@pat/store";
import { DYNAMODB_PAT_OPTIONS_KEYS, ownKnownKeys } from "./known-keys.js";
import { Pat } from "./pat.js";
import type { PatOptions } from "./types.js";

/** Options of {@link DynamoDBPat}: @access-tokens/core's, plus the DynamoDB store's and Pat's extras. */
export interface DynamoDBPatOptions extends Omit<PatOptions, "store"> {
  /** DynamoDB table name (required). */
  readonly tableName: string;
  /** A DynamoDB client; wrapped in a document client. */
  readonly ddbClient?: DynamoDBClient | undefined;
  /** A document client, used as given (takes precedence over `ddbClient`). */
  readonly docClient?: DynamoDBDocumentClient | undefined;
  /** Name of the GSI keyed by `owner` that `listByOwner` queries (default `owner-index`). */
  readonly ownerIndexName?: string | undefined;
  /** Strongly consistent reads for get and batch get (default true). */
  readonly consistentRead?: boolean | undefined;
  /** Most BatchGetItem requests one `batchLoad` keeps in flight (1-64, default 4). */
  readonly batchGetConcurrency?: number | undefined;
}

/** {@link DynamoDBPatOptions} under @access-tokens/core's name. */
export type DynamoDBPatConfig = DynamoDBPatOptions;

/**
 * `Pat` over a `DynamoDBTokenStore`: the documented façade of `@access-tokens/core`, with every
 * method of {@link Pat}. Throws `InvalidConfigError` (`INVALID_CONFIG`) for a missing `tableName`
 * or any bad option; methods throw `STORAGE_ERROR` when DynamoDB fails (the SDK error as `cause`).
 *
 * @example
 * ```ts
 * import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
 * import { DynamoDBPat } from "@pat/core";
 * const pat = new DynamoDBPat({ tableName: "my-tokens", ddbClient: new DynamoDBClient({}) });
 * const { token } = await pat.issue({ owner: "alice@example.com" });
 * ```
 */
export class DynamoDBPat extends Pat {
  constructor(options: DynamoDBPatOptions) {
    if (typeof options !== "object" || options === null) {
      throw new InvalidConfigError("options must be an object with at least tableName");
    }
    const known = ownKnownKeys(options, DYNAMODB_PAT_OPTIONS_KEYS, "options", "config");
    const {
      tableName,
      ddbClient,
      docClient,
      ownerIndexName,
      consistentRead,
      batchGetConcurrency,
      ...patOptions
    } = known;
    if (typeof tableName !== "string" || tableName.length === 0) {
      throw new InvalidConfigError("tableName must be a non-empty string");
    }
    const store = new DynamoDBTokenStore({
      tableName,
      ...(docClient !== undefined
        ? { docClient }
        : { ddbClient: ddbClient ?? new DynamoDBClient({}) }),
      ...(ownerIndexName === undefined ? {} : { ownerIndexName }),
      ...(consistentRead === undefined ? {} : { consistentRead }),
      ...(batchGetConcurrency === undefined ? {} : { batchGetConcurrency }),
    });
    super({ ...patOptions, store });
  }
}
