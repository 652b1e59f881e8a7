/**
 * The checkers of a token record's fields, one per bound, used by every layer: the store on
 * records it writes and reads and on the arguments of its methods, @pat/core on the arguments of
 * the façade. Each takes the name of the value as the caller knows it (`roles[3]`,
 * `tokenIds[1]`) and the error class to throw: {@link InvalidInputError} (`INVALID_INPUT`, the
 * default) for arguments, {@link InvalidRecordError} for records, {@link InvalidConfigError} for
 * options. A message names the value and the bound and says what was given, without quoting it:
 * `owner must be a string of 1-100 characters (got a string of 0 characters)`.
 */
import { InvalidInputError, type PatError } from "../../errors.js";
import type { RolesChange } from "../../port.js";
import {
  MAX_OWNER_LENGTH,
  MAX_ROLE_LENGTH,
  MAX_ROLES,
  MAX_SECRET_PHC_LENGTH,
  TOKEN_ID_PATTERN,
} from "./limits.js";

/** An error class of the PatError family that a checker throws, built from a message. */
export type CheckErrorClass = new (message: string) => PatError;

/**
 * What was given, for a message: its type, a number, or a string's length, never a string's
 * content (a misplaced value may be a token).
 *
 * @example
 * ```ts
 * describeValue("pat_…"); // "a string of 69 characters"
 * ```
 */
export function describeValue(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  if (value instanceof Set) return "a Set";
  if (typeof value === "number") return String(value);
  return typeof value === "string" ? `a string of ${value.length} characters` : typeof value;
}

/**
 * Throws unless `value` is a token id: 21 characters of `[A-Za-z0-9]`.
 *
 * @throws `Err` (default InvalidInputError, `INVALID_INPUT`).
 * @example
 * ```ts
 * checkTokenId("34NwRzvnBbgI3uedkrQ3Q"); // passes
 * checkTokenId("abc", "tokenIds[1]"); // throws "tokenIds[1] must be 21 characters of [A-Za-z0-9] (got a string of 3 characters)"
 * ```
 */
export function checkTokenId(
  value: unknown,
  name = "tokenId",
  Err: CheckErrorClass = InvalidInputError,
): asserts value is string {
  if (typeof value !== "string" || !TOKEN_ID_PATTERN.test(value)) {
    throw new Err(`${name} must be 21 characters of [A-Za-z0-9] (got ${describeValue(value)})`);
  }
}

function checkText(value: unknown, name: string, max: number, Err: CheckErrorClass): void {
  if (typeof value !== "string" || value.length < 1 || value.length > max) {
    throw new Err(`${name} must be a string of 1-${max} characters (got ${describeValue(value)})`);
  }
}

/**
 * Throws unless `value` is an owner: a string of 1–100 characters.
 *
 * @throws `Err` (default InvalidInputError, `INVALID_INPUT`).
 * @example
 * ```ts
 * checkOwner("alice@example.com");
 * ```
 */
export function checkOwner(
  value: unknown,
  name = "owner",
  Err: CheckErrorClass = InvalidInputError,
): asserts value is string {
  checkText(value, name, MAX_OWNER_LENGTH, Err);
}

/**
 * Throws unless `value` can be stored as `secretPhc`: a string of 1–200 characters. The store
 * treats it as opaque; whether it is a usable scrypt PHC string is @pat/core's check.
 *
 * @throws `Err` (default InvalidInputError, `INVALID_INPUT`); the message gives the length, never
 *   the string.
 * @example
 * ```ts
 * checkSecretPhc(record.secretPhc, "secretPhc", InvalidRecordError);
 * ```
 */
export function checkSecretPhc(
  value: unknown,
  name = "secretPhc",
  Err: CheckErrorClass = InvalidInputError,
): asserts value is string {
  checkText(value, name, MAX_SECRET_PHC_LENGTH, Err);
}

/**
 * Throws unless `value` is one role: a string of 1–100 characters.
 *
 * @throws `Err` (default InvalidInputError, `INVALID_INPUT`).
 * @example
 * ```ts
 * checkRole("reader", "hasRole");
 * ```
 */
export function checkRole(
  value: unknown,
  name = "role",
  Err: CheckErrorClass = InvalidInputError,
): asserts value is string {
  checkText(value, name, MAX_ROLE_LENGTH, Err);
}

/**
 * Checks a list of roles (an array, or a `Set` as lib-dynamodb reads a String Set) and returns it
 * as a fresh array: at most 50 entries, each a role, none repeated. Roles are a set (DynamoDB's
 * String Set refuses duplicates), so a repeated role is refused; only the lists of a
 * `{ add }` / `{ remove }` change, whose set operations are idempotent, drop repeats instead
 * (`dropRepeats`).
 *
 * @throws `Err` (default InvalidInputError, `INVALID_INPUT`) naming the list or the entry
 *   (`roles[3]`) at fault.
 * @example
 * ```ts
 * checkRoles(["reader", "writer"]); // ["reader", "writer"]
 * checkRoles(["a", "a"]); // throws "roles[1] duplicates an earlier role (each role may appear once)"
 * ```
 */
export function checkRoles(
  value: unknown,
  name = "roles",
  Err: CheckErrorClass = InvalidInputError,
  dropRepeats = false,
): string[] {
  let roles: readonly unknown[];
  if (Array.isArray(value)) roles = value;
  else if (value instanceof Set) roles = [...(value as Set<unknown>)];
  else throw new Err(`${name} must be an array of strings (got ${describeValue(value)})`);
  if (roles.length > MAX_ROLES) {
    throw new Err(`${name} must hold at most ${MAX_ROLES} roles (got ${roles.length})`);
  }
  const seen = new Set<string>();
  roles.forEach((role, i) => {
    checkRole(role, `${name}[${i}]`, Err);
    if (seen.has(role) && !dropRepeats) {
      throw new Err(`${name}[${i}] duplicates an earlier role (each role may appear once)`);
    }
    seen.add(role);
  });
  return [...seen];
}

/**
 * Throws unless a role add leaves at most 50 roles: `count` is the size of the set it would make.
 *
 * @throws `Err` (default InvalidInputError, `INVALID_INPUT`): `roles would hold more than 50 roles`.
 */
export function checkRoleCount(count: number, Err: CheckErrorClass = InvalidInputError): void {
  if (count > MAX_ROLES) throw new Err(`roles would hold more than ${MAX_ROLES} roles`);
}

/**
 * Checks the roles change of an update: an array (replace; `[]` clears), `{ add }` or
 * `{ remove }`, never both. Returns it with fresh lists (repeats dropped from an add or remove
 * list), or `undefined` when it changes nothing (an empty add or remove).
 *
 * @throws `Err` (default InvalidInputError, `INVALID_INPUT`) naming `roles`, `roles.add[i]`, ...
 * @example
 * ```ts
 * checkRolesChange({ add: ["writer", "writer"] }); // { add: ["writer"] }
 * checkRolesChange({ remove: [] }); // undefined: nothing to do
 * ```
 */
export function checkRolesChange(
  value: unknown,
  Err: CheckErrorClass = InvalidInputError,
): RolesChange | undefined {
  if (Array.isArray(value)) return checkRoles(value, "roles", Err);
  const shape = "roles must be an array, { add: [...] } or { remove: [...] }";
  if (typeof value !== "object" || value === null) {
    throw new Err(`${shape} (got ${describeValue(value)})`);
  }
  const { add, remove } = value as { add?: unknown; remove?: unknown };
  if (add !== undefined && remove !== undefined) {
    throw new Err("roles cannot add and remove in one update; use two updates");
  }
  if (add !== undefined) {
    const roles = checkRoles(add, "roles.add", Err, true);
    return roles.length === 0 ? undefined : { add: roles };
  }
  if (remove !== undefined) {
    const roles = checkRoles(remove, "roles.remove", Err, true);
    return roles.length === 0 ? undefined : { remove: roles };
  }
  throw new Err(shape);
}

/**
 * Throws unless `value` is a time in Unix seconds: a non-negative safe integer. Returns it.
 *
 * @throws `Err` (default InvalidInputError, `INVALID_INPUT`).
 * @example
 * ```ts
 * checkTime(1767225600, "expiresAt");
 * ```
 */
export function checkTime(
  value: unknown,
  name: string,
  Err: CheckErrorClass = InvalidInputError,
): number {
  if (typeof value !== "number" || !Number.isSafeInteger(value) || value < 0) {
    throw new Err(
      `${name} must be a non-negative integer of Unix seconds (got ${describeValue(value)})`,
    );
  }
  return value;
}

/**
 * Throws unless `value` is a boolean or `undefined`.
 *
 * @throws `Err` (default InvalidInputError, `INVALID_INPUT`).
 * @example
 * ```ts
 * checkBoolean(params.isAdmin, "isAdmin");
 * ```
 */
export function checkBoolean(
  value: unknown,
  name: string,
  Err: CheckErrorClass = InvalidInputError,
): asserts value is boolean | undefined {
  if (value !== undefined && typeof value !== "boolean") {
    throw new Err(`${name} must be a boolean (got ${describeValue(value)})`);
  }
}
