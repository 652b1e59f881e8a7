/**
 * The write nonce: an attribute holding a random value unique to one write call. The SDK retries
 * a write whose answer was lost; when the first attempt committed, the retry is refused by its own
 * condition and returns the stored image. Only an image carrying this call's nonce is "our own
 * write": a genuine duplicate with identical content carries another nonce (or none). Record
 * validation drops unknown attributes, so the nonce never reaches a record; @access-tokens/core
 * ignores it too.
 */
import type { Item } from "../item.js";

/** Name of the attribute. */
export const WRITE_NONCE = "writeNonce";

/** A fresh nonce for one write call. */
export function newNonce(): string {
  return globalThis.crypto.randomUUID();
}

/** Whether `item` is the image of the write that carried `nonce`. */
export function carriesNonce(item: Item | null, nonce: string | undefined): boolean {
  return nonce !== undefined && item !== null && item[WRITE_NONCE] === nonce;
}
