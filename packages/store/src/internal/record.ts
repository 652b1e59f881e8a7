/**
 * Validation of token records: the item layout of @access-tokens/core (tokenId S, secretPhc S,
 * owner S, isAdmin BOOL, roles SS, createdAt/lastUsedAt/revokedAt/expiresAt N in Unix seconds).
 *
 * Everything read back from storage is untrusted and parsed strictly against one grammar. Extra
 * attributes are ignored (a shared table may carry more, and the DynamoDB adapter keeps
 * `expiresAtBeforeRevoke` next to the record), `roles` arrives as a `Set` from lib-dynamodb or as
 * an array and always leaves as an array, and an absent `isAdmin` or a `null` time reads as
 * absent, as @access-tokens/core reads them. Messages name the attribute and the bound, never
 * the value of `secretPhc`.
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

function fail(tokenId: unknown, message: string): never {
  const id = typeof tokenId === "string" && TOKEN_ID_PATTERN.test(tokenId) ? ` ${tokenId}` : "";
  throw new InvalidRecordError(`Invalid token record${id}: ${message}`);
}

function isTime(value: unknown): value is number {
  return typeof value === "number" && Number.isSafeInteger(value) && value >= 0;
}

function optionalTime(item: Item, name: string): number | undefined {
  const value = item[name];
  if (value === undefined || value === null) return undefined;
  if (!isTime(value)) fail(item.tokenId, `${name} must be a non-negative integer (Unix seconds)`);
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
 * The result holds only the attributes of the port (extra attributes are dropped); `roles` may be
 * a `Set` (a DynamoDB String Set read by lib-dynamodb) or an array and comes back as an array.
 * An absent `isAdmin` reads as `false` and a `null` time as absent, as @access-tokens/core does.
 *
 * @throws InvalidRecordError (`INVALID_RECORD`); the message never contains `secretPhc`.
 * @example
 * ```ts
 * const record = validateRecord(item); // item from GetCommand's Item
 * ```
 */
export function validateRecord(item: unknown): TokenRecord {
  if (typeof item !== "object" || item === null || Array.isArray(item)) {
    throw new InvalidRecordError("Invalid token record: not an object");
  }
  const it = item as Item;
  const { tokenId, secretPhc, owner, isAdmin, createdAt } = it;
  if (typeof tokenId !== "string" || !TOKEN_ID_PATTERN.test(tokenId)) {
    fail(undefined, "tokenId must be 21 characters of [A-Za-z0-9]");
  }
  if (typeof secretPhc !== "string" || secretPhc.length < 1) {
    fail(tokenId, "secretPhc must be a non-empty string");
  }
  if (secretPhc.length > MAX_SECRET_PHC_LENGTH) {
    fail(tokenId, `secretPhc is longer than ${MAX_SECRET_PHC_LENGTH} characters`);
  }
  if (typeof owner !== "string" || owner.length < 1 || owner.length > MAX_OWNER_LENGTH) {
    fail(tokenId, `owner must be a string of 1-${MAX_OWNER_LENGTH} characters`);
  }
  if (isAdmin !== undefined && isAdmin !== null && typeof isAdmin !== "boolean") {
    fail(tokenId, "isAdmin must be a boolean");
  }
  if (!isTime(createdAt)) fail(tokenId, "createdAt must be a non-negative integer (Unix seconds)");
  const roles =
    it.roles === undefined || it.roles === null
      ? []
      : checkRoles(it.roles, (message) => fail(tokenId, message));
  const lastUsedAt = optionalTime(it, "lastUsedAt");
  const revokedAt = optionalTime(it, "revokedAt");
  const expiresAt = optionalTime(it, "expiresAt");
  return {
    tokenId,
    secretPhc,
    owner,
    isAdmin: isAdmin === true,
    roles,
    createdAt,
    ...(lastUsedAt === undefined ? {} : { lastUsedAt }),
    ...(revokedAt === undefined ? {} : { revokedAt }),
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
