/**
 * Argument validation of the façade. Every check runs before any hashing or storage call, and a
 * failure throws `InvalidInputError` (`INVALID_INPUT`) whose message names the parameter and the
 * bound it broke. Limits are those of the stored item (owner 1–100 characters, at most 50 roles of 1–100), also
 * what @access-tokens/core's record schema accepts. Messages never quote a PHC string.
 */
import { inspectPhc } from "@pat/crypto";
import {
  InvalidInputError,
  MAX_OWNER_LENGTH as MAX_OWNER,
  MAX_ROLE_LENGTH as MAX_ROLE,
  MAX_ROLES,
  MAX_SECRET_PHC_LENGTH as MAX_PHC,
  TOKEN_ID_PATTERN as TOKEN_ID,
  type RolesChange,
} from "@pat/store";

function describe(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  return typeof value === "string" ? `a string of ${value.length} characters` : typeof value;
}

/** Throws unless `value` is a 21-character base62 token id. */
export function checkTokenId(value: unknown, name = "tokenId"): asserts value is string {
  if (typeof value !== "string" || !TOKEN_ID.test(value)) {
    throw new InvalidInputError(
      `${name} must be 21 characters of [A-Za-z0-9] (got ${describe(value)})`,
    );
  }
}

/** Throws unless `value` is an owner of 1–100 characters. */
export function checkOwner(value: unknown, name = "owner"): asserts value is string {
  if (typeof value !== "string" || value.length < 1 || value.length > MAX_OWNER) {
    throw new InvalidInputError(
      `${name} must be a string of 1-${MAX_OWNER} characters (got ${describe(value)})`,
    );
  }
}

/** Throws unless `value` is a boolean (or undefined when optional). */
export function checkBoolean(value: unknown, name: string): asserts value is boolean | undefined {
  if (value !== undefined && typeof value !== "boolean") {
    throw new InvalidInputError(`${name} must be a boolean (got ${describe(value)})`);
  }
}

/** Throws unless `value` is a Unix time in seconds: a non-negative safe integer. */
export function checkTime(value: unknown, name: string): asserts value is number {
  if (typeof value !== "number" || !Number.isSafeInteger(value) || value < 0) {
    throw new InvalidInputError(
      `${name} must be a non-negative integer of Unix seconds (got ${
        typeof value === "number" ? String(value) : describe(value)
      })`,
    );
  }
}

/**
 * Throws unless `value` is a safe integer of at least `min`: a count such as `limit` (`min` 0,
 * "a non-negative integer") or a page size (`min` 1, "a positive integer").
 */
export function checkCount(value: unknown, name: string, min: 0 | 1): asserts value is number {
  if (typeof value !== "number" || !Number.isSafeInteger(value) || value < min) {
    const what = min === 0 ? "a non-negative integer" : "a positive integer";
    throw new InvalidInputError(`${name} must be ${what} (got ${String(value)})`);
  }
}

/** Throws unless `value` is one role of 1–100 characters. */
export function checkRole(value: unknown, name: string): asserts value is string {
  if (typeof value !== "string" || value.length < 1 || value.length > MAX_ROLE) {
    throw new InvalidInputError(
      `${name} must be a string of 1-${MAX_ROLE} characters (got ${describe(value)})`,
    );
  }
}

/**
 * Validates a list of roles and returns it without duplicates (roles are a set; DynamoDB's String
 * Set refuses duplicates). At most 50 distinct roles.
 */
export function checkRoles(value: unknown, name = "roles"): string[] {
  if (!Array.isArray(value)) {
    throw new InvalidInputError(`${name} must be an array of strings (got ${describe(value)})`);
  }
  const roles = new Set<string>();
  value.forEach((role: unknown, i) => {
    checkRole(role, `${name}[${i}]`);
    roles.add(role);
  });
  if (roles.size > MAX_ROLES) {
    throw new InvalidInputError(`${name} must hold at most ${MAX_ROLES} roles (got ${roles.size})`);
  }
  return [...roles];
}

/** Validates a roles change of `update`: an array, `{ add }` or `{ remove }`, never both. */
export function checkRolesChange(value: unknown): RolesChange {
  if (Array.isArray(value)) return checkRoles(value, "roles");
  if (typeof value !== "object" || value === null) {
    throw new InvalidInputError(
      `roles must be an array, { add: [...] } or { remove: [...] } (got ${describe(value)})`,
    );
  }
  const hasAdd = "add" in value && (value as { add?: unknown }).add !== undefined;
  const hasRemove = "remove" in value && (value as { remove?: unknown }).remove !== undefined;
  if (hasAdd && hasRemove) {
    throw new InvalidInputError("roles cannot add and remove in one update; use two updates");
  }
  if (hasAdd) return { add: checkRoles((value as { add: unknown }).add, "roles.add") };
  if (hasRemove)
    return { remove: checkRoles((value as { remove: unknown }).remove, "roles.remove") };
  throw new InvalidInputError("roles must be an array, { add: [...] } or { remove: [...] }");
}

/**
 * Why `value` is not a scrypt PHC string that verify can use with this `maxmem` (undefined:
 * @pat/crypto's default budget), or `undefined` when it is one: the reason verify would answer
 * (`invalid_phc`, `unsupported_algorithm`, `invalid_parameters`), with a detail for a non-string
 * or a string over 200 characters. Never quotes the string.
 */
export function phcProblem(value: unknown, maxmem: number | undefined): string | undefined {
  if (typeof value !== "string") return `invalid_phc (expected a string, got ${describe(value)})`;
  if (value.length > MAX_PHC) {
    return `invalid_phc (at most ${MAX_PHC} characters, got ${value.length})`;
  }
  const inspected = inspectPhc(value, maxmem === undefined ? {} : { maxmem });
  return inspected.ok ? undefined : inspected.reason;
}

/**
 * Throws unless `value` is a scrypt PHC string that verify can use: at most 200 characters,
 * well-formed, parameters in range and within `maxmem` (the instance's configured budget;
 * undefined: @pat/crypto's default), so nothing is stored that this instance's verify would
 * refuse. The message is @access-tokens/core's, `Invalid secret PHC string: <reason>`, and never
 * quotes the string.
 */
export function checkPhc(value: unknown, maxmem: number | undefined): asserts value is string {
  const problem = phcProblem(value, maxmem);
  if (problem !== undefined) throw new InvalidInputError(`Invalid secret PHC string: ${problem}`);
}

/** Throws unless `value` is a plain object (an options bag). */
export function checkObject(value: unknown, name: string): asserts value is object {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new InvalidInputError(`${name} must be an object (got ${describe(value)})`);
  }
}

/** True for `{ add: [] }` and `{ remove: [] }`, which change nothing. */
export function isNoOpRolesChange(change: RolesChange): boolean {
  if ("add" in change) return change.add.length === 0;
  if ("remove" in change) return change.remove.length === 0;
  return false;
}
