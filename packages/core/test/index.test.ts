/**
 * The public surface of @pat/core is the list of names in `src/index.ts`: every name is exported
 * by name (no `export *`), so a change to @pat/store or @pat/crypto cannot widen it by accident.
 * This test pins that list; a name added or removed on purpose is added or removed here too.
 */
import { readFileSync } from "node:fs";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import * as core from "../src/index.js";

const VALUES = [
  "CHECKSUMMED_TOKEN_PATTERN",
  "CryptoError",
  "DEFAULT_KEY_LENGTH",
  "DEFAULT_SALT_LENGTH",
  "DEFAULT_SCRYPT_BLOCK_SIZE",
  "DEFAULT_SCRYPT_COST",
  "DEFAULT_SCRYPT_MAXMEM",
  "DEFAULT_SCRYPT_PARALLELIZATION",
  "DEFAULT_SCRYPT_PARAMS",
  "DEFAULT_TOKEN_PREFIX",
  "DEFAULT_VERIFY_CACHE_ENTRIES",
  "DynamoDBPat",
  "DynamoDBTokenStore",
  "HASH_ALGORITHMS",
  "InvalidConfigError",
  "InvalidInputError",
  "InvalidRecordError",
  "MAX_BATCH_IDS",
  "MAX_DESCRIPTION_LENGTH",
  "MAX_METADATA_ENTRIES",
  "MAX_METADATA_KEY_LENGTH",
  "MAX_METADATA_VALUE_LENGTH",
  "MAX_NAME_LENGTH",
  "METADATA_KEY_PATTERN",
  "MAX_OWNER_LENGTH",
  "MAX_GRACE_SECONDS",
  "MAX_ROLES",
  "MAX_ROLES_COUNT",
  "MAX_ROLE_LENGTH",
  "MAX_SECRET_PHC_LENGTH",
  "MAX_TOKEN_LENGTH",
  "MemoryTokenStore",
  "Pat",
  "PatError",
  "PhcFormatError",
  "SCRYPT_ALGORITHM_ID",
  "StorageError",
  "TOKEN_ID_PATTERN",
  "TokenExistsError",
  "TokenNotFoundError",
  "TokenStateError",
  "VERIFY_FAILURE_REASONS",
  "checksummedTokenPattern",
  "createTokenTable",
  "escapeControlCharacters",
  "isWellFormedToken",
  "tokenRecordSchema",
  "tokenStatus",
  "tryParseRecord",
  "validateRecord",
];

const TYPES = [
  "ObserveOptions",
  "OpenTelemetryApi",
  "PatEvent",
  "PatEventBase",
  "PatEventErrorHandler",
  "PatEventHandler",
  "PatEventType",
  "PatIssuedEvent",
  "PatRehashedEvent",
  "PatRestoredEvent",
  "PatRevokedEvent",
  "PatRotatedEvent",
  "PatTelemetry",
  "PatUpdatedEvent",
  "PatVerifiedEvent",
  "PatVerifyFailedEvent",
  "TelemetryAttributes",
  "TelemetryCounter",
  "TelemetryHistogram",
  "TelemetryMeter",
  "TelemetryMeterProvider",
  "TelemetryProviders",
  "TelemetrySpan",
  "TelemetryTracer",
  "TelemetryTracerProvider",
  "BatchGetResult",
  "BatchLoadOptions",
  "BatchLoadResult",
  "BootstrapParams",
  "CanonicalScryptOptions",
  "CreateTokenTableOptions",
  "CreateTokenTableResult",
  "CryptoErrorCode",
  "DynamoDBPatConfig",
  "DynamoDBPatOptions",
  "DynamoDBTokenStoreOptions",
  "GenerateConfig",
  "HashAlgorithm",
  "GenerateParams",
  "GenerateResult",
  "InspectPhcResult",
  "IssueConfig",
  "IssueParams",
  "IssueResult",
  "ListOptions",
  "MemoryTokenStoreOptions",
  "PatErrorCode",
  "PatOptions",
  "PatRecord",
  "PublicTokenRecord",
  "RecordUse",
  "RegisterConfig",
  "RegisterParams",
  "RetryOptions",
  "RevokeOptions",
  "RolesChange",
  "RolesUpdate",
  "RotateOptions",
  "RotateRequest",
  "RotateResult",
  "RotatedRecords",
  "ScanOptions",
  "ScryptParams",
  "StorageErrorCause",
  "TokenChanges",
  "TokenFormat",
  "TokenLabelParams",
  "TokenLabels",
  "TokenRecord",
  "TokenRecordParseResult",
  "TokenRecordSchema",
  "TokenStateCode",
  "TokenStatus",
  "TokenStore",
  "TouchOutcome",
  "UpdateConditions",
  "UpdateParams",
  "ValidTokenRecord",
  "VerifyCacheOptions",
  "VerifyFailure",
  "VerifyFailureReason",
  "VerifyResult",
  "VerifySecretFailure",
  "VerifySecretResult",
  "VerifySuccess",
  "WellFormedTokenOptions",
];

/** The names `src/index.ts` exports, read from its syntax: `{ name, type }` per specifier. */
function declaredExports(): { names: { name: string; type: boolean }[]; starExports: number } {
  const path = new URL("../src/index.ts", import.meta.url);
  const file = ts.createSourceFile("index.ts", readFileSync(path, "utf8"), ts.ScriptTarget.Latest);
  const names: { name: string; type: boolean }[] = [];
  let starExports = 0;
  for (const statement of file.statements) {
    if (!ts.isExportDeclaration(statement)) continue;
    const clause = statement.exportClause;
    if (clause === undefined || !ts.isNamedExports(clause)) {
      starExports += 1;
      continue;
    }
    for (const element of clause.elements) {
      names.push({ name: element.name.text, type: statement.isTypeOnly || element.isTypeOnly });
    }
  }
  return { names, starExports };
}

describe("src/index.ts", () => {
  it("names every export (no export *)", () => {
    expect(declaredExports().starExports).toBe(0);
  });

  it("exports exactly the pinned values and types, each once", () => {
    const { names } = declaredExports();
    const values = names.filter((n) => !n.type).map((n) => n.name);
    const types = names.filter((n) => n.type).map((n) => n.name);
    expect([...values].sort()).toEqual([...VALUES].sort());
    expect([...types].sort()).toEqual([...TYPES].sort());
    expect(new Set(names.map((n) => n.name)).size).toBe(names.length);
  });

  it("has exactly the pinned values at run time", () => {
    expect(Object.keys(core).sort()).toEqual([...VALUES].sort());
  });
});
