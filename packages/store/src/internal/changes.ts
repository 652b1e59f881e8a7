/**
 * Checks the arguments of `update`, `revoke` and `touch` before any storage work, so both
 * adapters refuse the same inputs with the same `INVALID_INPUT` messages, and normalises a
 * {@link TokenChanges} into the few shapes the adapters write.
 */
import { InvalidInputError } from "../errors.js";
import type { TokenChanges } from "../port.js";
import { checkRoles, MAX_OWNER_LENGTH, MAX_SECRET_PHC_LENGTH } from "./record.js";

/** A role change after normalisation; an empty add/remove has been dropped as a no-op. */
export type NormalRolesChange =
  | { readonly kind: "replace"; readonly roles: readonly string[] }
  | { readonly kind: "add"; readonly roles: readonly string[] }
  | { readonly kind: "remove"; readonly roles: readonly string[] };

/** {@link TokenChanges} after checking; `empty` when nothing would be written. */
export interface NormalChanges {
  readonly owner?: string;
  readonly isAdmin?: boolean;
  readonly secretPhc?: string;
  readonly expiresAt?: number | null;
  readonly roles?: NormalRolesChange;
  readonly empty: boolean;
}

function invalid(message: string): never {
  throw new InvalidInputError(message);
}

/** Throws `INVALID_INPUT` unless `value` is a non-negative integer of Unix seconds. */
export function checkTime(value: unknown, name: string): number {
  if (typeof value !== "number" || !Number.isSafeInteger(value) || value < 0) {
    invalid(`${name} must be a non-negative integer (Unix seconds)`);
  }
  return value;
}

/** Checks and normalises the changes of `update`; throws `INVALID_INPUT` naming the field. */
export function normaliseChanges(changes: TokenChanges): NormalChanges {
  if (typeof changes !== "object" || changes === null) invalid("changes must be an object");
  const out: {
    owner?: string;
    isAdmin?: boolean;
    secretPhc?: string;
    expiresAt?: number | null;
    roles?: NormalRolesChange;
  } = {};
  const { owner, isAdmin, secretPhc, expiresAt, roles } = changes;
  if (owner !== undefined) {
    if (typeof owner !== "string" || owner.length < 1 || owner.length > MAX_OWNER_LENGTH) {
      invalid(`owner must be a string of 1-${MAX_OWNER_LENGTH} characters`);
    }
    out.owner = owner;
  }
  if (isAdmin !== undefined) {
    if (typeof isAdmin !== "boolean") invalid("isAdmin must be a boolean");
    out.isAdmin = isAdmin;
  }
  if (secretPhc !== undefined) {
    if (typeof secretPhc !== "string" || secretPhc.length < 1) {
      invalid("secretPhc must be a non-empty string");
    }
    if (secretPhc.length > MAX_SECRET_PHC_LENGTH) {
      invalid(`secretPhc is longer than ${MAX_SECRET_PHC_LENGTH} characters`);
    }
    out.secretPhc = secretPhc;
  }
  if (expiresAt !== undefined) {
    out.expiresAt = expiresAt === null ? null : checkTime(expiresAt, "expiresAt");
  }
  if (roles !== undefined) {
    if (Array.isArray(roles)) {
      out.roles = { kind: "replace", roles: checkRoles(roles, invalid) };
    } else if (typeof roles === "object" && roles !== null) {
      const hasAdd = "add" in roles && roles.add !== undefined;
      const hasRemove = "remove" in roles && roles.remove !== undefined;
      if (hasAdd && hasRemove) invalid("roles: give either add or remove, not both");
      if (hasAdd) {
        const list = checkRoles(roles.add, invalid, "roles.add", true);
        if (list.length > 0) out.roles = { kind: "add", roles: list };
      } else if (hasRemove) {
        const list = checkRoles(roles.remove, invalid, "roles.remove", true);
        if (list.length > 0) out.roles = { kind: "remove", roles: list };
      } else {
        invalid("roles must be an array, { add } or { remove }");
      }
    } else {
      invalid("roles must be an array, { add } or { remove }");
    }
  }
  return { ...out, empty: Object.keys(out).length === 0 };
}
