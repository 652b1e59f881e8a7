/**
 * Input normalisation shared by the scrypt (RFC 7914) and PHC code: strings become their UTF-8
 * bytes (WHATWG Encoding, as `TextEncoder` does; lone surrogates become U+FFFD exactly as in
 * Node's `Buffer.from(s, "utf8")`, so both scrypt backends see the same bytes), `Uint8Array`s are
 * used as they are, and any other type is a `TypeError` naming the parameter.
 */

const encoder = new TextEncoder();

export function utf8(text: string): Uint8Array {
  return encoder.encode(text);
}

export function toBytes(value: unknown, name: string): Uint8Array {
  if (typeof value === "string") return utf8(value);
  if (value instanceof Uint8Array) return value;
  throw new TypeError(`${name} must be a string or a Uint8Array`);
}
