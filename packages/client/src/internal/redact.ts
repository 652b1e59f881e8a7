/**
 * Secret scrubbing for everything an error keeps. The client knows which values are secret:
 * the access token it was given (and its secret part), the JWT it holds, and any token or PHC
 * string in the request it is making. A misconfigured or hostile server, a proxy or a custom
 * `fetch` could echo one of them back in an error body or an exception message; before such text
 * is stored in an error it passes through a {@link Redactor}, which replaces every known secret
 * with `[REDACTED]`.
 */

/** Replaces every known secret in a string. */
export type Redactor = (text: string) => string;

const MASK = "[REDACTED]";

/** Shortest value treated as a secret; shorter strings would mask ordinary words. */
const MIN_SECRET_LENGTH = 8;

/**
 * The secrets a value implies: the value itself and, for a token (`prefix` + id + `.` + secret),
 * its secret part; for a PHC string, its hash part.
 */
export function secretParts(value: string): string[] {
  const parts = [value];
  if (value.startsWith("$")) {
    parts.push(value.slice(value.lastIndexOf("$") + 1));
  } else {
    const dot = value.lastIndexOf(".");
    if (dot >= 0) parts.push(value.slice(dot + 1));
  }
  return parts.filter((part) => part.length >= MIN_SECRET_LENGTH);
}

/** A redactor for `secrets` (each expanded by {@link secretParts}); longest first. */
export function createRedactor(secrets: Iterable<string | undefined>): Redactor {
  const all = new Set<string>();
  for (const secret of secrets) {
    if (secret) for (const part of secretParts(secret)) all.add(part);
  }
  const ordered = [...all].sort((a, b) => b.length - a.length);
  if (ordered.length === 0) return (text) => text;
  return (text) => {
    let out = text;
    for (const secret of ordered) {
      if (out.includes(secret)) out = out.split(secret).join(MASK);
    }
    return out;
  };
}

/** Sets an own data property, also for the key `"__proto__"` (which `=` would treat specially). */
export function setOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, {
    value,
    enumerable: true,
    writable: true,
    configurable: true,
  });
}

/** A JSON value with every string (keys included) passed through `redact`. */
export function redactJson(value: unknown, redact: Redactor): unknown {
  if (typeof value === "string") return redact(value);
  if (Array.isArray(value)) return value.map((item) => redactJson(item, redact));
  if (typeof value === "object" && value !== null) {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      // "__proto__" from JSON.parse must stay an ordinary key.
      setOwn(out, redact(key), redactJson(item, redact));
    }
    return out;
  }
  return value;
}

/**
 * `error` if nothing in its message, stack, own string properties or cause chain contains a
 * secret; else a plain
 * `Error` of the same name with the scrubbed message (and no stack of the original).
 */
export function scrubError(error: unknown, redact: Redactor, depth = 0): unknown {
  if (depth > 4) return undefined;
  if (!(error instanceof Error)) {
    return typeof error === "string" ? redact(error) : error;
  }
  const message = error.message;
  const stack = error.stack ?? "";
  const cause: unknown = error.cause;
  const cleanCause = cause === undefined ? undefined : scrubError(cause, redact, depth + 1);
  const ownTexts = Object.values(error).filter(
    (value): value is string => typeof value === "string",
  );
  if (
    redact(message) === message &&
    redact(stack) === stack &&
    cleanCause === cause &&
    ownTexts.every((text) => redact(text) === text)
  ) {
    return error;
  }
  const copy = new Error(redact(message), cleanCause === undefined ? {} : { cause: cleanCause });
  copy.name = error.name;
  copy.stack = `${copy.name}: ${copy.message}`;
  return copy;
}
