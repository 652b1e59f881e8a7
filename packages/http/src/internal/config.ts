/**
 * Validation of router and middleware options, once for every adapter: each problem is an
 * `InvalidConfigError` (`INVALID_CONFIG`) naming the option, thrown at construction so that a
 * misconfigured server never starts answering.
 */
import { InvalidConfigError, type Pat } from "@pat/core";
import { DEFAULT_BODY_LIMIT } from "./body.js";
import type { JwtSignerVerifier } from "./jwt/signer-verifier.js";
import type { HttpLogger } from "./types.js";

/** Default realm of `WWW-Authenticate` challenges. */
export const DEFAULT_REALM = "pat";
const MAX_BODY_LIMIT = 10 * 1024 * 1024;

function fail(where: string, message: string): never {
  throw new InvalidConfigError(`${where}: ${message}`);
}

/** The options object itself. */
export function checkOptions(options: unknown, where: string): void {
  if (typeof options !== "object" || options === null) fail(where, "options must be an object");
}

/** A `Pat` (anything with the methods the routes call). */
export function checkPat(pat: unknown, where: string): Pat {
  const p = pat as Partial<Record<string, unknown>> | null | undefined;
  if (typeof p !== "object" || p === null || typeof p["verify"] !== "function") {
    fail(where, "pat must be a Pat (or DynamoDBPat) instance");
  }
  return pat as Pat;
}

/** A signer/verifier from `buildSignerVerifier` (or one of the same shape). */
export function checkSignerVerifier(value: unknown, where: string): JwtSignerVerifier {
  const s = value as Partial<Record<string, unknown>> | null | undefined;
  if (
    typeof s !== "object" ||
    s === null ||
    typeof s["sign"] !== "function" ||
    typeof s["verify"] !== "function"
  ) {
    fail(where, "signerVerifier must come from buildSignerVerifier");
  }
  return value as JwtSignerVerifier;
}

/** The realm: 1–100 printable ASCII characters without `"` or `\`. */
export function checkRealm(realm: unknown, where: string): string {
  if (realm === undefined) return DEFAULT_REALM;
  if (typeof realm !== "string" || !/^[\x20-\x7e]{1,100}$/.test(realm) || /["\\]/.test(realm)) {
    fail(where, 'realm must be 1 to 100 printable ASCII characters without " or \\');
  }
  return realm;
}

/** A body limit in bytes: a positive integer up to 10 MiB. */
export function checkBodyLimit(limit: unknown, where: string): number {
  if (limit === undefined) return DEFAULT_BODY_LIMIT;
  if (
    typeof limit !== "number" ||
    !Number.isInteger(limit) ||
    limit < 1 ||
    limit > MAX_BODY_LIMIT
  ) {
    fail(where, `bodyLimit must be an integer from 1 to ${MAX_BODY_LIMIT} bytes`);
  }
  return limit;
}

/** An optional boolean option. */
export function checkFlag(value: unknown, name: string, fallback: boolean, where: string): boolean {
  if (value === undefined) return fallback;
  if (typeof value !== "boolean") fail(where, `${name} must be a boolean`);
  return value;
}

/** A role or owner name: 1–100 characters. */
export function checkName(value: unknown, name: string, where: string): string {
  if (typeof value !== "string" || value.length < 1 || value.length > 100) {
    fail(where, `${name} must be a string of 1 to 100 characters`);
  }
  return value;
}

/** Whether `value` has the `info`, `warn` and `error` methods of an {@link HttpLogger}. */
export function isHttpLogger(value: unknown): value is HttpLogger {
  const l = value as Partial<Record<string, unknown>> | null;
  return (
    typeof l === "object" &&
    l !== null &&
    typeof l["info"] === "function" &&
    typeof l["warn"] === "function" &&
    typeof l["error"] === "function"
  );
}

/** A logger with `info`, `warn` and `error`, or none. */
export function checkLogger(logger: unknown, where: string): HttpLogger | undefined {
  if (logger === undefined) return undefined;
  if (!isHttpLogger(logger)) {
    fail(where, "logger must have info, warn and error methods (pino's Logger fits)");
  }
  return logger;
}

/** A mount path: `/` followed by path characters, no trailing slash (or `""` for the root). */
export function checkMountPath(
  path: unknown,
  name: string,
  fallback: string,
  where: string,
): string {
  if (path === undefined) return fallback;
  if (typeof path !== "string" || !/^(\/[\w.~-]+)*$/.test(path)) {
    fail(where, `${name} must look like "/auth" (segments of [A-Za-z0-9._~-], no trailing slash)`);
  }
  return path;
}
