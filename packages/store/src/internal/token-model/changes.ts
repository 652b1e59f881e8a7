/**
 * The arguments of the store's `update` after checking, in the few shapes the adapters write.
 * Both adapters call {@link normaliseChanges} before any storage work, so they refuse the same
 * inputs with the same `INVALID_INPUT` messages (those of `checks.ts`).
 */
import { InvalidInputError } from "../../errors.js";
import type { TokenChanges } from "../../port.js";
import { checkBoolean, checkOwner, checkRolesChange, checkSecretPhc, checkTime } from "./checks.js";
import { checkPrintable, checkPrintableRoles } from "./printable.js";
import { checkLabelChanges, type LabelChanges } from "./labels.js";

/** A role change after checking; an empty add/remove has been dropped as a no-op. */
export type NormalRolesChange =
  | { readonly kind: "replace"; readonly roles: readonly string[] }
  | { readonly kind: "add"; readonly roles: readonly string[] }
  | { readonly kind: "remove"; readonly roles: readonly string[] };

/** {@link TokenChanges} after checking; `empty` when nothing would be written. */
export interface NormalChanges extends LabelChanges {
  readonly owner?: string;
  readonly isAdmin?: boolean;
  readonly secretPhc?: string;
  readonly expiresAt?: number | null;
  readonly roles?: NormalRolesChange;
  readonly empty: boolean;
}

/** Checks and normalises the changes of `update`; throws `INVALID_INPUT` naming the field. */
export function normaliseChanges(changes: TokenChanges): NormalChanges {
  if (typeof changes !== "object" || changes === null) {
    throw new InvalidInputError("changes must be an object");
  }
  const out: {
    -readonly [K in keyof Omit<NormalChanges, "empty">]: NormalChanges[K];
  } = {};
  const { owner, isAdmin, secretPhc, expiresAt, roles } = changes;
  if (owner !== undefined) {
    checkOwner(owner);
    checkPrintable(owner, "owner");
    out.owner = owner;
  }
  if (isAdmin !== undefined) {
    checkBoolean(isAdmin, "isAdmin");
    out.isAdmin = isAdmin;
  }
  if (secretPhc !== undefined) {
    checkSecretPhc(secretPhc);
    out.secretPhc = secretPhc;
  }
  if (expiresAt !== undefined) {
    out.expiresAt = expiresAt === null ? null : checkTime(expiresAt, "expiresAt");
  }
  if (roles !== undefined) {
    const change = checkRolesChange(roles);
    checkPrintableRoles(change);
    if (Array.isArray(change)) out.roles = { kind: "replace", roles: change };
    else if (change !== undefined && "add" in change)
      out.roles = { kind: "add", roles: change.add };
    else if (change !== undefined && "remove" in change) {
      out.roles = { kind: "remove", roles: change.remove };
    }
  }
  Object.assign(out, checkLabelChanges(changes));
  return { ...out, empty: Object.keys(out).length === 0 };
}
