/**
 * Signs and verifies the access tokens of the PAT→JWT exchange with `jose` (RFC 7519 JWTs in
 * JWS compact form, RFC 7515). Verification is strict:
 * - the header's `alg` must be on the allow-list and equal the `alg` of the key its `kid` names
 *   (no algorithm confusion; `none` and symmetric algorithms are never accepted);
 * - a `kid` is required, and several public keys may verify (rotation);
 * - `iss`, `aud` (when configured), `exp`, `iat`, `jti` and `sub` are required and checked, with
 *   a bounded clock tolerance; `iat` may not lie in the future, and a token older than
 *   `maxTokenAge` (default: the TTL) is refused even if its `exp` says otherwise.
 */
import {
  importJWK,
  jwtVerify,
  SignJWT,
  type CryptoKey,
  type JWK,
  type JWTHeaderParameters,
  type JWTPayload,
  type JWTVerifyResult,
  type KeyObject,
  errors,
} from "jose";
import { InvalidConfigError } from "@pat/core";
import {
  ASYMMETRIC_ALGORITHMS,
  activePrivateKey,
  checkPublicKeys,
  type KeySet,
} from "./key-set.js";
import { parseTimeSpan } from "./time-span.js";

/** The claims of an access token issued by the auth router (as @access-tokens/express's). */
export interface ExtendedJwtPayload extends JWTPayload {
  sub: string;
  owner: string;
  admin: boolean;
  roles?: string[];
}

/** Options of {@link buildSignerVerifier}; `keySet` and `issuer` as in @access-tokens/express. */
export interface JwtConfig {
  /** The keys; from {@link generateKeySet} or stored. */
  keySet: KeySet;
  /** `iss` of issued tokens, required of verified ones. */
  issuer: string;
  /**
   * Lifetime of issued tokens: seconds, or a span such as `"90s"`, `"5m"`, `"1h"`, `"1d"`,
   * `"1w"`; default `"5m"`, at most one year (`"1y"`).
   */
  ttl?: string | number;
  /**
   * Oldest token (by its `iat`) that `verify` accepts, whatever its `exp` says; default: `ttl`,
   * at least `ttl`, at most one year. Raise it to accept the tokens of another issuer sharing the
   * key set with a longer lifetime (e.g. an @access-tokens/express server with `ttl: "1h"`).
   */
  maxTokenAge?: string | number;
  /** `aud` of issued tokens, required of verified ones (default: none, not checked). */
  audience?: string;
  /**
   * JWS algorithms accepted on verify; default: the `alg`s of the public keys. Only asymmetric
   * algorithms may be listed.
   */
  algorithms?: readonly string[];
  /** Clock skew tolerated on `exp`, `iat` and `nbf`, in seconds: 0 to 300, default 30. */
  clockTolerance?: number;
  /** Current time in milliseconds, like `Date.now` (the default). For tests. */
  clock?: () => number;
}

/**
 * Signs and verifies access tokens; `jwks` is the public key set served at
 * `/.well-known/jwks.json`. The shape of @access-tokens/express's `JwtSignerVerifier`.
 */
export interface JwtSignerVerifier<PayloadType extends JWTPayload = JWTPayload> {
  /** Signs `claims` with the active key, adding `iss`, `iat`, `exp`, `jti` (and `aud`). */
  sign(claims: PayloadType): Promise<string>;
  /** Verifies a token; rejects with a jose error (`code` such as `ERR_JWT_EXPIRED`) if invalid. */
  verify(jws: string): Promise<JWTVerifyResult<PayloadType>>;
  /** The public keys, for `/.well-known/jwks.json`. */
  readonly jwks: { readonly keys: readonly JWK[] };
  /**
   * Lifetime of issued tokens in seconds, set by {@link buildSignerVerifier}. Optional, as in
   * @access-tokens/express's type (which has no such member): a signer/verifier made by hand may
   * leave it out, since `expires_in` is read from the signed token itself.
   */
  readonly ttlSeconds?: number;
}

const DEFAULT_TTL = "5m";
/** Longest `ttl` and `maxTokenAge`: one year as jose counts it (365.25 days). */
const MAX_AGE_SECONDS = 31_557_600;
const DEFAULT_CLOCK_TOLERANCE = 30;
const MAX_CLOCK_TOLERANCE = 300;

type VerifyKey = CryptoKey | KeyObject | Uint8Array;

function checkString(value: unknown, name: string): string {
  if (typeof value !== "string" || value.length === 0 || value.length > 1024) {
    throw new InvalidConfigError(
      `buildSignerVerifier: ${name} must be a string of 1 to 1024 characters`,
    );
  }
  return value;
}

/**
 * Builds the signer and verifier of access tokens from a key set. Validates everything first
 * and throws `InvalidConfigError` (`INVALID_CONFIG`) naming the problem: a missing active key, a
 * symmetric or unknown `alg`, private material among the public keys, a TTL above one year, ...
 *
 * @example
 * ```ts
 * const keySet = await generateKeySet("key-1");
 * const signerVerifier = await buildSignerVerifier({ keySet, issuer: "my-app", ttl: "5m" });
 * const jwt = await signerVerifier.sign({ sub: "id", owner: "alice", admin: false, roles: [] });
 * const { payload } = await signerVerifier.verify(jwt);
 * ```
 */
export async function buildSignerVerifier<PayloadType extends JWTPayload = JWTPayload>(
  config: JwtConfig,
): Promise<JwtSignerVerifier<PayloadType>> {
  if (typeof config !== "object" || config === null) {
    throw new InvalidConfigError("buildSignerVerifier: config must be an object");
  }
  const issuer = checkString(config.issuer, "issuer");
  const audience =
    config.audience === undefined ? undefined : checkString(config.audience, "audience");
  const ttlSeconds = parseTimeSpan(config.ttl ?? DEFAULT_TTL, "buildSignerVerifier: ttl");
  if (ttlSeconds < 1 || ttlSeconds > MAX_AGE_SECONDS) {
    throw new InvalidConfigError(
      `buildSignerVerifier: ttl must be 1 second to 1 year (got ${ttlSeconds} seconds)`,
    );
  }
  const maxTokenAge =
    config.maxTokenAge === undefined
      ? ttlSeconds
      : parseTimeSpan(config.maxTokenAge, "buildSignerVerifier: maxTokenAge");
  if (maxTokenAge < ttlSeconds || maxTokenAge > MAX_AGE_SECONDS) {
    throw new InvalidConfigError(
      `buildSignerVerifier: maxTokenAge must be at least ttl (${ttlSeconds} seconds) and at most 1 year (got ${maxTokenAge} seconds)`,
    );
  }
  const tolerance = config.clockTolerance ?? DEFAULT_CLOCK_TOLERANCE;
  if (!Number.isInteger(tolerance) || tolerance < 0 || tolerance > MAX_CLOCK_TOLERANCE) {
    throw new InvalidConfigError(
      `buildSignerVerifier: clockTolerance must be an integer from 0 to ${MAX_CLOCK_TOLERANCE} seconds`,
    );
  }
  const clock = config.clock ?? Date.now;
  if (typeof config.keySet !== "object" || config.keySet === null) {
    throw new InvalidConfigError("buildSignerVerifier: keySet must be an object");
  }
  const active = activePrivateKey(config.keySet);
  const publicKeys = checkPublicKeys(config.keySet.public_keys);
  const algorithms = [...(config.algorithms ?? new Set(publicKeys.map((k) => k.alg)))];
  for (const alg of algorithms) {
    if (!ASYMMETRIC_ALGORITHMS.includes(alg)) {
      throw new InvalidConfigError(
        `buildSignerVerifier: algorithms may list asymmetric algorithms only (got ${String(alg)})`,
      );
    }
  }
  if (!algorithms.includes(active.alg)) {
    throw new InvalidConfigError(
      `buildSignerVerifier: algorithms leaves out ${active.alg}, the alg of the active key, so issued tokens would not verify`,
    );
  }
  if (!publicKeys.some((k) => k.kid === active.kid)) {
    throw new InvalidConfigError(
      `buildSignerVerifier: no public key has the active_kid ${active.kid}, so issued tokens would not verify`,
    );
  }

  const signingKey = await importJWK(active.jwk, active.alg);
  const verifyKeys = new Map<string, { alg: string; key: VerifyKey }>();
  for (const k of publicKeys) {
    if (!algorithms.includes(k.alg)) continue;
    verifyKeys.set(k.kid, { alg: k.alg, key: await importJWK(k.jwk, k.alg) });
  }
  const jwks = Object.freeze({ keys: Object.freeze(publicKeys.map((k) => Object.freeze(k.jwk))) });

  // The key a token names by `kid`, only for the algorithm that key is registered with.
  function keyFor(header: JWTHeaderParameters): VerifyKey {
    const entry = header.kid === undefined ? undefined : verifyKeys.get(header.kid);
    if (!entry || entry.alg !== header.alg) {
      throw new errors.JWKSNoMatchingKey("no verification key matches the token's kid and alg");
    }
    return entry.key;
  }

  async function sign(claims: PayloadType): Promise<string> {
    const now = Math.floor(clock() / 1000);
    const jwt = new SignJWT(claims)
      .setProtectedHeader({ alg: active.alg, kid: active.kid, typ: "JWT" })
      .setIssuer(issuer)
      .setIssuedAt(now)
      .setExpirationTime(now + ttlSeconds)
      .setJti(crypto.randomUUID());
    if (audience !== undefined) jwt.setAudience(audience);
    return jwt.sign(signingKey);
  }

  async function verify(jws: string): Promise<JWTVerifyResult<PayloadType>> {
    return jwtVerify<PayloadType>(jws, keyFor, {
      issuer,
      ...(audience === undefined ? {} : { audience }),
      algorithms,
      clockTolerance: tolerance,
      maxTokenAge,
      requiredClaims: ["exp", "iat", "jti", "sub"],
      typ: "JWT",
      currentDate: new Date(clock()),
    });
  }

  return { sign, verify, jwks, ttlSeconds };
}
