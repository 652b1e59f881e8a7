/**
 * Turns any error into the one line and exit code a person sees. Errors of @pat packages are
 * recognised by class (`PatError`, `CryptoError`, `PatClientError`) and their stable `code`; the
 * AWS SDK's errors by `name` and Node's socket errors by `code` (they are foreign: a caller's SDK
 * may be another copy), never by message text. Secrets never reach these messages: @pat errors
 * carry none, and the SDK's messages describe requests, not item values.
 */
import { HttpError, PatClientError } from "@pat/client";
import { CryptoError, PatError } from "@pat/core";
import { CliError, ExitCode } from "./exit-codes.js";

/** What the message may name: the table and where it lives. */
export interface ErrorContext {
  readonly tableName?: string;
  readonly endpoint?: string;
  readonly region?: string;
}

const NETWORK_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ENOTFOUND",
  "EAI_AGAIN",
  "ETIMEDOUT",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "EPIPE",
]);

const CREDENTIAL_NAMES = new Set([
  "CredentialsProviderError",
  "UnrecognizedClientException",
  "InvalidSignatureException",
  "ExpiredTokenException",
  "AccessDeniedException",
]);

function field(value: unknown, key: string): unknown {
  return typeof value === "object" && value !== null
    ? (value as Record<string, unknown>)[key]
    : undefined;
}

/** The errors in `error`'s cause chain, outermost first (at most 8). */
function causeChain(error: unknown): unknown[] {
  const chain: unknown[] = [];
  for (let current = error; current !== undefined && chain.length < 8;) {
    chain.push(current);
    current = field(current, "cause");
  }
  return chain;
}

function where(context: ErrorContext): string {
  if (context.endpoint !== undefined) return context.endpoint;
  return context.region !== undefined ? `AWS region ${context.region}` : "AWS";
}

/** Describes a storage failure found anywhere in the cause chain, or undefined. */
function describeStorage(chain: readonly unknown[], context: ErrorContext): string | undefined {
  for (const error of chain) {
    const name = String(field(error, "storageErrorName") ?? field(error, "name") ?? "");
    const code = String(field(error, "code") ?? "");
    const message = String(field(error, "message") ?? "");
    if (name === "ResourceNotFoundException") {
      const table = context.tableName !== undefined ? `Table "${context.tableName}"` : "The table";
      return `${table} does not exist at ${where(context)}: create it with \`pat create-table\``;
    }
    if (name === "ValidationException" && /specified index/i.test(message)) {
      const table = context.tableName !== undefined ? `Table "${context.tableName}"` : "The table";
      return `${table} has no owner index: \`pat create-table\` adds it (or list without --owner)`;
    }
    if (NETWORK_CODES.has(code) || name === "TimeoutError" || code === "TimeoutError") {
      return `Cannot reach DynamoDB at ${where(context)} (${code !== "" && code !== "undefined" ? code : name})`;
    }
    if (CREDENTIAL_NAMES.has(name)) {
      return `DynamoDB refused the credentials (${name}): check the AWS credential chain (AWS_PROFILE, AWS_ACCESS_KEY_ID, ...)`;
    }
    if (/region is missing/i.test(message)) {
      return "No AWS region: pass --region or set AWS_REGION";
    }
  }
  return undefined;
}

/**
 * An answer of the admin API that is an error (@pat/client's `HttpError`; the client's message
 * names the action, the status and the server's explanation, never a secret).
 */
function httpError(message: string, status: number, options: ErrorOptions): CliError {
  switch (status) {
    case 400:
    case 413:
    case 415:
    case 422:
      return new CliError(message, ExitCode.usage, options);
    case 401:
      return new CliError(
        `${message} (the server refused the admin token: check PAT_ADMIN_TOKEN or the config file)`,
        ExitCode.storage,
        options,
      );
    case 403:
      return new CliError(
        `${message} (the token is not an admin token)`,
        ExitCode.storage,
        options,
      );
    case 404:
      return new CliError(`${message} (check the URL and --admin-path)`, ExitCode.storage, options);
    case 409:
      return new CliError(message, ExitCode.failure, options);
    default:
      return new CliError(
        message,
        status === 429 || status >= 500 ? ExitCode.storage : ExitCode.failure,
        options,
      );
  }
}

/** The stable `code` of an error of a @pat package, or undefined for any other error. */
export function libraryCode(error: unknown): string | undefined {
  return error instanceof PatError ||
    error instanceof CryptoError ||
    error instanceof PatClientError
    ? error.code
    : undefined;
}

/**
 * Maps `error` to a {@link CliError}: `TOKEN_NOT_FOUND` → 3; `INVALID_INPUT`/`INVALID_CONFIG`
 * → 2; storage failures (`STORAGE_ERROR`, SDK and socket errors) → 4 with a message naming the
 * table or endpoint; admin API failures: unreachable, refused credentials, 429 and 5xx → 4,
 * a refused request (400) → 2, a taken id (409) → 1; anything else → 1 with its message.
 */
export function toCliError(error: unknown, context: ErrorContext): CliError {
  if (error instanceof CliError) return error;
  const message = String(field(error, "message") ?? error);
  const options = { cause: error };
  if (error instanceof HttpError) return httpError(message, error.status, options);
  const code = libraryCode(error);
  switch (code) {
    case "TOKEN_NOT_FOUND":
      return new CliError(message, ExitCode.notFound, options);
    case "INVALID_INPUT":
    case "INVALID_CONFIG":
      return new CliError(message, ExitCode.usage, options);
    case "TOKEN_EXISTS":
    case "INVALID_RECORD":
      return new CliError(message, ExitCode.failure, options);
    case "NETWORK_ERROR":
    case "INVALID_RESPONSE":
      return new CliError(message, ExitCode.storage, options);
  }
  const storage = describeStorage(causeChain(error), context);
  if (storage !== undefined) {
    const exitCode = storage.startsWith("No AWS region") ? ExitCode.usage : ExitCode.storage;
    return new CliError(storage, exitCode, options);
  }
  if (code === "STORAGE_ERROR" || field(error, "$metadata") !== undefined) {
    return new CliError(`Storage error: ${message}`, ExitCode.storage, options);
  }
  return new CliError(message.split("\n")[0] ?? "Unexpected error", ExitCode.failure, options);
}
