/**
 * @pat/crypto, browser and worker entry point: the same API as the Node entry with no `node:*`
 * import anywhere in its graph; scrypt (RFC 7914) runs on @noble/hashes (backend "auto" =
 * "noble"; "node" is refused with `INVALID_INPUT`).
 *
 * @packageDocumentation
 */
import { cryptoFunctions, type CryptoFunctions } from "./internal/api.js";
import { NOBLE_CONCURRENCY } from "./internal/backend-noble.js";
import { portableFastHash } from "./internal/hmac-portable.js";

export * from "./internal/portable.js";

// Each export below is documented once, on its member of `CryptoFunctions`; `@function` makes
// the API docs list it as the function it is.
const api = /* @__PURE__ */ cryptoFunctions(undefined, portableFastHash);

/** @function */
export const scrypt: CryptoFunctions["scrypt"] = api.scrypt;
/** @function */
export const hashSecret: CryptoFunctions["hashSecret"] = api.hashSecret;
/** @function */
export const verifySecret: CryptoFunctions["verifySecret"] = api.verifySecret;
/** @function */
export const inspectPhc: CryptoFunctions["inspectPhc"] = api.inspectPhc;
/** @function */
export const hashSecretHmac: CryptoFunctions["hashSecretHmac"] = api.hashSecretHmac;
/** @function */
export const verifySecretHmac: CryptoFunctions["verifySecretHmac"] = api.verifySecretHmac;

/**
 * How many scrypt derivations this entry's `"auto"` backend (@noble/hashes) runs at once (more
 * calls wait in line). A scheduler above this library (such as @pat/core's verify) sizes its own
 * concurrency with it, so its queue, not this one, decides the order.
 *
 * @example
 * ```ts
 * console.log(SCRYPT_CONCURRENCY); // 2
 * ```
 */
export const SCRYPT_CONCURRENCY: number = NOBLE_CONCURRENCY;
