/**
 * @pat/crypto, browser and worker entry point: the same API as the Node entry with no `node:*`
 * import anywhere in its graph; scrypt (RFC 7914) runs on @noble/hashes (backend "auto" =
 * "noble"; "node" is refused with `INVALID_INPUT`).
 *
 * @packageDocumentation
 */
import { cryptoFunctions, type CryptoFunctions } from "./internal/api.js";

export * from "./internal/portable.js";

// Each export below is documented once, on its member of `CryptoFunctions`; `@function` makes
// the API docs list it as the function it is.
const api = /* @__PURE__ */ cryptoFunctions(undefined);

/** @function */
export const scrypt: CryptoFunctions["scrypt"] = api.scrypt;
/** @function */
export const hashSecret: CryptoFunctions["hashSecret"] = api.hashSecret;
/** @function */
export const verifySecret: CryptoFunctions["verifySecret"] = api.verifySecret;
/** @function */
export const inspectPhc: CryptoFunctions["inspectPhc"] = api.inspectPhc;
