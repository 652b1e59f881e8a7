/**
 * CRC-32 as ISO-HDLC / IEEE 802.3 define it (the CRC of zlib, gzip and PNG; RFC 1952 section 8):
 * reflected polynomial 0xEDB88320, initial value and final XOR 0xFFFFFFFF. Check value: the CRC of
 * the ASCII bytes "123456789" is 0xCBF43926. It detects every error burst of up to 32 bits, so
 * any change of one byte of its input changes it: what a checksummed token needs to refuse a
 * mistyped character. Written here (a table and a loop) instead of taken from a package, since
 * Node's `zlib.crc32` is missing from browsers and workers, where @pat/crypto also runs.
 */

/** The 256 CRCs of one byte, built once on first use. */
let table: Uint32Array | undefined;

function crcTable(): Uint32Array {
  if (table !== undefined) return table;
  table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
}

/**
 * The CRC-32 of `bytes`, an unsigned 32-bit integer.
 *
 * @example
 * ```ts
 * crc32(new TextEncoder().encode("123456789")); // 0xcbf43926
 * ```
 */
export function crc32(bytes: Uint8Array): number {
  const t = crcTable();
  let c = 0xffffffff;
  for (const byte of bytes) c = (t[(c ^ byte) & 0xff] as number) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
