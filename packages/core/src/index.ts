/**
 * @pat/core: personal access tokens — issue, verify (scrypt) and manage tokens in any
 * `TokenStore`, with DynamoDB as the production store. A drop-in for `@access-tokens/core`:
 * same token format, same PHC hashes, same DynamoDB item layout.
 *
 * Depending on `@pat/core` alone is enough: it re-exports the store adapters, record types and
 * error classes of `@pat/store`, and the result types and error classes of `@pat/crypto` a caller
 * meets. Every public name is listed in this file.
 *
 * @example
 * ```ts
 * import { Pat, MemoryTokenStore } from "@pat/core";
 * const pat = new Pat({ store: new MemoryTokenStore() });
 * const { token } = await pat.issue({ owner: "alice@example.com" });
 * const result = await pat.verify(token); // { valid: true, record: { owner: "alice@example.com", ... } }
 * ```
 *
 * @packageDocumentation
 */

export { Pat } from "./internal/pat.js";
export {
  DynamoDBPat,
  type DynamoDBPatConfig,
  type DynamoDBPatOptions,
} from "./internal/dynamodb-pat.js";
export { DEFAULT_TOKEN_PREFIX, DEFAULT_VERIFY_CACHE_ENTRIES } from "./internal/config.js";
export { HASH_ALGORITHMS, type HashAlgorithm } from "./internal/stored-hash.js";
export { MAX_GRACE_SECONDS, type RotateOptions, type RotateResult } from "./internal/rotate.js";
export type {
  ObserveOptions,
  OpenTelemetryApi,
  PatEvent,
  PatEventBase,
  PatEventErrorHandler,
  PatEventHandler,
  PatEventType,
  PatIssuedEvent,
  PatRehashedEvent,
  PatRestoredEvent,
  PatRevokedEvent,
  PatRotatedEvent,
  PatTelemetry,
  PatUpdatedEvent,
  PatVerifiedEvent,
  PatVerifyFailedEvent,
  TelemetryAttributes,
  TelemetryCounter,
  TelemetryHistogram,
  TelemetryMeter,
  TelemetryMeterProvider,
  TelemetryProviders,
  TelemetrySpan,
  TelemetryTracer,
  TelemetryTracerProvider,
} from "./internal/events.js";
// @access-tokens/core's public names, with the same meaning.
export {
  DEFAULT_KEY_LENGTH,
  DEFAULT_SALT_LENGTH,
  DEFAULT_SCRYPT_BLOCK_SIZE,
  DEFAULT_SCRYPT_COST,
  DEFAULT_SCRYPT_MAXMEM,
  DEFAULT_SCRYPT_PARALLELIZATION,
  MAX_ROLES_COUNT,
  SCRYPT_ALGORITHM_ID,
  tokenRecordSchema,
  type TokenRecordParseResult,
  type TokenRecordSchema,
} from "./internal/drop-in.js";
export {
  VERIFY_FAILURE_REASONS,
  type BatchLoadOptions,
  type BatchLoadResult,
  type BootstrapParams,
  type CanonicalScryptOptions,
  type GenerateConfig,
  type GenerateParams,
  type GenerateResult,
  type IssueConfig,
  type IssueParams,
  type IssueResult,
  type ListOptions,
  type PatOptions,
  type PatRecord,
  type RegisterConfig,
  type RegisterParams,
  type RevokeOptions,
  type RolesUpdate,
  type TokenLabelParams,
  type UpdateParams,
  type VerifyCacheOptions,
  type VerifyFailure,
  type VerifyFailureReason,
  type VerifyResult,
  type VerifySuccess,
} from "./internal/types.js";

// The @pat/store names a caller needs, listed so that this file is the whole public surface:
// the error family, record types and limits, the TokenStore port and its adapters.
export {
  InvalidConfigError,
  InvalidInputError,
  InvalidRecordError,
  PatError,
  StorageError,
  TokenExistsError,
  TokenNotFoundError,
  TokenStateError,
  type PatErrorCode,
  type TokenStateCode,
} from "@pat/store";
export {
  MAX_BATCH_IDS,
  escapeControlCharacters,
  MAX_DESCRIPTION_LENGTH,
  MAX_METADATA_ENTRIES,
  MAX_METADATA_KEY_LENGTH,
  MAX_METADATA_VALUE_LENGTH,
  MAX_NAME_LENGTH,
  METADATA_KEY_PATTERN,
  MAX_OWNER_LENGTH,
  MAX_ROLE_LENGTH,
  MAX_ROLES,
  MAX_SECRET_PHC_LENGTH,
  TOKEN_ID_PATTERN,
  tokenStatus,
  tryParseRecord,
  validateRecord,
  type PublicTokenRecord,
  type RecordUse,
  type TokenLabels,
  type TokenRecord,
  type TokenStatus,
  type ValidTokenRecord,
} from "@pat/store";
export type {
  BatchGetResult,
  RolesChange,
  RotateRequest,
  RotatedRecords,
  ScanOptions,
  StorageErrorCause,
  TokenChanges,
  TokenStore,
  TouchOutcome,
  UpdateConditions,
} from "@pat/store";
export {
  createTokenTable,
  DynamoDBTokenStore,
  MemoryTokenStore,
  type CreateTokenTableOptions,
  type CreateTokenTableResult,
  type DynamoDBTokenStoreOptions,
  type MemoryTokenStoreOptions,
  type RetryOptions,
} from "@pat/store";

// The @pat/crypto names a caller meets through Pat: hash parameters, verify results, and the
// classes of crypto's own error family (it stays storage-free, so it has its own base;
// `instanceof CryptoError` also covers its subclass PhcFormatError).
export {
  CryptoError,
  DEFAULT_SCRYPT_PARAMS,
  MAX_TOKEN_LENGTH,
  PhcFormatError,
  type CryptoErrorCode,
  type ScryptParams,
  type VerifySecretResult,
  type VerifySecretFailure,
  type InspectPhcResult,
} from "@pat/crypto";
// The token grammar is @pat/crypto's: the scanner's expression and the no-I/O format check.
export {
  CHECKSUMMED_TOKEN_PATTERN,
  checksummedTokenPattern,
  isWellFormedToken,
  type TokenFormat,
  type WellFormedTokenOptions,
} from "@pat/crypto";
