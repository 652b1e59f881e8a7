/**
 * @pat/crypto, Node entry point: scrypt (RFC 7914) on Node's native `crypto.scrypt` (backend
 * "auto" = "node"; "noble" selects @noble/hashes), PHC strings, the token format and randomness.
 * The same API as the browser entry, which runs scrypt on @noble/hashes.
 *
 * @packageDocumentation
 */
import { cryptoFunctions, type CryptoFunctions } from "./internal/api.js";
import { nodeFastHash } from "./internal/hmac-node.js";
import { NODE_CONCURRENCY, nodeScrypt } from "./internal/backend-node.js";

export * from "./internal/portable.js";

// Each export below is documented once, on its member of `CryptoFunctions`; `@function` makes
// the API docs list it as the function it is.
const api = /* @__PURE__ */ cryptoFunctions(nodeScrypt, nodeFastHash);

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
 * How many scrypt derivations this entry's `"auto"` backend runs at once (more calls wait in
 * line): the native backend's cap, as many as the machine has cores and one fewer than the
 * libuv pool size. A scheduler above this library (such as @pat/core's verify) sizes its own
 * concurrency with it, so its queue, not this one, decides the order.
 *
 * @example
 * ```ts
 * console.log(SCRYPT_CONCURRENCY); // e.g. 2 on a 2-core machine
 * ```
 */
export const SCRYPT_CONCURRENCY: number = NODE_CONCURRENCY;
