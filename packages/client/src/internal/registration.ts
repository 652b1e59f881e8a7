/**
 * Recognising a registration that went through although its answer was lost. `register` is
 * repeated after a network error or a 5xx (the id is fixed, so a repeat cannot make a second
 * token); when an earlier attempt did store the token, the repeat answers 409. The token then
 * read back counts as this registration when it is exactly what was sent: same hash (when the
 * server gives hashes to this client), owner, admin flag, roles (as a set), expiry and labels, and not
 * revoked. Without hashes, the visible fields decide (a token id is 21 random characters: another
 * registration of the same id with the same fields within the retry window is not a real case).
 */
import type { RegisterConfig, TokenRecord } from "./schemas.js";

function sameRoles(stored: readonly string[] | undefined, sent: readonly string[] | undefined) {
  const a = new Set(stored ?? []);
  const b = new Set(sent ?? []);
  return a.size === b.size && [...a].every((role) => b.has(role));
}

/** The entries of a metadata map in key order (absent and `{}` alike: none). */
function sortedEntries(map: Readonly<Record<string, string>> | undefined): [string, string][] {
  return Object.entries(map ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

/** Whether `stored` is the token `sent` would have made (see the module comment). */
export function isSameRegistration(stored: TokenRecord, sent: RegisterConfig): boolean {
  return (
    stored.tokenId === sent.tokenId &&
    (stored.secretPhc === undefined || stored.secretPhc === sent.secretPhc) &&
    stored.owner === sent.owner &&
    stored.isAdmin === (sent.isAdmin ?? false) &&
    sameRoles(stored.roles, sent.roles) &&
    (stored.expiresAt ?? undefined) === sent.expiresAt &&
    stored.name === sent.name &&
    stored.description === sent.description &&
    JSON.stringify(sortedEntries(stored.metadata)) ===
      JSON.stringify(sortedEntries(sent.metadata)) &&
    stored.revokedAt == null
  );
}

/** `record` without its hash, as a registration answers it. */
export function withoutHash(record: TokenRecord): TokenRecord {
  const { secretPhc: _hash, ...rest } = record;
  return rest;
}
