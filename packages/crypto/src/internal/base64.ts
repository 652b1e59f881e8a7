/**
 * Base64 per RFC 4648: the standard alphabet (section 4) and the URL- and filename-safe alphabet
 * (section 5), without relying on `Buffer` or `atob`, so the code runs in browsers and workers.
 * Decoding is strict: one alphabet per call, padding only where the caller allows it, a length
 * that is never 1 modulo 4, and canonical trailing bits (the unused low bits of the last symbol
 * must be zero, RFC 4648 section 3.5), so every byte string has exactly one accepted spelling per
 * alphabet.
 */

const STANDARD = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
const URL_SAFE = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

export type Base64Alphabet = "standard" | "url";

function reverseTable(alphabet: string): Int16Array {
  const table = new Int16Array(128).fill(-1);
  for (let i = 0; i < alphabet.length; i++) table[alphabet.charCodeAt(i)] = i;
  return table;
}

const TABLES: Record<Base64Alphabet, { chars: string; reverse: Int16Array }> = {
  standard: { chars: STANDARD, reverse: reverseTable(STANDARD) },
  url: { chars: URL_SAFE, reverse: reverseTable(URL_SAFE) },
};

/** Encodes bytes without padding in the given alphabet. */
export function encodeBase64(bytes: Uint8Array, alphabet: Base64Alphabet): string {
  const chars = TABLES[alphabet].chars;
  let out = "";
  let i = 0;
  for (; i + 2 < bytes.length; i += 3) {
    const n = ((bytes[i] ?? 0) << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    out +=
      chars.charAt(n >> 18) +
      chars.charAt((n >> 12) & 63) +
      chars.charAt((n >> 6) & 63) +
      chars.charAt(n & 63);
  }
  const rest = bytes.length - i;
  if (rest === 1) {
    const n = (bytes[i] ?? 0) << 16;
    out += chars.charAt(n >> 18) + chars.charAt((n >> 12) & 63);
  } else if (rest === 2) {
    const n = ((bytes[i] ?? 0) << 16) | ((bytes[i + 1] ?? 0) << 8);
    out += chars.charAt(n >> 18) + chars.charAt((n >> 12) & 63) + chars.charAt((n >> 6) & 63);
  }
  return out;
}

/**
 * Decodes `text` strictly; answers `null` for anything that is not the canonical encoding of some
 * byte string in `alphabet`. `padding: "optional"` also accepts the padded form, whose `=` count
 * must then be exactly what RFC 4648 prescribes.
 */
export function decodeBase64(
  text: string,
  alphabet: Base64Alphabet,
  padding: "forbidden" | "optional",
): Uint8Array | null {
  let body = text;
  if (padding === "optional" && text.length % 4 === 0 && text.endsWith("=")) {
    body = text.endsWith("==") ? text.slice(0, -2) : text.slice(0, -1);
    // A padded text is complete quanta only: the unpadded rest must be 2 or 3 mod 4.
    if (body.length % 4 === 0 || body.length % 4 === 1) return null;
  }
  if (body.length % 4 === 1) return null;
  const reverse = TABLES[alphabet].reverse;
  const out = new Uint8Array(Math.floor((body.length * 3) / 4));
  let acc = 0;
  let bits = 0;
  let o = 0;
  for (let i = 0; i < body.length; i++) {
    const c = body.charCodeAt(i);
    const v = c < 128 ? (reverse[c] ?? -1) : -1;
    if (v < 0) return null;
    acc = ((acc << 6) | v) & 0xffffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[o++] = (acc >> bits) & 0xff;
    }
  }
  // Leftover bits (2 or 4) must be zero for the encoding to be canonical.
  if (bits > 0 && (acc & ((1 << bits) - 1)) !== 0) return null;
  return out;
}
