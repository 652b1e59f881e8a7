/**
 * The fields a verify answer depends on: `secretPhc` (the secret matched it), `owner`,
 * `isAdmin`, `roles`, `expiresAt` and `revokedAt` (the answer carries or judges them). A verify
 * confirms its answer with a `touch` that writes only while these fields still hold what the
 * verify read; `lastUsedAt` and `createdAt` are not among them (concurrent verifies move
 * `lastUsedAt`, and that must not refuse one another). Roles compare as sets, as DynamoDB compares
 * String Sets.
 */
import type { TokenRecord } from "../../port.js";

/** Whether `a` and `b` agree on every field a verify answer depends on (see the module comment). */
export function sameAnswerFields(a: TokenRecord, b: TokenRecord): boolean {
  if (
    a.secretPhc !== b.secretPhc ||
    a.owner !== b.owner ||
    a.isAdmin !== b.isAdmin ||
    a.revokedAt !== b.revokedAt ||
    (a.expiresAt ?? undefined) !== (b.expiresAt ?? undefined) ||
    (a.expiresAt === null) !== (b.expiresAt === null)
  ) {
    return false;
  }
  const rolesA = new Set(a.roles ?? []);
  const rolesB = b.roles ?? [];
  return rolesA.size === new Set(rolesB).size && rolesB.every((role) => rolesA.has(role));
}
