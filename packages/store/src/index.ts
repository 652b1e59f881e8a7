/**
 * `@pat/store`: the token model (record bounds, one checker per bound, validation, the views
 * callers get), the TokenStore port, and its adapters (memory and DynamoDB). Knows records, never
 * secrets or scrypt; of @pat/crypto it uses only the token id grammar.
 */
export type {
  BatchGetResult,
  RolesChange,
  RotateRequest,
  RotatedRecords,
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
  TokenStateError,
  type TokenStateCode,
} from "./errors.js";
// The token model: bounds, the token id grammar, one checker per bound, record views.
export {
  BASE62,
  DEFAULT_PAGE_SIZE,
  MAX_BATCH_IDS,
  MAX_OWNER_LENGTH,
  MAX_ROLE_LENGTH,
  MAX_ROLES,
  MAX_SECRET_PHC_LENGTH,
  TOKEN_ID_LENGTH,
  TOKEN_ID_PATTERN,
  MAX_DESCRIPTION_LENGTH,
  MAX_METADATA_ENTRIES,
  MAX_METADATA_KEY_LENGTH,
  MAX_METADATA_VALUE_LENGTH,
  MAX_NAME_LENGTH,
  METADATA_KEY_PATTERN,
  checkDescription,
  checkLabelChanges,
  parseLabels,
  checkMetadata,
  checkName,
  type LabelChanges,
  type TokenLabels,
  checkBoolean,
  checkOwner,
  checkPrintable,
  checkPrintableRoles,
  escapeControlCharacters,
  checkRole,
  checkRoleCount,
  checkRoles,
  checkRolesChange,
  checkSecretPhc,
  checkTime,
  checkTokenId,
  checkTokenIdList,
  copyRecord,
  describeValue,
  retiredByRotation,
  toPublicRecord,
  toValidRecord,
  tokenStatus,
  tryParseRecord,
  validateRecord,
  type CheckErrorClass,
  type PublicTokenRecord,
  type RecordUse,
  type TokenStatus,
  type ValidTokenRecord,
} from "./internal/token-model/index.js";
export {
  MemoryTokenStore,
  type MemoryTokenStoreOptions,
} from "./internal/memory/memory-token-store.js";
export {
  DynamoDBTokenStore,
  type DynamoDBTokenStoreOptions,
} from "./internal/dynamodb/dynamodb-token-store.js";
export type { RetryOptions } from "./internal/dynamodb/backoff.js";
export type { StorageErrorCause } from "./internal/dynamodb/safe-cause.js";
export {
  createTokenTable,
  type CreateTokenTableOptions,
  type CreateTokenTableResult,
} from "./internal/dynamodb/create-token-table.js";
