/**
 * Validation of token records: the item layout of @access-tokens/core (tokenId S, secretPhc S,
 * owner S, isAdmin BOOL, roles SS, createdAt/lastUsedAt/revokedAt/expiresAt N in Unix seconds).
 *
 * Everything read back from storage is untrusted and parsed strictly against one grammar, with
 * the checkers of `checks.ts`. Extra attributes are ignored (a shared table may carry more, and
 * the DynamoDB adapter keeps `expiresAtBeforeRevoke` and `writeNonce` next to the record). The
 * record has the shape @access-tokens/core reads from the same item: `roles` arrives as a `Set`
 * from lib-dynamodb or as an array and leaves as an array, absent when there are none (never
 * `[]`); an absent `isAdmin` reads as `false`; a NULL `expiresAt` reads as `null` (a cleared
 * expiry); a NULL `lastUsedAt` or `revokedAt` (which nothing writes) reads as absent. Messages
 * carry @access-tokens/core's words ("Cannot load invalid record for token <id>", "Cannot store
 * invalid token record") before the checker's, and never the value of `secretPhc`.
 */
import { InvalidRecordError } from "../../errors.js";
import type { TokenRecord } from "../../port.js";
import {
  checkBoolean,
  checkOwner,
  checkRoles,
  checkSecretPhc,
  checkTime,
  checkTokenId,
} from "./checks.js";
import { parseLabels } from "./labels.js";
import { TOKEN_ID_PATTERN } from "./limits.js";
import { checkPrintable, checkPrintableRoles } from "./printable.js";

type Item = Record<string, unknown>;

/** Why a record is validated: read back from storage, or about to be written. */
export type RecordUse = "load" | "store";

function context(use: RecordUse, tokenId: unknown): string {
  if (use === "store") return "Cannot store invalid token record";
  return typeof tokenId === "string" && TOKEN_ID_PATTERN.test(tokenId)
    ? `Cannot load invalid record for token ${tokenId}`
    : "Cannot load invalid token record";
}

function optionalTime(item: Item, name: string): number | null | undefined {
  const value = item[name];
  return value === undefined || value === null ? value : checkTime(value, name, InvalidRecordError);
}

function parseRecord(item: unknown, use: RecordUse): TokenRecord {
  if (typeof item !== "object" || item === null || Array.isArray(item)) {
    throw new InvalidRecordError("not an object");
  }
  const it = item as Item;
  const { tokenId, secretPhc, owner, createdAt } = it;
  checkTokenId(tokenId, "tokenId", InvalidRecordError);
  checkSecretPhc(secretPhc, "secretPhc", InvalidRecordError);
  checkOwner(owner, "owner", InvalidRecordError);
  const isAdmin = it.isAdmin ?? undefined;
  checkBoolean(isAdmin, "isAdmin", InvalidRecordError);
  checkTime(createdAt, "createdAt", InvalidRecordError);
  const roles =
    it.roles === undefined || it.roles === null
      ? []
      : checkRoles(it.roles, "roles", InvalidRecordError);
  if (use === "store") {
    // Only what is written must be printable; records already stored still load.
    checkPrintable(owner, "owner", InvalidRecordError);
    checkPrintableRoles(roles, InvalidRecordError);
  }
  const lastUsedAt = optionalTime(it, "lastUsedAt");
  const revokedAt = optionalTime(it, "revokedAt");
  const expiresAt = optionalTime(it, "expiresAt");
  const rotation = parseRotation(it);
  return {
    tokenId,
    secretPhc,
    owner,
    isAdmin: isAdmin === true,
    ...(roles.length === 0 ? {} : { roles }),
    createdAt: createdAt as number,
    ...(typeof lastUsedAt === "number" ? { lastUsedAt } : {}),
    ...(typeof revokedAt === "number" ? { revokedAt } : {}),
    ...(expiresAt === undefined ? {} : { expiresAt }),
    ...parseLabels(it, InvalidRecordError),
    ...rotation,
  };
}

/** The rotation attributes of an item (see `TokenRecord`), each present only when stored. */
function parseRotation(it: Item): Partial<TokenRecord> {
  const out: { -readonly [K in keyof TokenRecord]?: TokenRecord[K] } = {};
  for (const name of ["rotatedFrom", "rotatedTo"] as const) {
    const value = it[name];
    if (value === undefined || value === null) continue;
    checkTokenId(value, name, InvalidRecordError);
    out[name] = value;
  }
  const graceEndsAt = optionalTime(it, "graceEndsAt");
  if (typeof graceEndsAt === "number") out.graceEndsAt = graceEndsAt;
  const awaiting = it.awaitingFirstUse ?? undefined;
  checkBoolean(awaiting, "awaitingFirstUse", InvalidRecordError);
  if (awaiting === true) out.awaitingFirstUse = true;
  return out;
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
 *   about to be written. It chooses the message (`Cannot load invalid record for token <id>: …`
 *   or `Cannot store invalid token record: …`), and a record to be written must also have a
 *   printable owner and roles (no control or bidi formatting characters), a record loaded need not.
 * @throws InvalidRecordError (`INVALID_RECORD`); the message never contains `secretPhc`.
 * @example
 * ```ts
 * const record = validateRecord(item); // item from GetCommand's Item
 * ```
 */
export function validateRecord(item: unknown, use: RecordUse = "load"): TokenRecord {
  try {
    return parseRecord(item, use);
  } catch (error) {
    if (!(error instanceof InvalidRecordError)) throw error;
    const tokenId = (item as { tokenId?: unknown } | null)?.tokenId;
    throw new InvalidRecordError(`${context(use, tokenId)}: ${error.message}`);
  }
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
    return parseRecord(item, "load");
  } catch (error) {
    if (error instanceof InvalidRecordError) return null;
    throw error;
  }
}
