/**
 * @pat/crypto, Node entry point: scrypt (RFC 7914) on Node's native `crypto.scrypt` (backend
 * "auto" = "node"; "noble" selects @noble/hashes), PHC strings, the token format and randomness.
 * The same API as the browser entry, which runs scrypt on @noble/hashes.
 *
 * @packageDocumentation
 */
import { cryptoFunctions, type CryptoFunctions } from "./internal/api.js";
import { nodeScrypt } from "./internal/backend-node.js";

export * from "./internal/portable.js";

// Each export below is documented once, on its member of `CryptoFunctions`; `@function` makes
// the API docs list it as the function it is.
const api = /* @__PURE__ */ cryptoFunctions(nodeScrypt);

/** @function */
export const scrypt: CryptoFunctions["scrypt"] = api.scrypt;
/** @function */
export const hashSecret: CryptoFunctions["hashSecret"] = api.hashSecret;
/** @function */
export const verifySecret: CryptoFunctions["verifySecret"] = api.verifySecret;
/** @function */
export const inspectPhc: CryptoFunctions["inspectPhc"] = api.inspectPhc;
