/**
 * Validation of token records: the item layout of @access-tokens/core (tokenId S, secretPhc S,
 * owner S, isAdmin BOOL, roles SS, createdAt/lastUsedAt/revokedAt/expiresAt N in Unix seconds).
 *
 * Everything read back from storage is untrusted and parsed strictly against one grammar. Extra
 * attributes are ignored (a shared table may carry more, and the DynamoDB adapter keeps
 * `expiresAtBeforeRevoke` and `writeNonce` next to the record). The record has the shape
 * @access-tokens/core reads from the same item: `roles` arrives as a `Set` from lib-dynamodb or as
 * an array and leaves as an array, absent when there are none (never `[]`); an absent `isAdmin`
 * reads as `false`; a NULL `expiresAt` reads as `null` (a cleared expiry); a NULL `lastUsedAt` or
 * `revokedAt` (which nothing writes) reads as absent. Messages carry @access-tokens/core's words
 * ("Cannot load invalid record for token <id>", "Cannot store invalid token record") and name the
 * attribute and the bound, never the value of `secretPhc`.
 */
import { InvalidRecordError } from "../errors.js";
import type { TokenRecord } from "../port.js";

/** Token ids: 21 characters of base62. */
export const TOKEN_ID_PATTERN = /^[A-Za-z0-9]{21}$/;
/** Longest `owner`, in characters. */
export const MAX_OWNER_LENGTH = 100;
/** Most roles a record holds. */
export const MAX_ROLES = 50;
/** Longest role, in characters. */
export const MAX_ROLE_LENGTH = 100;
/** Longest `secretPhc`, in characters. */
export const MAX_SECRET_PHC_LENGTH = 200;

type Item = Record<string, unknown>;

/** Why a record is validated: read back from storage, or about to be written. */
export type RecordUse = "load" | "store";

function fail(use: RecordUse, tokenId: unknown, message: string): never {
  if (use === "store")
    throw new InvalidRecordError(`Cannot store invalid token record: ${message}`);
  const id = typeof tokenId === "string" && TOKEN_ID_PATTERN.test(tokenId) ? tokenId : undefined;
  throw new InvalidRecordError(
    id === undefined
      ? `Cannot load invalid token record: ${message}`
      : `Cannot load invalid record for token ${id}: ${message}`,
  );
}

function isTime(value: unknown): value is number {
  return typeof value === "number" && Number.isSafeInteger(value) && value >= 0;
}

function optionalTime(use: RecordUse, item: Item, name: string): number | null | undefined {
  const value = item[name];
  if (value === undefined || value === null) return value;
  if (!isTime(value)) {
    fail(use, item.tokenId, `${name} must be a non-negative integer (Unix seconds)`);
  }
  return value;
}

/**
 * Checks a list of roles against the limits; `what` names it in the message. Returns a fresh
 * array; duplicates are refused, or dropped when `dedupe` (set operations are idempotent).
 */
export function checkRoles(
  value: unknown,
  onError: (message: string) => never,
  what = "roles",
  dedupe = false,
): string[] {
  let roles: unknown[];
  if (Array.isArray(value)) roles = value;
  else if (value instanceof Set) roles = [...(value as Set<unknown>)];
  else return onError(`${what} must be a string set or an array of strings`);
  if (roles.length > MAX_ROLES) return onError(`${what} holds more than ${MAX_ROLES} roles`);
  const seen = new Set<string>();
  for (const role of roles) {
    if (typeof role !== "string" || role.length < 1 || role.length > MAX_ROLE_LENGTH) {
      return onError(`${what} must hold strings of 1-${MAX_ROLE_LENGTH} characters`);
    }
    if (seen.has(role) && !dedupe) return onError(`${what} holds a duplicate role`);
    seen.add(role);
  }
  return [...seen];
}

/**
 * Parses an item into a {@link TokenRecord}, or throws `INVALID_RECORD` naming the attribute.
 * The result holds only the attributes of the port (extra attributes are dropped) in the shape
 * @access-tokens/core reads: `roles` may be a `Set` (a DynamoDB String Set read by lib-dynamodb)
 * or an array and comes back as an array, absent when empty; an absent `isAdmin` reads as
 * `false`; a `null` `expiresAt` stays `null` (a cleared expiry), a `null` `lastUsedAt` or
 * `revokedAt` reads as absent.
 *
 * @param use - `"load"` (default) for an item read back from storage, `"store"` for a record
 *   about to be written; it only chooses the message: `Cannot load invalid record for token <id>:
 *   …` or `Cannot store invalid token record: …`.
 * @throws InvalidRecordError (`INVALID_RECORD`); the message never contains `secretPhc`.
 * @example
 * ```ts
 * const record = validateRecord(item); // item from GetCommand's Item
 * ```
 */
export function validateRecord(item: unknown, use: RecordUse = "load"): TokenRecord {
  if (typeof item !== "object" || item === null || Array.isArray(item)) {
    fail(use, undefined, "not an object");
  }
  const it = item as Item;
  const { tokenId, secretPhc, owner, isAdmin, createdAt } = it;
  if (typeof tokenId !== "string" || !TOKEN_ID_PATTERN.test(tokenId)) {
    fail(use, undefined, "tokenId must be 21 characters of [A-Za-z0-9]");
  }
  if (typeof secretPhc !== "string" || secretPhc.length < 1) {
    fail(use, tokenId, "secretPhc must be a non-empty string");
  }
  if (secretPhc.length > MAX_SECRET_PHC_LENGTH) {
    fail(use, tokenId, `secretPhc is longer than ${MAX_SECRET_PHC_LENGTH} characters`);
  }
  if (typeof owner !== "string" || owner.length < 1 || owner.length > MAX_OWNER_LENGTH) {
    fail(use, tokenId, `owner must be a string of 1-${MAX_OWNER_LENGTH} characters`);
  }
  if (isAdmin !== undefined && isAdmin !== null && typeof isAdmin !== "boolean") {
    fail(use, tokenId, "isAdmin must be a boolean");
  }
  if (!isTime(createdAt)) {
    fail(use, tokenId, "createdAt must be a non-negative integer (Unix seconds)");
  }
  const roles =
    it.roles === undefined || it.roles === null
      ? []
      : checkRoles(it.roles, (message) => fail(use, tokenId, message));
  const lastUsedAt = optionalTime(use, it, "lastUsedAt");
  const revokedAt = optionalTime(use, it, "revokedAt");
  const expiresAt = optionalTime(use, it, "expiresAt");
  return {
    tokenId,
    secretPhc,
    owner,
    isAdmin: isAdmin === true,
    ...(roles.length === 0 ? {} : { roles }),
    createdAt,
    ...(typeof lastUsedAt === "number" ? { lastUsedAt } : {}),
    ...(typeof revokedAt === "number" ? { revokedAt } : {}),
    ...(expiresAt === undefined ? {} : { expiresAt }),
  };
}

/**
 * Like {@link validateRecord}, but returns `null` for an invalid item instead of throwing.
 *
 * @example
 * ```ts
 * const record = tryParseRecord(item);
 * if (record === null) skip();
 * ```
 */
export function tryParseRecord(item: unknown): TokenRecord | null {
  try {
    return validateRecord(item);
  } catch (error) {
    if (error instanceof InvalidRecordError) return null;
    throw error;
  }
}
