/**
 * The wire fixtures of `../fixtures/wire.json` (requests as the reference client and README send
 * them, with the full answers expected) and what the suite needs to use them: substituting the
 * run's values for `{{name}}`, matching `<kind>` placeholders, and listing every difference
 * between an expected and an actual answer. The messages of the reference's middleware are kept
 * here too, for the sections that check them outside the fixtures.
 */
import { readFileSync } from "node:fs";
import type { Send } from "./client.js";

/** One request of a fixture, before substitution. */
export interface WireRequest {
  readonly method: string;
  readonly path: string;
  readonly headers?: Record<string, string>;
  readonly json?: unknown;
  readonly form?: Record<string, string>;
}

/** The expected answer of a fixture: status, the headers listed, and the whole body. */
export interface WireResponse {
  readonly status: number;
  readonly headers?: Record<string, string>;
  /** The JSON body, or null for none. */
  readonly body: unknown;
}

/** A fixture: a request and its answer. */
export interface WireExchange {
  readonly request: WireRequest;
  readonly response: WireResponse;
}

const file = JSON.parse(
  readFileSync(new URL("../fixtures/wire.json", import.meta.url), "utf8"),
) as { exchanges: Record<string, WireExchange> };

/** Every fixture by name. */
export const WIRE: Readonly<Record<string, WireExchange>> = file.exchanges;

/** Values of one run, substituted for `{{name}}`. */
export type WireVars = Readonly<Record<string, string>>;

/** `value` with every `{{name}}` replaced (a string that is only a placeholder keeps its type). */
export function substitute(value: unknown, vars: WireVars): unknown {
  if (typeof value === "string") {
    return value.replace(/\{\{(\w+)\}\}/g, (_match, name: string) => {
      const found = vars[name];
      if (found === undefined) throw new Error(`wire fixture needs {{${name}}}`);
      return found;
    });
  }
  if (Array.isArray(value)) return value.map((item) => substitute(item, vars));
  if (typeof value === "object" && value !== null) {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [key, substitute(item, vars)]),
    );
  }
  return value;
}

/** The request of a fixture, in the suite client's terms. */
export function wireRequest(exchange: WireExchange, vars: WireVars): WireRequest & Send {
  return substitute(exchange.request, vars) as WireRequest & Send;
}

const KINDS: Readonly<Record<string, (value: unknown) => boolean>> = {
  "<jwt>": (v) => typeof v === "string" && /^[\w-]+\.[\w-]+\.[\w-]+$/.test(v),
  "<token>": (v) => typeof v === "string" && /^pat_[A-Za-z0-9]{21}\.[\w-]{43}$/.test(v),
  "<tokenId>": (v) => typeof v === "string" && /^[A-Za-z0-9]{21}$/.test(v),
  "<time>": (v) =>
    typeof v === "number" && Number.isInteger(v) && Math.abs(v - Date.now() / 1000) < 600,
  "<base64url>": (v) => typeof v === "string" && /^[\w-]+$/.test(v),
};

/** Every difference between `expected` (substituted, with `<kind>` matchers) and `actual`. */
export function differences(expected: unknown, actual: unknown, at = "body"): string[] {
  if (typeof expected === "string" && KINDS[expected] !== undefined) {
    return KINDS[expected](actual) ? [] : [`${at}: expected ${expected}, got ${typeof actual}`];
  }
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual)) return [`${at}: expected an array`];
    if (actual.length !== expected.length) {
      return [`${at}: expected ${expected.length} items, got ${actual.length}`];
    }
    return expected.flatMap((item, i) => differences(item, actual[i], `${at}[${i}]`));
  }
  if (typeof expected === "object" && expected !== null) {
    if (typeof actual !== "object" || actual === null || Array.isArray(actual)) {
      return [`${at}: expected an object`];
    }
    const want = Object.keys(expected).sort();
    const got = Object.keys(actual).sort();
    if (want.join() !== got.join())
      return [`${at}: members ${got.join()} instead of ${want.join()}`];
    return want.flatMap((key) =>
      differences(
        (expected as Record<string, unknown>)[key],
        (actual as Record<string, unknown>)[key],
        `${at}.${key}`,
      ),
    );
  }
  return Object.is(expected, actual)
    ? []
    : [`${at}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`];
}

/** `error.message` of the reference's middleware answers (the `error` member of our problems). */
export const MESSAGES = {
  missingAuthorization: "Missing or invalid Authorization header",
  invalidJwt: "Invalid JWT",
  notAuthenticated: "User not authenticated",
  adminRequired: "Admin access required",
  accessDenied: "Access denied",
  invalidBody: "Invalid request body",
  invalidQuery: "Invalid query parameters",
} as const;
