/**
 * `@pat/store`: token records and their validation, the TokenStore port, and its adapters
 * (memory and DynamoDB). Knows records, never secrets or scrypt.
 */
export type {
  BatchGetResult,
  RolesChange,
  ScanOptions,
  TokenChanges,
  TokenRecord,
  TokenStore,
  TouchOutcome,
  UpdateConditions,
} from "./port.js";
export {
  InvalidConfigError,
  InvalidInputError,
  InvalidRecordError,
  PatError,
  type PatErrorCode,
  StorageError,
  TokenExistsError,
  TokenNotFoundError,
} from "./errors.js";
export {
  MAX_OWNER_LENGTH,
  MAX_ROLE_LENGTH,
  MAX_ROLES,
  MAX_SECRET_PHC_LENGTH,
  TOKEN_ID_PATTERN,
  tryParseRecord,
  validateRecord,
  type RecordUse,
} from "./internal/record.js";
export {
  MemoryTokenStore,
  type MemoryTokenStoreOptions,
} from "./internal/memory/memory-token-store.js";
export {
  DynamoDBTokenStore,
  type DynamoDBTokenStoreOptions,
} from "./internal/dynamodb/dynamodb-token-store.js";
export type { RetryOptions } from "./internal/dynamodb/backoff.js";
export {
  createTokenTable,
  type CreateTokenTableOptions,
  type CreateTokenTableResult,
} from "./internal/dynamodb/create-token-table.js";
