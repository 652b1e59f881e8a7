/**
 * Everything of @pat/crypto that does not depend on which scrypt backend the entry point has:
 * the PHC string codec, base64url, randomness, constant-time comparison, the token formats
 * (default and checksummed) and the id grammar, the scrypt parameter rules, and the error types.
 * Both entry points re-export this module unchanged.
 */
export type { CryptoFunctions } from "./api.js";
export { CryptoError, PhcFormatError, type CryptoErrorCode } from "./errors.js";
export { parsePhc, serializePhc, type PhcObject } from "./phc.js";
export { base64UrlDecode, base64UrlEncode } from "./base64url.js";
export { generateSecret, generateTokenId, randomBytes } from "./random.js";
export { timingSafeEqual } from "./timing-safe-equal.js";
export { BASE62, isValidTokenId, TOKEN_ID_LENGTH, TOKEN_ID_PATTERN } from "./token-id.js";
export {
  formatToken,
  isValidPrefix,
  parseToken,
  MAX_TOKEN_LENGTH,
  SECRET_BYTES,
  MIN_SECRET_BYTES,
  MAX_SECRET_BYTES,
  type ParsedToken,
  type TokenFormatFailure,
} from "./token.js";
export {
  CHECKSUMMED_TOKEN_PATTERN,
  TOKEN_FORMATS,
  checksummedTokenPattern,
  formatChecksummedToken,
  isWellFormedToken,
  type TokenFormat,
  type WellFormedTokenOptions,
} from "./scannable-token.js";
export {
  DEFAULT_MAXMEM,
  DEFAULT_SCRYPT_PARAMS,
  SCRYPT_PARAM_BOUNDS,
  scryptMemory,
  type ScryptParams,
} from "./scrypt-params.js";
export {
  checkHashOptions,
  type HashParamsOptions,
  type ScryptParamLabels,
} from "./scrypt-checks.js";
export {
  MAX_PHC_LENGTH,
  scryptPhcLength,
  type HashSecretOptions,
  type InspectPhcResult,
  type VerifySecretFailure,
  type VerifySecretOptions,
  type VerifySecretResult,
} from "./scrypt-phc.js";
export { type ScryptBackend, type ScryptOptions } from "./scrypt.js";
export {
  HMAC_PHC_BOUNDS,
  HMAC_SHA256_ID,
  hmacPhcLength,
  inspectHmacPhc,
  type HmacHashOptions,
  type HmacParams,
  type InspectHmacPhcResult,
  type VerifyHmacResult,
} from "./hmac-phc.js";
