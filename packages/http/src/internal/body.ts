/**
 * Request bodies, read and parsed once for every adapter: a size limit checked against
 * `Content-Length` before reading and again while reading, strict UTF-8, `application/json`
 * (JSON.parse) or `application/x-www-form-urlencoded` (URLSearchParams) only, repeated form
 * parameters refused (RFC 6749 §3.2), and objects with a `__proto__`, `constructor` or
 * `prototype` key refused outright, so no prototype-polluting shape reaches any code (the
 * schemas would refuse unknown keys anyway). Failures are answers, never thrown errors.
 *
 * A body an application's parser read before us (a global `express.json()`) gets the same media
 * type check, the size limit (by `Content-Length`, else by the size of the parsed value as JSON)
 * and the key check; the parser's own failures are answered by `patErrorHandler`.
 */
import type { EdgeRequest } from "./edge.js";

/** Default largest body: 100 KiB, as express.json's default. */
export const DEFAULT_BODY_LIMIT = 100 * 1024;

/** Media types a route accepts. */
export type BodyType = "json" | "form";

/** Why a body was refused, with the status it calls for and a safe message. */
export interface BodyFailure {
  readonly status: 400 | 413 | 415;
  readonly reason: "too_large" | "media_type" | "malformed" | "forbidden_key";
  readonly message: string;
}

/** A parsed body (`undefined` when none was sent), or why it was refused. */
export type BodyOutcome =
  | { readonly ok: true; readonly value: unknown }
  | { readonly ok: false; readonly failure: BodyFailure };

const FORBIDDEN_KEYS = new Set(["__proto__", "constructor", "prototype"]);
const UTF8 = new TextDecoder("utf-8", { fatal: true });
const UTF8_ENCODER = new TextEncoder();

function fail(
  status: BodyFailure["status"],
  reason: BodyFailure["reason"],
  message: string,
): BodyOutcome {
  return { ok: false, failure: { status, reason, message } };
}

/** `type/subtype` of a Content-Type value, lower-cased, without parameters. */
function mediaType(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const type = value.split(";", 1)[0]?.trim().toLowerCase();
  return type === "" ? undefined : type;
}

/** Whether any object inside `value` has a key that could reach a prototype. */
function hasForbiddenKey(value: unknown): boolean {
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const item = stack.pop();
    if (typeof item !== "object" || item === null) continue;
    for (const key of Object.keys(item)) {
      if (FORBIDDEN_KEYS.has(key)) return true;
      stack.push((item as Record<string, unknown>)[key]);
    }
  }
  return false;
}

function parseForm(text: string): BodyOutcome {
  const params = new URLSearchParams(text);
  const value: Record<string, string> = Object.create(null) as Record<string, string>;
  for (const [key, item] of params) {
    if (FORBIDDEN_KEYS.has(key)) return checked({ [key]: item });
    if (key in value)
      return fail(
        400,
        "malformed",
        `Form parameter ${JSON.stringify(key.slice(0, 64))} is repeated`,
      );
    value[key] = item;
  }
  return { ok: true, value: { ...value } };
}

function checked(value: unknown): BodyOutcome {
  return hasForbiddenKey(value)
    ? fail(
        400,
        "forbidden_key",
        "Request body has a forbidden key (__proto__, constructor or prototype)",
      )
    : { ok: true, value };
}

function tooLarge(limit: number): BodyOutcome {
  return fail(413, "too_large", `Request body is larger than ${limit} bytes`);
}

/** The accepted kind of a media type, or the 415 answer. */
function kindOf(type: string | undefined, accepted: readonly BodyType[]): BodyType | BodyOutcome {
  const kind: BodyType | undefined =
    type === "application/json"
      ? "json"
      : type === "application/x-www-form-urlencoded"
        ? "form"
        : undefined;
  if (kind !== undefined && accepted.includes(kind)) return kind;
  const names = accepted.map((a) =>
    a === "json" ? "application/json" : "application/x-www-form-urlencoded",
  );
  return fail(415, "media_type", `Request body must be ${names.join(" or ")}`);
}

/** Bytes of a parsed value written as JSON (its size when the parser read it). */
function parsedSize(value: unknown): number {
  try {
    return UTF8_ENCODER.encode(JSON.stringify(value) ?? "").byteLength;
  } catch {
    return Number.POSITIVE_INFINITY;
  }
}

/** Reads and parses the body of `req` as one of `accepted`, at most `limit` bytes. */
export async function readBody(
  req: EdgeRequest,
  accepted: readonly BodyType[],
  limit: number,
): Promise<BodyOutcome> {
  const contentTypes = req.header("content-type");
  if (contentTypes.length > 1) return fail(400, "malformed", "Content-Type is repeated");
  const type = mediaType(contentTypes[0]);
  const body = req.body;
  if (body.kind === "none") return { ok: true, value: undefined };
  const length = req.header("content-length")[0];
  if (length !== undefined && Number(length) > limit) return tooLarge(limit);

  if (body.kind === "parsed") {
    const kind = kindOf(type, accepted);
    if (typeof kind !== "string") return kind;
    if (length === undefined && parsedSize(body.value) > limit) return tooLarge(limit);
    return checked(body.value);
  }

  const bytes = await body.read(limit);
  if (bytes === "too_large") return tooLarge(limit);
  if (bytes.length === 0) return { ok: true, value: undefined };

  const kind = kindOf(type, accepted);
  if (typeof kind !== "string") return kind;
  let text: string;
  try {
    text = UTF8.decode(bytes);
  } catch {
    return fail(400, "malformed", "Request body is not valid UTF-8");
  }
  if (kind === "form") return parseForm(text);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return fail(400, "malformed", "Request body is not valid JSON");
  }
  return checked(value);
}
