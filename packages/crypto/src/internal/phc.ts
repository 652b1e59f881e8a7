/**
 * A strict codec for the PHC string format (https://github.com/P-H-C/phc-string-format):
 * `$<id>[$v=<version>][$<param>=<value>(,<param>=<value>)*][$<salt>[$<hash>]]`, with salt and
 * hash in "B64" (standard base64 alphabet, no padding). It writes exactly the bytes npm
 * `@phc/format` 1.0.0 writes for the same object, and every string it accepts is read by
 * `@phc/format` into the same object (a property test checks both against the package). It
 * accepts less: no empty salt or hash, no duplicate or empty parameters, canonical B64 only (no
 * `-`, `.`, `=` or stray trailing bits, which Node's lenient decoder would silently ignore),
 * decimal versions without leading zeros, no parameter named `v`, and integer parameter values
 * only within the safe integer range.
 */
import { decodeBase64, encodeBase64 } from "./base64.js";
import { PhcFormatError } from "./errors.js";

/** A PHC string as an object: what {@link parsePhc} returns and {@link serializePhc} takes. */
export interface PhcObject {
  /** Function symbolic name, 1–32 chars of `[a-z0-9-]`. */
  id: string;
  /** Function version (`v=`), a non-negative integer. */
  version?: number;
  /** Parameters in order; decimal values are read back as numbers. Names `[a-z0-9-]{1,32}`. */
  params?: Record<string, string | number>;
  /** Salt bytes (non-empty). */
  salt?: Uint8Array;
  /** Hash bytes (non-empty; only with a salt). */
  hash?: Uint8Array;
}

const ID = /^[a-z0-9-]{1,32}$/;
const NAME = /^[a-z0-9-]{1,32}$/;
const VALUE = /^[a-zA-Z0-9/+.-]+$/;
const DECIMAL = /^(-?[1-9][0-9]*|0)$/;
const VERSION = /^v=(0|[1-9][0-9]*)$/;

function fail(message: string): never {
  throw new PhcFormatError(message);
}

function readValue(raw: string): string | number {
  if (!DECIMAL.test(raw)) return raw;
  const n = Number(raw);
  if (!Number.isSafeInteger(n)) fail("PHC parameter value: decimal outside the safe integer range");
  return n;
}

function readParams(field: string): Record<string, string | number> {
  const params: Record<string, string | number> = {};
  for (const pair of field.split(",")) {
    const eq = pair.indexOf("=");
    if (eq < 0) fail("PHC parameters must be name=value pairs separated by commas");
    const name = pair.slice(0, eq);
    const raw = pair.slice(eq + 1);
    if (!NAME.test(name)) fail("PHC parameter names must be 1-32 chars of [a-z0-9-]");
    if (name === "v") fail('PHC parameter name "v" is reserved for the version field');
    if (!VALUE.test(raw)) fail("PHC parameter values must be 1+ chars of [a-zA-Z0-9/+.-]");
    if (Object.hasOwn(params, name)) fail("PHC parameter names must not repeat");
    params[name] = readValue(raw);
  }
  return params;
}

function readB64(field: string, what: "salt" | "hash"): Uint8Array {
  if (field === "") fail(`PHC ${what} must not be empty`);
  const bytes = decodeBase64(field, "standard", "forbidden");
  if (bytes === null) fail(`PHC ${what} must be canonical B64 (standard alphabet, no padding)`);
  return bytes;
}

/**
 * Parses a PHC string strictly.
 *
 * @throws TypeError when `phc` is not a string; PhcFormatError (`code: "INVALID_PHC"`) for any
 *   string outside the grammar, with a message naming the field but not repeating the input.
 * @example
 * ```ts
 * const { id, params, salt, hash } = parsePhc("$scrypt$ln=4,r=8,p=1$c2FsdA$aGFzaA");
 * // id "scrypt", params { ln: 4, r: 8, p: 1 }, salt and hash as Uint8Array
 * ```
 */
export function parsePhc(phc: string): PhcObject {
  if (typeof phc !== "string") throw new TypeError("phc must be a string");
  if (!phc.startsWith("$")) fail("PHC string must start with $");
  const fields = phc.slice(1).split("$");
  const [id = "", ...rest] = fields;
  if (!ID.test(id)) fail("PHC id must be 1-32 chars of [a-z0-9-]");
  const result: PhcObject = { id };
  let field = rest.shift();
  const version = field === undefined ? null : VERSION.exec(field);
  if (version) {
    const v = Number(version[1]);
    if (!Number.isSafeInteger(v)) fail("PHC version outside the safe integer range");
    result.version = v;
    field = rest.shift();
  }
  if (field?.includes("=")) {
    result.params = readParams(field);
    field = rest.shift();
  }
  if (field !== undefined) {
    result.salt = readB64(field, "salt");
    field = rest.shift();
  }
  if (field !== undefined) {
    result.hash = readB64(field, "hash");
    field = rest.shift();
  }
  if (field !== undefined) fail("PHC string has unexpected fields");
  return result;
}

function writeValue(name: string, value: unknown): string {
  if (typeof value === "number") {
    if (!Number.isSafeInteger(value)) {
      fail(`PHC parameter "${name}": numbers must be safe integers`);
    }
    return String(value);
  }
  if (typeof value !== "string") fail(`PHC parameter "${name}": values must be strings or numbers`);
  if (!VALUE.test(value))
    fail(`PHC parameter "${name}": values must be 1+ chars of [a-zA-Z0-9/+.-]`);
  if (DECIMAL.test(value)) {
    // Written as text, read back as a number: allowed (as in @phc/format) if it stays exact.
    readValue(value);
  }
  return value;
}

function writeBytes(value: unknown, what: "salt" | "hash"): string {
  if (!(value instanceof Uint8Array)) fail(`PHC ${what} must be a Uint8Array`);
  if (value.length === 0) fail(`PHC ${what} must not be empty`);
  return encodeBase64(value, "standard");
}

/**
 * Writes a PHC string; the output is byte-identical to `@phc/format`'s `serialize` for the same
 * object, and {@link parsePhc} reads it back to an equal object.
 *
 * @throws TypeError when `obj` is not an object; PhcFormatError (`code: "INVALID_PHC"`) for an id,
 *   version, parameter, salt or hash outside the grammar (including empty params, salt or hash,
 *   a hash without a salt, and a parameter named `v`). The object is never modified.
 * @example
 * ```ts
 * serializePhc({ id: "scrypt", params: { ln: 4, r: 8, p: 1 }, salt: new Uint8Array([1, 2, 3]) });
 * // "$scrypt$ln=4,r=8,p=1$AQID"
 * ```
 */
export function serializePhc(obj: PhcObject): string {
  if (typeof obj !== "object" || obj === null) throw new TypeError("obj must be an object");
  if (typeof obj.id !== "string" || !ID.test(obj.id)) {
    fail("PHC id must be 1-32 chars of [a-z0-9-]");
  }
  const fields = ["", obj.id];
  if (obj.version !== undefined) {
    if (typeof obj.version !== "number" || !Number.isSafeInteger(obj.version) || obj.version < 0) {
      fail("PHC version must be a non-negative safe integer");
    }
    fields.push(`v=${obj.version}`);
  }
  if (obj.params !== undefined) {
    if (typeof obj.params !== "object" || obj.params === null) fail("PHC params must be an object");
    const entries = Object.entries(obj.params);
    if (entries.length === 0) fail("PHC params must not be empty (omit the field instead)");
    const pairs = entries.map(([name, value]) => {
      if (!NAME.test(name)) fail("PHC parameter names must be 1-32 chars of [a-z0-9-]");
      if (name === "v") fail('PHC parameter name "v" is reserved for the version field');
      return `${name}=${writeValue(name, value)}`;
    });
    fields.push(pairs.join(","));
  }
  if (obj.salt !== undefined) fields.push(writeBytes(obj.salt, "salt"));
  if (obj.hash !== undefined) {
    if (obj.salt === undefined) fail("PHC hash requires a salt");
    fields.push(writeBytes(obj.hash, "hash"));
  }
  return fields.join("$");
}

/**
 * The first step of reading a stored hash of algorithm `id`: its PHC object, or why it cannot be
 * read — `invalid_phc` (not a string, longer than `maxLength` characters, or outside the PHC
 * grammar) or `unsupported_algorithm` (a readable string of another algorithm). Never throws.
 *
 * @example
 * ```ts
 * readStoredPhc("$scrypt$ln=4,r=8,p=1$c2FsdA$aGFzaA", "hmac-sha256", 512); // "unsupported_algorithm"
 * ```
 */
export function readStoredPhc(
  phc: unknown,
  id: string,
  maxLength: number,
): PhcObject | "invalid_phc" | "unsupported_algorithm" {
  if (typeof phc !== "string" || phc.length > maxLength) return "invalid_phc";
  let parsed: PhcObject;
  try {
    parsed = parsePhc(phc);
  } catch {
    return "invalid_phc";
  }
  return parsed.id === id ? parsed : "unsupported_algorithm";
}
