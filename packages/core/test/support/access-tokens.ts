/**
 * What @access-tokens/core 1.1.0 does, rebuilt from the facts in notes/COMPAT.md (not from its
 * code): its token format, its PHC strings (scrypt over the 32 decoded secret bytes, 16-byte salt,
 * 32-byte hash, serialized by @phc/format), its verify, and its record schema rules. The tests use
 * these to prove that tables and tokens move both ways between it and @pat/core.
 */
import { randomBytes, scryptSync, timingSafeEqual } from "node:crypto";
import { deserialize, serialize } from "@phc/format";

/** Their default scrypt memory budget (32 MiB): a hash of ours that needs more fails there. */
export const THEIR_MAXMEM = 32 * 1024 * 1024;

/**
 * A token as they issue it: prefix + id + "." + standard base64 (with `=` padding) of the secret
 * (32 bytes by default; `keyLength` bytes when they configure one).
 */
export function theirToken(prefix: string, tokenId: string, secret: Buffer): string {
  return `${prefix}${tokenId}.${secret.toString("base64")}`;
}

/**
 * A PHC string as they make it: scrypt(secret bytes, 16-byte salt, keyLength bytes, ln, r=8,
 * p=1). Their `keyLength` (default 32) is both the secret's length and the hash's, so the hash is
 * as long as the secret.
 */
export function theirPhc(secret: Buffer, ln = 14): string {
  const salt = randomBytes(16);
  const hash = scryptSync(secret, salt, secret.length, {
    N: 2 ** ln,
    r: 8,
    p: 1,
    maxmem: THEIR_MAXMEM,
  });
  return serialize({ id: "scrypt", params: { ln, r: 8, p: 1 }, salt, hash });
}

/**
 * Their verify of a token's secret text against a PHC string (decode with Buffer "base64"), with
 * their default 32 MiB memory budget.
 */
export function theirVerify(secretText: string, phc: string): boolean {
  const parsed = deserialize(phc);
  if (parsed.id !== "scrypt" || !parsed.salt || !parsed.hash || !parsed.params) return false;
  const { ln, r, p } = parsed.params as { ln: number; r: number; p: number };
  const secret = Buffer.from(secretText, "base64");
  const derived = scryptSync(secret, parsed.salt, parsed.hash.length, {
    N: 2 ** Number(ln),
    r: Number(r),
    p: Number(p),
    maxmem: THEIR_MAXMEM,
  });
  return timingSafeEqual(derived, parsed.hash);
}

const isNullishTime = (v: unknown) =>
  v === undefined || v === null || (Number.isInteger(v) && (v as number) >= 0);

/**
 * Their record schema (zod, non-strict): returns the list of rules an item breaks ([] = valid).
 * tokenId 21 [a-zA-Z0-9]; secretPhc 1..200; owner 1..100; isAdmin boolean (default false);
 * roles optional array or Set of <= 50 strings of 1..100; createdAt int >= 0; lastUsedAt,
 * revokedAt, expiresAt int >= 0, null or absent. Unknown attributes are ignored.
 */
export function theirSchemaProblems(item: Record<string, unknown>): string[] {
  const problems: string[] = [];
  const str = (v: unknown, min: number, max: number) =>
    typeof v === "string" && v.length >= min && v.length <= max;
  if (typeof item.tokenId !== "string" || !/^[a-zA-Z0-9]{21}$/.test(item.tokenId))
    problems.push("tokenId");
  if (!str(item.secretPhc, 1, 200)) problems.push("secretPhc");
  if (!str(item.owner, 1, 100)) problems.push("owner");
  if (item.isAdmin !== undefined && typeof item.isAdmin !== "boolean") problems.push("isAdmin");
  if (item.roles !== undefined) {
    const roles = item.roles instanceof Set ? [...item.roles] : item.roles;
    if (!Array.isArray(roles) || roles.length > 50 || !roles.every((r) => str(r, 1, 100))) {
      problems.push("roles");
    }
  }
  if (!Number.isInteger(item.createdAt) || (item.createdAt as number) < 0)
    problems.push("createdAt");
  for (const key of ["lastUsedAt", "revokedAt", "expiresAt"]) {
    if (!isNullishTime(item[key])) problems.push(key);
  }
  return problems;
}
