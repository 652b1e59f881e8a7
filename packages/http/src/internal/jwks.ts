/**
 * The JSON Web Key Set (RFC 7517 §5) of the access tokens' public keys, served by the auth
 * router at `{authPath}/.well-known/jwks.json` and, through `createJwksHandler`, wherever the
 * application mounts it (RFC 8615 puts well-known URIs at the site root:
 * `/.well-known/jwks.json`). Public keys only: a key set with private material is refused when
 * the signer/verifier is built.
 */
import { checkOptions, checkSignerVerifier } from "./config.js";
import type { EdgeResponse } from "./edge.js";
import type { JwtSignerVerifier } from "./jwt/signer-verifier.js";
import { json } from "./responses.js";

/** Options of `createJwksHandler`. */
export interface JwksHandlerOptions {
  /** The signer/verifier whose public keys to serve; from `buildSignerVerifier`. */
  readonly signerVerifier: JwtSignerVerifier;
}

/** Caching of the key set: public, five minutes (a rotation adds the new key before using it). */
const JWKS_HEADERS = { "cache-control": "public, max-age=300" } as const;

/** The JWKS answer of `signerVerifier`, built once. */
export function jwksAnswerOf(signerVerifier: JwtSignerVerifier): EdgeResponse {
  return json(200, { keys: [...signerVerifier.jwks.keys] }, JWKS_HEADERS);
}

/**
 * Checks the options of `createJwksHandler` and builds its (unchanging) answer. Throws
 * `InvalidConfigError` (`INVALID_CONFIG`).
 */
export function jwksAnswer(options: JwksHandlerOptions, where = "createJwksHandler"): EdgeResponse {
  checkOptions(options, where);
  return jwksAnswerOf(checkSignerVerifier(options.signerVerifier, where));
}
