/**
 * Checks of method arguments, made before anything is sent: a wrong type is a `TypeError`, a
 * value out of range `INVALID_INPUT` naming the argument and the bound. Token ids go into URL
 * paths, so they must be exactly the id format (21 characters of `[A-Za-z0-9]`): nothing like
 * `../` can redirect a request to another route.
 */
import { invalidInput } from "./errors.js";
import type { ListOptions } from "./schemas.js";

const TOKEN_ID = /^[A-Za-z0-9]{21}$/;

/** Largest `pageSize` of `listAll` (the reference server's cap of `limit`). */
export const MAX_PAGE_SIZE = 1000;

export function checkTokenId(tokenId: unknown, name = "tokenId"): string {
  if (typeof tokenId !== "string") throw new TypeError(`${name} must be a string`);
  if (!TOKEN_ID.test(tokenId)) {
    throw invalidInput(
      `${name} must be 21 characters of [A-Za-z0-9] (got ${tokenId.length} characters)`,
    );
  }
  return tokenId;
}

export function checkObject(value: unknown, name: string): void {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new TypeError(`${name} must be an object`);
  }
}

export function checkLimit(value: unknown, name: string, max = Number.MAX_SAFE_INTEGER): void {
  if (value === undefined) return;
  if (typeof value !== "number" || !Number.isInteger(value) || value < 1 || value > max) {
    throw invalidInput(`${name} must be an integer from 1 to ${max}`);
  }
}

export function checkText(value: unknown, name: string): void {
  if (value === undefined) return;
  if (typeof value !== "string") throw new TypeError(`${name} must be a string`);
  if (value.length === 0) throw invalidInput(`${name} must not be empty`);
}

/** The ids of `batchLoad`, each once: a `Set` or an array of strings. */
export function checkTokenIds(tokenIds: unknown): string[] {
  if (!(tokenIds instanceof Set) && !Array.isArray(tokenIds)) {
    throw new TypeError("tokenIds must be a Set or an array of token ids");
  }
  const ids = [...new Set<unknown>(tokenIds)];
  for (const id of ids) {
    if (typeof id !== "string") throw new TypeError("tokenIds must hold strings");
  }
  return ids as string[];
}

/**
 * The query string of a listing (`""` or `?…`), in the order `@access-tokens/client` writes it;
 * `owner` (our server's owner listing) first.
 */
export function listQuery(options: ListOptions & { owner?: string }): string {
  checkObject(options, "options");
  checkText(options.afterTokenId, "afterTokenId");
  checkLimit(options.limit, "limit");
  checkText(options.hasRole, "hasRole");
  checkText(options.owner, "owner");
  if (
    options.state !== undefined &&
    !(["active", "revoked", "expired"] as unknown[]).includes(options.state)
  ) {
    throw invalidInput('state must be "active", "revoked" or "expired"');
  }
  if (
    options.expiringBefore !== undefined &&
    (typeof options.expiringBefore !== "number" ||
      !Number.isSafeInteger(options.expiringBefore) ||
      options.expiringBefore < 0)
  ) {
    throw invalidInput("expiringBefore must be a non-negative integer of Unix seconds");
  }
  const params = new URLSearchParams();
  if (options.owner !== undefined) params.set("owner", options.owner);
  if (options.afterTokenId) params.set("afterTokenId", options.afterTokenId);
  if (options.limit != null) params.set("limit", String(options.limit));
  if (options.includeRevoked) params.set("includeRevoked", "true");
  if (options.includeExpired) params.set("includeExpired", "true");
  if (options.includeSecretPhc) params.set("includeSecretPhc", "true");
  if (options.hasRole) params.set("hasRole", options.hasRole);
  if (options.state !== undefined) params.set("state", options.state);
  if (options.expiringBefore !== undefined) {
    params.set("expiringBefore", String(options.expiringBefore));
  }
  const query = params.toString();
  return query && `?${query}`;
}
