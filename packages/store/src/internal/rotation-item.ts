/**
 * The stored-item transitions of rotation, as the memory adapter applies them (the DynamoDB
 * adapter writes the same transitions as conditional expressions, `dynamodb/rotate-plan.ts`).
 *
 * Rotating marks the predecessor `rotatedTo` its successor and, with a grace end, stores
 * `graceEndsAt` and lowers the expiry to it when that is earlier, so that a reader knowing nothing
 * of rotation (@access-tokens/core) stops accepting the old secret at the same time and DynamoDB's
 * TTL eventually removes the retired item. Confirming (the successor's first use) ends the grace
 * at once: `graceEndsAt` and `expiresAt` become the confirmation time, and the expiry a revoke
 * remembered is dropped, so no later restore can revive the old secret.
 */
import type { RotateRequest } from "../port.js";
import type { Item } from "./item.js";
import { loweredExpiry } from "./token-model/index.js";

/** The predecessor's item after `request` rotated it (a fresh object). */
export function rotatedItem(item: Item, request: RotateRequest): Item {
  const next: Item = { ...item, rotatedTo: request.successorId };
  if (request.graceEndsAt !== undefined) next.graceEndsAt = request.graceEndsAt;
  const expiry = item.expiresAt;
  const lowered = loweredExpiry(typeof expiry === "number" ? expiry : null, request.graceEndsAt);
  if (lowered !== undefined) next.expiresAt = lowered;
  return next;
}

/**
 * The predecessor's item once `successorId` was first used at `at`; the item itself when it is
 * not rotated to that successor or its grace ended at or before `at` already.
 */
export function confirmedItem(item: Item, successorId: string, at: number): Item {
  if (item.rotatedTo !== successorId) return item;
  if (typeof item.graceEndsAt === "number" && item.graceEndsAt <= at) return item;
  const next: Item = { ...item, graceEndsAt: at, expiresAt: at };
  delete next.expiresAtBeforeRevoke;
  return next;
}
