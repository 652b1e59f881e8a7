/**
 * A keyed one-way digest of a (stored hash, secret) pair: HMAC-SHA-256 (RFC 2104) under 32
 * random bytes made per instance, over len(phc) ‖ phc ‖ len(secret) ‖ secret with 32-bit
 * big-endian lengths, so no two different pairs feed it the same bytes. Used as the key of the
 * refused-secret memo, of shared derivations and of the verified-secret memo (each instance under
 * a key of its own), so none ever holds a secret: a memory dump shows digests that only this
 * instance's key could have made.
 */
import { hmac } from "@noble/hashes/hmac.js";
import { sha256 } from "@noble/hashes/sha2.js";
import { base64UrlEncode, randomBytes } from "@pat/crypto";

const UTF8 = new TextEncoder();

function lengthPrefix(length: number): Uint8Array {
  const prefix = new Uint8Array(4);
  new DataView(prefix.buffer).setUint32(0, length);
  return prefix;
}

/** Digests of (phc, secret) pairs under a key of its own. */
export class SecretDigest {
  // HMAC state keyed once; each digest clones it.
  readonly #keyed = hmac.create(sha256, randomBytes(32));

  /** The digest of (`phc`, `secret`), base64url. */
  of(phc: string, secret: Uint8Array): string {
    const phcBytes = UTF8.encode(phc);
    return base64UrlEncode(
      this.#keyed
        .clone()
        .update(lengthPrefix(phcBytes.byteLength))
        .update(phcBytes)
        .update(lengthPrefix(secret.byteLength))
        .update(secret)
        .digest(),
    );
  }
}
