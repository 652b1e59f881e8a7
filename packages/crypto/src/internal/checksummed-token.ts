/**
 * The checksummed token format, opt-in, made to be found by secret scanners and to refuse typos
 * without any I/O (the scheme of GitHub's `ghp_` tokens): `{prefix}{tokenId}{secret}{checksum}`,
 * after the prefix 70 characters of base62 and nothing else, so a double click selects the whole
 * token and a scanner can match it with one regular expression.
 *
 * - tokenId: 21 chars of `[A-Za-z0-9]`, the token id grammar of `token-id.ts`.
 * - secret: the 32 secret bytes as one big-endian number in base62, digits `0-9A-Za-z`, exactly 43
 *   chars (62^43 > 2^256; a text whose value is 2^256 or more is refused: one spelling per secret).
 * - checksum: CRC-32 (`crc32.ts`) of the ASCII of `{prefix}{tokenId}{secret}`, in base62 with the
 *   same digits, left-padded with `0` to 6 chars (62^6 > 2^32).
 *
 * The secret bytes are the ones hashed, as in the default format, so a record does not depend on
 * how its token is written. CRC-32 detects every change of one byte, so any single changed
 * character is refused: in the prefix (`invalid_prefix`), in the id or secret (checksum mismatch)
 * or in the checksum (another number, or an impossible one). A checksum is not a MAC: it catches
 * mistakes and lets scanners drop look-alikes, it proves nothing about who made the token.
 */
import { TOKEN_ID_LENGTH } from "./token-id.js";
import { crc32 } from "./crc32.js";

/** Digits of base62 numbers, in value order (the order GitHub's token checksums use). */
const DIGITS = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
/** Characters of the base62 secret of a checksummed token (32 bytes). */
export const CHECKSUMMED_SECRET_LENGTH = 43;
/** Characters of the checksum of a checksummed token. */
export const CHECKSUM_LENGTH = 6;
/** Characters after the prefix of a checksummed token: id, secret and checksum. */
export const CHECKSUMMED_BODY_LENGTH =
  TOKEN_ID_LENGTH + CHECKSUMMED_SECRET_LENGTH + CHECKSUM_LENGTH;
/** Bytes of the secret of a checksummed token. */
const SECRET_BYTES = 32;

const BODY = new RegExp(`^[0-9A-Za-z]{${CHECKSUMMED_BODY_LENGTH}}$`);
const ASCII = new TextEncoder();
const B62 = 62n;

/** `value` in base62, left-padded with `0` to `width` digits (the caller keeps it in range). */
function toBase62(value: bigint, width: number): string {
  let out = "";
  for (let v = value; v > 0n; v /= B62) out = DIGITS.charAt(Number(v % B62)) + out;
  return out.padStart(width, "0");
}

/** The number a base62 text (already matched against `[0-9A-Za-z]`) stands for. */
function fromBase62(text: string): bigint {
  let value = 0n;
  for (let i = 0; i < text.length; i++)
    value = value * B62 + BigInt(DIGITS.indexOf(text.charAt(i)));
  return value;
}

/** The checksum of a token's text before its checksum. */
function checksumOf(head: string): string {
  return toBase62(BigInt(crc32(ASCII.encode(head))), CHECKSUM_LENGTH);
}

/** The 43-char base62 text of 32 secret bytes. */
export function encodeChecksummedSecret(secret: Uint8Array): string {
  let value = 0n;
  for (const byte of secret) value = (value << 8n) | BigInt(byte);
  return toBase62(value, CHECKSUMMED_SECRET_LENGTH);
}

/**
 * Writes a checksummed token from a checked prefix, a checked token id and 32 secret bytes.
 * Public callers use `formatChecksummedToken` (`token.ts`), which checks its arguments.
 */
export function writeChecksummedToken(prefix: string, tokenId: string, secret: Uint8Array): string {
  const head = `${prefix}${tokenId}${encodeChecksummedSecret(secret)}`;
  return head + checksumOf(head);
}

/**
 * Reads the part of a checksummed token after its (already matched) prefix: the id and the
 * secret bytes, or `null` when it is not 70 base62 chars, the secret is out of range, or the
 * checksum does not match.
 */
export function readChecksummedBody(
  prefix: string,
  body: string,
): { tokenId: string; secret: Uint8Array; secretText: string } | null {
  if (body.length !== CHECKSUMMED_BODY_LENGTH || !BODY.test(body)) return null;
  const split = TOKEN_ID_LENGTH + CHECKSUMMED_SECRET_LENGTH;
  if (checksumOf(prefix + body.slice(0, split)) !== body.slice(split)) return null;
  const secretText = body.slice(TOKEN_ID_LENGTH, split);
  let value = fromBase62(secretText);
  if (value >> 256n !== 0n) return null;
  const secret = new Uint8Array(SECRET_BYTES);
  for (let i = SECRET_BYTES - 1; i >= 0; i--) {
    secret[i] = Number(value & 0xffn);
    value >>= 8n;
  }
  return { tokenId: body.slice(0, TOKEN_ID_LENGTH), secret, secretText };
}

/** A checksummed body with its character after the id replaced by `.`: the shape alone. */
const DOT_AFTER_ID = new RegExp(
  `^[0-9A-Za-z]{${TOKEN_ID_LENGTH}}\\.[0-9A-Za-z]{${CHECKSUMMED_BODY_LENGTH - TOKEN_ID_LENGTH - 1}}$`,
);

/**
 * Whether `body` (after the already matched prefix) is a checksummed token whose character after
 * the id was typed as `.`: the shape `{tokenId}.{48 base62}`, and some base62 character in place
 * of the `.` gives a body whose checksum and secret {@link readChecksummedBody} accepts. A text
 * of that shape that no such character repairs is not a typo of a checksummed token; a random
 * one is repaired with odds of about 62 in 62^6, one in a billion.
 */
export function isDotTypoOfChecksummed(prefix: string, body: string): boolean {
  if (!DOT_AFTER_ID.test(body)) return false;
  const id = body.slice(0, TOKEN_ID_LENGTH);
  const after = body.slice(TOKEN_ID_LENGTH + 1);
  for (const digit of DIGITS) {
    if (readChecksummedBody(prefix, id + digit + after) !== null) return true;
  }
  return false;
}

/** `text` with every character a regular expression treats specially escaped. */
function escapeRegExp(text: string): string {
  return text.replace(/[\\^$.*+?()[\]{}|/-]/g, "\\$&");
}

/**
 * The scanner's regular expression for `prefix` (already checked): see `checksummedTokenPattern`
 * (`scannable-token.ts`).
 */
export function checksummedTokenRegExp(prefix: string, flags: string): RegExp {
  return new RegExp(
    `(?<![A-Za-z0-9_-])${escapeRegExp(prefix)}[0-9A-Za-z]{${CHECKSUMMED_BODY_LENGTH}}(?![A-Za-z0-9_-])`,
    flags,
  );
}
