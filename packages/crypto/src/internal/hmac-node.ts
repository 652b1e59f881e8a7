/**
 * HMAC-SHA-256 (RFC 2104, FIPS 180-4) on Node's `node:crypto` (OpenSSL): the fast hash's backend
 * in the Node entry. One HMAC of a 32-byte secret takes about a microsecond and runs on the
 * calling thread (too short to be worth the thread pool). Only the Node entry imports this file.
 * A property test checks that it writes the bytes of the portable code.
 */
import { Buffer } from "node:buffer";
import { createHmac } from "node:crypto";
import type { FastHashBackend } from "./hmac-phc.js";

/** B64 (standard alphabet, no padding) by Node's native encoder, a third of the JS one's time. */
function nodeB64(bytes: Uint8Array): string {
  const padded = (
    Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  ).toString("base64");
  let end = padded.length;
  while (end > 0 && padded.charCodeAt(end - 1) === 61 /* = */) end--;
  return padded.slice(0, end);
}

/** The fast hash on `node:crypto`. */
export const nodeFastHash: FastHashBackend = {
  // A Buffer is a Uint8Array: handed on as it is.
  mac: (key, message) => createHmac("sha256", key).update(message).digest(),
  b64: nodeB64,
};
