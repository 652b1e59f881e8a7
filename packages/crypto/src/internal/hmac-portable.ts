/**
 * HMAC-SHA-256 (RFC 2104, FIPS 180-4) for the browser and worker entry: Web Crypto's
 * `crypto.subtle` (native code) where the platform has it, else @noble/hashes (audited, pure
 * JavaScript, same bytes; a property test checks that both agree with `node:crypto`). Web Crypto
 * is absent on plain-HTTP pages (it needs a secure context) and in some embedded runtimes.
 */
import { hmac } from "@noble/hashes/hmac.js";
import { sha256 } from "@noble/hashes/sha2.js";
import { portableB64, type FastHashBackend } from "./hmac-phc.js";

/** Web Crypto's `SubtleCrypto`, named from the global `crypto` (no DOM library needed). */
type Subtle = (typeof globalThis.crypto)["subtle"];

/** HMAC-SHA-256 on @noble/hashes. */
export function nobleHmacSha256(key: Uint8Array, message: Uint8Array): Uint8Array {
  return hmac(sha256, key, message);
}

/** HMAC-SHA-256 on Web Crypto (`subtle`). */
export async function webCryptoHmacSha256(
  subtle: Subtle,
  key: Uint8Array,
  message: Uint8Array,
): Promise<Uint8Array> {
  // Copies into fresh ArrayBuffers: Web Crypto takes BufferSource, not views of shared memory.
  const cryptoKey = await subtle.importKey(
    "raw",
    new Uint8Array(key),
    { name: "HMAC", hash: "SHA-256" },
    false,
    ["sign"],
  );
  return new Uint8Array(await subtle.sign("HMAC", cryptoKey, new Uint8Array(message)));
}

/** Web Crypto's HMAC-SHA-256 when `crypto.subtle` exists, else @noble/hashes'. */
function portableHmacSha256(
  key: Uint8Array,
  message: Uint8Array,
): Promise<Uint8Array> | Uint8Array {
  const subtle = globalThis.crypto?.subtle as Subtle | undefined;
  return subtle === undefined
    ? nobleHmacSha256(key, message)
    : webCryptoHmacSha256(subtle, key, message);
}

/** The fast hash for browsers and workers. */
export const portableFastHash: FastHashBackend = { mac: portableHmacSha256, b64: portableB64 };
