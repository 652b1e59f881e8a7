/**
 * The write plan of `update`: every change in one conditional UpdateItem, the roles change as a
 * String Set operation (`ADD` / `DELETE`, so concurrent adds and removes all take effect). A role
 * add must not take the set above 50 roles, which no single condition can say of `ADD` when some
 * added roles may be held already. So the first write assumes none is held and asks for room for
 * all of them (`size(roles) <= 50 - adding`: the common case, one request); if refused, the image
 * says which are held, the resulting size is computed (refused with `INVALID_INPUT` above 50), and
 * the next write requires the set to be exactly as seen (its size and, for each added role,
 * whether it is held), so that the size computed is the size written.
 *
 * With `expectedSecretPhc` the write is conditional on the stored hash; the write then carries the
 * call's nonce, so that an SDK retry of a committed write (refused by its own condition) is told
 * apart from a concurrent writer.
 */
import type { TokenRecord } from "../../port.js";
import { BEFORE_REVOKE, type Item } from "../item.js";
import {
  checkRoleCount,
  MAX_ROLES,
  type NormalChanges,
  tryParseRecord,
  validateRecord,
} from "../token-model/index.js";
import type { WritePlan } from "./guarded-write.js";
import type { UpdateBuilder } from "./update-builder.js";
import { carriesNonce, WRITE_NONCE } from "./write-nonce.js";

/** What an update assumes of the stored roles. */
export type UpdateShape =
  | { readonly roles: "any" }
  | { readonly roles: "room"; readonly adding: number }
  | { readonly roles: "exact"; readonly held: ReadonlySet<string> };

function rolesOfItem(item: Item): Set<string> {
  const roles = item.roles;
  if (roles instanceof Set) return new Set([...roles].map(String));
  if (Array.isArray(roles)) return new Set(roles.map(String));
  return new Set();
}

function writeChanges(
  b: UpdateBuilder,
  changes: NormalChanges,
  expected: string | undefined,
  shape: UpdateShape,
): void {
  if (expected !== undefined) b.condition(`${b.name("secretPhc")} = ${b.value(expected)}`);
  if (changes.owner !== undefined) b.set(`${b.name("owner")} = ${b.value(changes.owner)}`);
  if (changes.isAdmin !== undefined) b.set(`${b.name("isAdmin")} = ${b.value(changes.isAdmin)}`);
  if (changes.secretPhc !== undefined) {
    b.set(`${b.name("secretPhc")} = ${b.value(changes.secretPhc)}`);
  }
  if (changes.expiresAt !== undefined) {
    // An explicit expiry wins over the one a later restore would give back. A cleared expiry
    // is stored as NULL, as @access-tokens/core stores it (TTL ignores non-numbers).
    b.set(`${b.name("expiresAt")} = ${b.value(changes.expiresAt)}`);
    b.remove(BEFORE_REVOKE);
  }
  for (const key of ["name", "description", "metadata"] as const) {
    // Labels are extra attributes; `null` removes one (see token-model/labels.ts).
    const change = changes[key];
    if (change === null) b.remove(key);
    else if (change !== undefined) b.set(`${b.name(key)} = ${b.value(change)}`);
  }
  const roles = changes.roles;
  if (roles === undefined) return;
  const path = b.name("roles");
  if (roles.kind === "replace") {
    if (roles.roles.length === 0) b.remove("roles");
    else b.set(`${path} = ${b.value(new Set(roles.roles))}`);
  } else if (roles.kind === "remove") {
    b.delete(`${path} ${b.value(new Set(roles.roles))}`);
  } else {
    b.add(`${path} ${b.value(new Set(roles.roles))}`);
    if (shape.roles === "room") {
      // Room for every added role even if none is held yet: the common case, one write.
      b.condition(
        `attribute_not_exists(${path}) OR size(${path}) <= ${b.value(MAX_ROLES - shape.adding)}`,
      );
    } else if (shape.roles === "exact") {
      // The set is exactly as last seen (size and membership of each added role), so the
      // union size computed from that image is the size this write produces.
      if (shape.held.size === 0) b.condition(`attribute_not_exists(${path})`);
      else b.condition(`size(${path}) = ${b.value(shape.held.size)}`);
      for (const role of roles.roles) {
        const has = `contains(${path}, ${b.value(role)})`;
        b.condition(shape.held.has(role) ? has : `NOT ${has}`);
      }
    }
  }
}

/**
 * The plan of `update(tokenId, changes, { expectedSecretPhc: expected })`; `nonce` is the call's
 * write nonce (given when `expected` is). Resolves the record as written, or `null` when the
 * stored hash is not `expected` (another writer won).
 */
export function updatePlan(
  changes: NormalChanges,
  expected: string | undefined,
  nonce: string | undefined,
): WritePlan<UpdateShape, TokenRecord | null> {
  const add = changes.roles?.kind === "add" ? changes.roles.roles : undefined;
  return {
    operation: "update",
    first: add === undefined ? { roles: "any" } : { roles: "room", adding: add.length },
    returnNew: true,
    write(shape, b) {
      writeChanges(b, changes, expected, shape);
      if (nonce !== undefined) b.set(`${b.name(WRITE_NONCE)} = ${b.value(nonce)}`);
    },
    refused(old, shape) {
      if (expected !== undefined && old.secretPhc !== expected) {
        // An SDK retry of our committed write also lands here: the item then carries our
        // nonce (and every change), so report it as written. Any other writer wins: null.
        return { done: true, result: carriesNonce(old, nonce) ? tryParseRecord(old) : null };
      }
      if (add === undefined) return { done: false, next: shape };
      const held = rolesOfItem(old);
      checkRoleCount(new Set([...held, ...add]).size);
      return { done: false, next: { roles: "exact", held } };
    },
    written(item) {
      return validateRecord(item);
    },
  };
}
