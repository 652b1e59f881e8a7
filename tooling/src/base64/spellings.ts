/**
 * Spellings of a token secret, for the tests of what `parseToken` accepts (RFC 4648): the
 * canonical ones (base64url unpadded, standard padded and unpadded) and second spellings, texts
 * that Node's lenient base64 decoder (the one @access-tokens/core reads secrets with) maps to the
 * same bytes. Import as `@pat/tooling/base64-spellings`.
 */

const STANDARD = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/**
 * The spellings of `bytes` a token secret may have: base64url unpadded, standard padded and
 * standard unpadded (two or three texts: they coincide when padding is not needed).
 *
 * @example
 * ```ts
 * canonicalSpellings(new Uint8Array(16)); // Set { "AAAAAAAAAAAAAAAAAAAAAA", "AAAA…A==" }
 * ```
 */
export function canonicalSpellings(bytes: Uint8Array): Set<string> {
  const standard = Buffer.from(bytes).toString("base64");
  return new Set([Buffer.from(bytes).toString("base64url"), standard, standard.replace(/=+$/, "")]);
}

/**
 * Second spellings of `bytes`: other trailing bits, wrong padding, a mixed alphabet, whitespace.
 * Each decodes to `bytes` under Node's lenient decoder; none is in {@link canonicalSpellings}.
 *
 * @example
 * ```ts
 * for (const text of laxSpellings(secret)) expect(parseToken("pat_", `pat_${id}.${text}`)).toEqual({ reason: "invalid_format" });
 * ```
 */
export function laxSpellings(bytes: Uint8Array): string[] {
  const url = Buffer.from(bytes).toString("base64url");
  const standard = Buffer.from(bytes).toString("base64");
  const unpadded = standard.replace(/=+$/, "");
  const out = [
    `${url}=`,
    `${url}==`,
    `${unpadded}===`,
    `${standard}=`,
    ` ${standard}`,
    `${unpadded.slice(0, 8)}\n${unpadded.slice(8)}`,
  ];
  if (standard.endsWith("==")) out.push(`${unpadded}=`);
  const rest = bytes.length % 3;
  if (rest !== 0) {
    // The last symbol carries 4 (one byte left) or 2 (two bytes left) unused bits: set one.
    const last = STANDARD.indexOf(unpadded.charAt(unpadded.length - 1));
    const changed = `${unpadded.slice(0, -1)}${STANDARD.charAt(last | 1)}`;
    out.push(changed, `${changed}${rest === 1 ? "==" : "="}`);
  }
  // One symbol of the other alphabet in an otherwise standard (or URL-safe) text.
  const mixed = unpadded.replace(/[+/]/, (c) => (c === "+" ? "-" : "_"));
  if (mixed !== unpadded && /[+/]/.test(mixed)) out.push(mixed);
  const mixedUrl = url.replace(/[-_]/, (c) => (c === "-" ? "+" : "/"));
  if (mixedUrl !== url && /[-_]/.test(mixedUrl)) out.push(mixedUrl);
  const canonical = canonicalSpellings(bytes);
  return out.filter((text) => !canonical.has(text));
}
