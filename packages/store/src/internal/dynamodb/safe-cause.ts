/**
 * What a `StorageError` keeps of the error the AWS SDK threw. The SDK's error is not kept: its
 * message is written by the server and may quote the request (a `ValidationException` can echo an
 * attribute value, so the `secretPhc` of a `create` or `update`), and its own properties may hold
 * items (`Item` of a `ConditionalCheckFailedException`, `CancellationReasons[].Item` of a cancelled
 * transaction: whole records, hashes included). Whatever DynamoDB quotes today, a token library
 * must not depend on it.
 *
 * So the cause a caller can reach is a {@link StorageErrorCause}: a plain `Error` holding the SDK
 * error's name, code, HTTP status, request id and fault side, and its message with every value of
 * the request redacted (see {@link redactRequestValues}), plus anything shaped like a PHC string,
 * whitespace collapsed, control characters escaped, and cut at 300 characters.
 */
import { escapeControlCharacters } from "../token-model/index.js";

/** The part of a failed request's error a caller may see (`StorageError.cause`). */
export interface StorageErrorCause extends Error {
  /** The SDK error's `name`, e.g. `ValidationException`. */
  readonly name: string;
  /** Its message with every request value redacted (`[redacted]`); `""` when it had none. */
  readonly message: string;
  /** Its `code` (`Code`), when it has one: Node's `ECONNREFUSED`, an SDK error code. */
  readonly code?: string;
  /** HTTP status of the answer (`$metadata.httpStatusCode`), when there was one. */
  readonly httpStatusCode?: number;
  /** AWS request id (`$metadata.requestId`), for AWS support. */
  readonly requestId?: string;
  /** Which side the SDK blames (`$fault`): `client` or `server`. */
  readonly $fault?: "client" | "server";
}

/** Longest share of an underlying message that is kept. */
const MAX_CAUSE_MESSAGE = 300;
/** A PHC string (`$id$...`) anywhere in a message. */
const PHC_LIKE = /\$[a-z0-9-]{1,32}\$[^\s"'`]*/g;
/** A name, code or request id worth keeping: short, printable, no spaces. */
const SAFE_WORD = /^[A-Za-z0-9_.:#/-]{1,128}$/;
/** Request values shorter than this are redacted only where they stand alone (not inside words). */
const SHORT_VALUE = 4;
/**
 * Fields of a DynamoDB request that hold names and expressions, never attribute values. Every
 * other string in the request (items, keys, expression attribute values, start keys) is a value.
 */
const STRUCTURAL_FIELDS = new Set([
  "TableName",
  "IndexName",
  "KeyConditionExpression",
  "FilterExpression",
  "ConditionExpression",
  "UpdateExpression",
  "ProjectionExpression",
  "ExpressionAttributeNames",
  "ReturnValues",
  "ReturnValuesOnConditionCheckFailure",
  "ReturnConsumedCapacity",
  "ReturnItemCollectionMetrics",
  "Select",
]);

/** Every string value in a request's input (see {@link STRUCTURAL_FIELDS}). */
export function requestValues(input: unknown): string[] {
  const values = new Set<string>();
  const walk = (value: unknown, depth: number): void => {
    if (depth > 32) return;
    if (typeof value === "string") {
      if (value !== "") values.add(value);
    } else if (Array.isArray(value) || value instanceof Set) {
      for (const entry of value as Iterable<unknown>) walk(entry, depth + 1);
    } else if (typeof value === "object" && value !== null && !ArrayBuffer.isView(value)) {
      for (const [key, entry] of Object.entries(value)) {
        if (!STRUCTURAL_FIELDS.has(key)) walk(entry, depth + 1);
      }
    }
  };
  walk(input, 0);
  return [...values];
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/**
 * `text` with every occurrence of each value replaced by `[redacted]`, longest values first, each
 * also in its JSON-escaped spelling (a message may quote the request as JSON). A value of fewer
 * than 4 characters is replaced only where it stands alone (not inside a word), so a one-letter
 * role does not shred the message; a value that short is no secret on its own.
 */
export function redactRequestValues(text: string, values: readonly string[]): string {
  const spellings = new Set<string>();
  for (const value of values) {
    spellings.add(value);
    spellings.add(JSON.stringify(value).slice(1, -1));
  }
  let result = text;
  for (const value of [...spellings].sort((a, b) => b.length - a.length)) {
    if (value.length >= SHORT_VALUE) {
      result = result.split(value).join("[redacted]");
    } else {
      const alone = new RegExp(`(?<![A-Za-z0-9])${escapeRegExp(value)}(?![A-Za-z0-9])`, "g");
      result = result.replace(alone, "[redacted]");
    }
  }
  return result;
}

function field(error: unknown, key: string): unknown {
  return typeof error === "object" && error !== null
    ? (error as Record<string, unknown>)[key]
    : undefined;
}

function safeWord(value: unknown): string | undefined {
  return typeof value === "string" && SAFE_WORD.test(value) ? value : undefined;
}

/**
 * The underlying error's message as it may be shown: request values and PHC-shaped strings
 * redacted, whitespace collapsed, control characters escaped, at most 300 characters;
 * `undefined` when it has none or it says nothing beyond its name.
 */
export function safeCauseMessage(error: unknown, values: readonly string[]): string | undefined {
  const raw = field(error, "message");
  if (typeof raw !== "string") return undefined;
  // Whitespace is collapsed first; any other control or bidi character is escaped (the token
  // model's one rule on printable text).
  let text = escapeControlCharacters(
    redactRequestValues(raw, values).replace(PHC_LIKE, "[redacted]").replace(/\s+/g, " ").trim(),
  );
  if (text.length > MAX_CAUSE_MESSAGE) text = `${text.slice(0, MAX_CAUSE_MESSAGE - 1)}…`;
  return text === "" || text === field(error, "name") ? undefined : text;
}

/**
 * The {@link StorageErrorCause} of `error`: its name, code, HTTP status, request id and fault side,
 * `message` its message as {@link safeCauseMessage} gives it, and a stack of the original's frames
 * under that safe first line (the original's first line quotes its message).
 */
export function safeCause(error: unknown, values: readonly string[]): StorageErrorCause {
  const name = safeWord(field(error, "name")) ?? "Error";
  const message = safeCauseMessage(error, values) ?? "";
  const cause = new Error(message) as Error & Record<string, unknown>;
  Object.defineProperty(cause, "name", { value: name, enumerable: false, configurable: true });
  const code = safeWord(field(error, "code")) ?? safeWord(field(error, "Code"));
  if (code !== undefined) cause.code = code;
  const metadata = field(error, "$metadata");
  const status = field(metadata, "httpStatusCode");
  if (typeof status === "number" && Number.isInteger(status)) cause.httpStatusCode = status;
  const requestId = safeWord(field(metadata, "requestId"));
  if (requestId !== undefined) cause.requestId = requestId;
  const fault = field(error, "$fault");
  if (fault === "client" || fault === "server") cause.$fault = fault;
  const stack = field(error, "stack");
  const frames =
    typeof stack === "string"
      ? stack
          .split("\n")
          .filter((line) => /^\s+at /.test(line))
          .map((line) => redactRequestValues(line, values))
      : [];
  cause.stack = [`${name}${message === "" ? "" : `: ${message}`}`, ...frames].join("\n");
  return cause as StorageErrorCause;
}
