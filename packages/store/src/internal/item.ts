/**
 * The stored item of a token, and the pure state transitions of revoke and restore.
 *
 * Both adapters store the same attributes: the record's, with `roles` absent when empty (DynamoDB
 * refuses an empty String Set) and `expiresAt` NULL once an expiry was cleared (as
 * @access-tokens/core writes it), plus {@link BEFORE_REVOKE}, the expiry a token had before a revoke
 * shortened it: a number, `null` for "had no expiry", absent when revoke did not touch the expiry.
 * The memory adapter runs these functions; the DynamoDB adapter writes the same transitions as
 * conditional update expressions, one case per shape of the stored item.
 */
import type { TokenRecord } from "../port.js";
import { labelAttributes, type LabelChanges } from "./token-model/labels.js";

/** A stored item: attribute name to value, as lib-dynamodb reads and writes it. */
export type Item = Record<string, unknown>;

/** Attribute that remembers the expiry from before a revoke (see module comment). */
export const BEFORE_REVOKE = "expiresAtBeforeRevoke";

/** Key of the item that marks a store as bootstrapped; `#` can never occur in a token id. */
export const BOOTSTRAP_MARKER_ID = "#bootstrap";

/** The item that stores `record` (`roles` absent when empty, absent times left out, a `null` expiry kept). */
export function recordToItem(record: TokenRecord): Item {
  const item: Item = {
    tokenId: record.tokenId,
    secretPhc: record.secretPhc,
    owner: record.owner,
    isAdmin: record.isAdmin,
    createdAt: record.createdAt,
  };
  if (record.roles !== undefined && record.roles.length > 0) item.roles = [...record.roles];
  if (record.lastUsedAt !== undefined) item.lastUsedAt = record.lastUsedAt;
  if (record.revokedAt !== undefined) item.revokedAt = record.revokedAt;
  if (record.expiresAt !== undefined) item.expiresAt = record.expiresAt;
  if (record.rotatedFrom !== undefined) item.rotatedFrom = record.rotatedFrom;
  if (record.awaitingFirstUse === true) item.awaitingFirstUse = true;
  if (record.rotatedTo !== undefined) item.rotatedTo = record.rotatedTo;
  if (record.graceEndsAt !== undefined) item.graceEndsAt = record.graceEndsAt;
  return Object.assign(item, labelAttributes(record));
}

/** Applies the label changes of an update to `item` in place: a value sets, `null` removes. */
export function applyLabelChanges(item: Item, changes: LabelChanges): void {
  const { name, description, metadata } = changes;
  if (name === null) delete item.name;
  else if (name !== undefined) item.name = name;
  if (description === null) delete item.description;
  else if (description !== undefined) item.description = description;
  if (metadata === null) delete item.metadata;
  else if (metadata !== undefined) item.metadata = { ...metadata };
}

function isSet(value: unknown): boolean {
  return value !== undefined && value !== null;
}

/**
 * Revoke: keep the first `revokedAt`; with `cleanupAt`, lower the expiry to it when that is
 * earlier (or when there was none) and remember the expiry from before the first lowering.
 */
export function revokeItem(item: Item, revokedAt: number, cleanupAt?: number): Item {
  const next: Item = { ...item };
  if (!isSet(item.revokedAt)) next.revokedAt = revokedAt;
  if (cleanupAt !== undefined) {
    const expiry = item.expiresAt;
    if (typeof expiry !== "number" || cleanupAt < expiry) {
      if (!(BEFORE_REVOKE in item))
        next[BEFORE_REVOKE] = typeof expiry === "number" ? expiry : null;
      next.expiresAt = cleanupAt;
    }
  }
  return next;
}

/** Restore: clear `revokedAt` and give back the remembered expiry; a live item is unchanged. */
export function restoreItem(item: Item): Item {
  if (!isSet(item.revokedAt)) return item;
  const next: Item = { ...item };
  delete next.revokedAt;
  const before = item[BEFORE_REVOKE];
  if (typeof before === "number") next.expiresAt = before;
  else if (before === null) delete next.expiresAt;
  delete next.expiresAtBeforeRevoke;
  return next;
}
