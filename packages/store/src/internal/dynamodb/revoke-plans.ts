/**
 * The write plans of `revoke` and `restore`, whose effect depends on the item's shape.
 *
 * Revoke: two facts pick the write, whether the item is revoked already (a number; NULL, as
 * @access-tokens/core writes it, is "not revoked") and how its expiry compares with the cleanup
 * time. The first `revokedAt` stays; with a cleanup time the expiry is lowered to it unless it is
 * earlier already, and the expiry from before the first lowering is remembered in
 * `expiresAtBeforeRevoke` (`NULL` for "had none"). The common case is tried first: not revoked,
 * expiring later than the cleanup time.
 *
 * Restore: clears `revokedAt` and gives back the remembered expiry (a number: set it back; NULL:
 * remove the expiry; absent: the revoke left the expiry alone). A plain revoke is the common case.
 * An item that is not revoked is left as it is.
 */
import { BEFORE_REVOKE, type Item } from "../item.js";
import type { AfterRefusal, WritePlan } from "./guarded-write.js";

/** How a revoke treats the expiry: lower an expiry, set one where there is none, or keep it. */
export type ExpiryCase = "lower" | "lowerFromNone" | "keep";

/** What a revoke assumes of the item. */
export interface RevokeShape {
  readonly revoked: boolean;
  readonly expiry: ExpiryCase;
}

/** What a restore assumes of `expiresAtBeforeRevoke`: absent, a number, or NULL. */
export type RestoreShape = "plain" | "number" | "null";

function expiryCase(old: Item, cleanupAt: number | undefined): ExpiryCase {
  const expiry = old.expiresAt;
  if (cleanupAt === undefined || (typeof expiry === "number" && cleanupAt >= expiry)) return "keep";
  return typeof expiry === "number" ? "lower" : "lowerFromNone";
}

/** The plan of `revoke(tokenId, { revokedAt, cleanupAt })`. */
export function revokePlan(revokedAt: number, cleanupAt?: number): WritePlan<RevokeShape, void> {
  return {
    operation: "revoke",
    first: { revoked: false, expiry: "lower" },
    returnNew: false,
    write(shape, b) {
      const revokedPath = b.name("revokedAt");
      const isRevoked = `attribute_type(${revokedPath}, ${b.value("N")})`;
      if (shape.revoked) {
        b.condition(isRevoked);
      } else {
        b.condition(`NOT ${isRevoked}`);
        b.set(`${revokedPath} = ${b.value(revokedAt)}`);
      }
      if (cleanupAt === undefined) return;
      const expiry = b.name("expiresAt");
      const cleanup = b.value(cleanupAt);
      const before = (): string => b.name(BEFORE_REVOKE);
      if (shape.expiry === "lower") {
        b.condition(`${expiry} > ${cleanup}`);
        b.set(`${before()} = if_not_exists(${before()}, ${expiry})`);
        b.set(`${expiry} = ${cleanup}`);
      } else if (shape.expiry === "lowerFromNone") {
        b.condition(`NOT attribute_type(${expiry}, ${b.value("N")})`);
        b.set(`${before()} = if_not_exists(${before()}, ${b.value(null)})`);
        b.set(`${expiry} = ${cleanup}`);
      } else {
        b.condition(`${expiry} <= ${cleanup}`);
      }
    },
    refused(old): AfterRefusal<RevokeShape, void> {
      const next = {
        revoked: typeof old.revokedAt === "number",
        expiry: expiryCase(old, cleanupAt),
      };
      // Revoked already and nothing to lower: the revoke is done (idempotent).
      if (next.revoked && next.expiry === "keep") return { done: true, result: undefined };
      return { done: false, next };
    },
    written() {},
  };
}

/** The plan of `restore(tokenId)`. */
export function restorePlan(): WritePlan<RestoreShape, void> {
  return {
    operation: "restore",
    first: "plain",
    returnNew: false,
    write(shape, b) {
      const before = b.name(BEFORE_REVOKE);
      const isNumber = (): string => `attribute_type(${before}, ${b.value("N")})`;
      const isNull = (): string => `attribute_type(${before}, ${b.value("NULL")})`;
      b.condition(`attribute_type(${b.name("revokedAt")}, ${b.value("N")})`);
      b.remove("revokedAt");
      b.remove(BEFORE_REVOKE);
      if (shape === "plain") {
        b.condition(`NOT (${isNumber()} OR ${isNull()})`);
      } else if (shape === "number") {
        b.condition(isNumber());
        b.set(`${b.name("expiresAt")} = ${before}`);
      } else {
        b.condition(isNull());
        b.remove("expiresAt");
      }
    },
    refused(old): AfterRefusal<RestoreShape, void> {
      // Not revoked (absent, or NULL as @access-tokens/core writes it): nothing to restore.
      if (typeof old.revokedAt !== "number") return { done: true, result: undefined };
      const before = old[BEFORE_REVOKE];
      const next = typeof before === "number" ? "number" : before === null ? "null" : "plain";
      return { done: false, next };
    },
    written() {},
  };
}
