/**
 * Everything of @pat/crypto that does not depend on which scrypt backend the entry point has:
 * the PHC string codec, base64url, randomness, constant-time comparison, the token format
 * (ARCHITECTURE.md) and the error types. Both entry points re-export this module unchanged.
 */
export { CryptoError, PhcFormatError, type CryptoErrorCode } from "./errors.js";
export { parsePhc, serializePhc, type PhcObject } from "./phc.js";
export { base64UrlDecode, base64UrlEncode } from "./base64url.js";
export { generateSecret, generateTokenId, randomBytes } from "./random.js";
export { timingSafeEqual } from "./timing-safe-equal.js";
export {
  formatToken,
  isValidPrefix,
  isValidTokenId,
  parseToken,
  MAX_TOKEN_LENGTH,
  MIN_SECRET_BYTES,
  MAX_SECRET_BYTES,
  type ParsedToken,
  type TokenFormatFailure,
} from "./token.js";
export {
  DEFAULT_SCRYPT_PARAMS,
  SCRYPT_PARAM_BOUNDS,
  MAX_PHC_LENGTH,
  type HashSecretOptions,
  type InspectPhcResult,
  type ScryptParams,
  type VerifySecretFailure,
  type VerifySecretOptions,
  type VerifySecretResult,
} from "./scrypt-phc.js";
export { type ScryptBackend, type ScryptOptions } from "./scrypt.js";
export { DEFAULT_MAXMEM } from "./scrypt-params.js";
