/**
 * The labels of a token: a `name`, a `description` and a small `metadata` map of strings, for
 * people and tools that manage tokens (what a token is for, who asked for it, a ticket number).
 * They are stored as extra item attributes (`name` S, `description` S, `metadata` M of S), which
 * @access-tokens/core ignores, so a shared table stays readable by it. Labels are shown by every
 * listing and answered by verify, so they must never hold a secret; nothing indexes them.
 *
 * Bounds, one definition each: a name of 1–100 characters; a description of 1–1000 characters;
 * at most 20 metadata entries, each key 1–64 characters of `[A-Za-z0-9_.:-]` starting with a
 * letter, each value 0–500 characters; no control character anywhere (U+0000–U+001F, U+007F–
 * U+009F), except line feeds and tabs in a description. The bounds keep an item far below
 * DynamoDB's 400 KB and a listing page readable.
 */
import { InvalidInputError } from "../../errors.js";
import type { CheckErrorClass } from "./checks.js";
import { describeValue } from "./checks.js";

/** Longest token `name`, in characters. */
export const MAX_NAME_LENGTH = 100;
/** Longest token `description`, in characters. */
export const MAX_DESCRIPTION_LENGTH = 1000;
/** Most entries of a token's `metadata`. */
export const MAX_METADATA_ENTRIES = 20;
/** Longest metadata key, in characters. */
export const MAX_METADATA_KEY_LENGTH = 64;
/** Longest metadata value, in characters. */
export const MAX_METADATA_VALUE_LENGTH = 500;
/** A metadata key: a letter, then letters, digits and `_ . : -`, 1–64 characters in all. */
export const METADATA_KEY_PATTERN = /^[A-Za-z][A-Za-z0-9_.:-]{0,63}$/;

/** The labels of a record; each absent when not set. */
export interface TokenLabels {
  /** A short name, 1–100 characters. */
  readonly name?: string;
  /** A description, 1–1000 characters. */
  readonly description?: string;
  /** At most 20 string entries; never put a secret here (it is shown by listings). */
  readonly metadata?: Readonly<Record<string, string>>;
}

// eslint-disable-next-line no-control-regex -- the point is to find control characters.
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
// eslint-disable-next-line no-control-regex -- as above, with line feed and tab allowed.
const CONTROL_BUT_LINES = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;

function checkLabelText(
  value: unknown,
  name: string,
  max: number,
  min: 0 | 1,
  control: RegExp,
  Err: CheckErrorClass,
): asserts value is string {
  if (typeof value !== "string" || value.length < min || value.length > max) {
    throw new Err(
      `${name} must be a string of ${min}-${max} characters (got ${describeValue(value)})`,
    );
  }
  if (control.test(value)) throw new Err(`${name} must not contain control characters`);
}

/**
 * Throws unless `value` is a token name: 1–100 characters, no control character.
 *
 * @throws `Err` (default InvalidInputError, `INVALID_INPUT`).
 * @example
 * ```ts
 * checkName("deploy bot");
 * ```
 */
export function checkName(
  value: unknown,
  name = "name",
  Err: CheckErrorClass = InvalidInputError,
): asserts value is string {
  checkLabelText(value, name, MAX_NAME_LENGTH, 1, CONTROL, Err);
}

/**
 * Throws unless `value` is a token description: 1–1000 characters, no control character but
 * line feed and tab.
 *
 * @throws `Err` (default InvalidInputError, `INVALID_INPUT`).
 * @example
 * ```ts
 * checkDescription("Used by the nightly export job.\nOwner: data team.");
 * ```
 */
export function checkDescription(
  value: unknown,
  name = "description",
  Err: CheckErrorClass = InvalidInputError,
): asserts value is string {
  checkLabelText(value, name, MAX_DESCRIPTION_LENGTH, 1, CONTROL_BUT_LINES, Err);
}

/**
 * Checks a metadata map and returns a fresh copy: a plain object (a DynamoDB map
 * read back is one) of at most 20 entries, each key matching {@link METADATA_KEY_PATTERN}, each
 * value a string of 0–500 characters without control characters.
 *
 * @throws `Err` (default InvalidInputError, `INVALID_INPUT`) naming the entry at fault
 *   (`metadata.ticket`); a key that breaks the grammar is named by its position, never quoted.
 * @example
 * ```ts
 * checkMetadata({ ticket: "OPS-1234", team: "data" }); // a copy
 * ```
 */
export function checkMetadata(
  value: unknown,
  name = "metadata",
  Err: CheckErrorClass = InvalidInputError,
): Record<string, string> {
  if (
    typeof value !== "object" ||
    value === null ||
    Array.isArray(value) ||
    value instanceof Set ||
    (Object.getPrototypeOf(value) !== Object.prototype && Object.getPrototypeOf(value) !== null)
  ) {
    throw new Err(`${name} must be an object of string values (got ${describeValue(value)})`);
  }
  const entries = Object.entries(value);
  if (entries.length > MAX_METADATA_ENTRIES) {
    throw new Err(
      `${name} must hold at most ${MAX_METADATA_ENTRIES} entries (got ${entries.length})`,
    );
  }
  const out: Record<string, string> = {};
  entries.forEach(([key, entry], i) => {
    if (!METADATA_KEY_PATTERN.test(key)) {
      throw new Err(
        `${name} key #${i + 1} must be 1-${MAX_METADATA_KEY_LENGTH} characters of [A-Za-z0-9_.:-] starting with a letter (got ${describeValue(key)})`,
      );
    }
    checkLabelText(entry, `${name}.${key}`, MAX_METADATA_VALUE_LENGTH, 0, CONTROL, Err);
    out[key] = entry;
  });
  return out;
}

/**
 * The labels of an item read back or a record about to be written, checked; absent (or NULL)
 * attributes are left out.
 *
 * @throws `Err` naming the attribute.
 */
export function parseLabels(item: Record<string, unknown>, Err: CheckErrorClass): TokenLabels {
  const { name, description, metadata } = item;
  const labels: { -readonly [K in keyof TokenLabels]: TokenLabels[K] } = {};
  if (name !== undefined && name !== null) {
    checkName(name, "name", Err);
    labels.name = name;
  }
  if (description !== undefined && description !== null) {
    checkDescription(description, "description", Err);
    labels.description = description;
  }
  if (metadata !== undefined && metadata !== null) {
    const map = checkMetadata(metadata, "metadata", Err);
    // An empty map is no metadata, as an empty role set is no roles.
    if (Object.keys(map).length > 0) labels.metadata = map;
  }
  return labels;
}

/** The labels of `record` as item attributes, each a fresh value (metadata copied). */
export function labelAttributes(record: TokenLabels): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (record.name !== undefined) out.name = record.name;
  if (record.description !== undefined) out.description = record.description;
  if (record.metadata !== undefined && Object.keys(record.metadata).length > 0) {
    out.metadata = { ...record.metadata };
  }
  return out;
}

/** The change of a label in an update: a value sets it, `null` removes it. */
export interface LabelChanges {
  readonly name?: string | null;
  readonly description?: string | null;
  readonly metadata?: Readonly<Record<string, string>> | null;
}

/**
 * Checks the label changes of an update (`null` removes a label; metadata is replaced whole, and
 * `{}` removes it) and returns the ones given.
 *
 * @throws `Err` (default InvalidInputError, `INVALID_INPUT`) naming the label.
 */
export function checkLabelChanges(
  changes: LabelChanges,
  Err: CheckErrorClass = InvalidInputError,
): LabelChanges {
  const out: { -readonly [K in keyof LabelChanges]: LabelChanges[K] } = {};
  if (changes.name !== undefined) {
    if (changes.name !== null) checkName(changes.name, "name", Err);
    out.name = changes.name;
  }
  if (changes.description !== undefined) {
    if (changes.description !== null) checkDescription(changes.description, "description", Err);
    out.description = changes.description;
  }
  if (changes.metadata !== undefined) {
    const map = changes.metadata === null ? {} : checkMetadata(changes.metadata, "metadata", Err);
    // `{}` removes the metadata: an empty map is no metadata.
    out.metadata = Object.keys(map).length === 0 ? null : map;
  }
  return out;
}
