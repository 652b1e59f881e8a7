/**
 * Public types shared by every entry of @pat/http: the authenticated user as the reference
 * Express middleware puts it on `req.user`, the logger the routers accept, and the options that
 * the Fetch core and every adapter take in the same shape.
 */
import type { Pat, ValidTokenRecord } from "@pat/core";
import type { JwtSignerVerifier } from "./jwt/signer-verifier.js";

/**
 * Who made a request, as `requireJwt` and `requireToken` put it on the request (`req.user` in
 * Express and Fastify, `c.get("user")` in Hono): the same four fields as @access-tokens/express.
 */
export interface PatUser {
  /** The token id (the JWT's `sub`). */
  sub: string;
  /** Owner of the token. */
  owner: string;
  /** Whether the token is an admin token. */
  admin: boolean;
  /** Roles of the token (from the JWT: as they were when it was issued). */
  roles: string[];
}

/**
 * A structured logger: pino's `Logger` fits, as do most others with `info(object, message)`.
 * Only token ids, owners, reasons and error names are ever logged; never a token or a hash.
 */
export interface HttpLogger {
  info(fields: object, message?: string): void;
  warn(fields: object, message?: string): void;
  error(fields: object, message?: string): void;
}

/** Options every router and middleware accepts. */
export interface CommonOptions {
  /**
   * Where routers log what they did (issued, revoked, refused, ...); nothing is logged without
   * one. Never receives a token, a secret or a PHC string.
   */
  readonly logger?: HttpLogger;
  /**
   * The `realm` of `WWW-Authenticate` challenges (RFC 6750 §3), default `"pat"`. At most 100
   * printable ASCII characters.
   */
  readonly realm?: string;
}

/** Options of the auth router (`POST /token`, `GET /.well-known/jwks.json`). */
export interface AuthRouterOptions extends CommonOptions {
  /** The tokens to exchange (any `Pat`, e.g. a `DynamoDBPat`). */
  readonly pat: Pat;
  /** Signs the access tokens; from {@link buildSignerVerifier}. */
  readonly signerVerifier: JwtSignerVerifier;
  /**
   * Owner of the first admin token stored by the bootstrap path (a `POST /token` with the
   * bootstrap secret on an empty table), default `"admin"` as in @access-tokens/express.
   */
  readonly bootstrapOwner?: string;
  /** Largest request body in bytes, default 102400 (100 KiB); larger ones get 413. */
  readonly bodyLimit?: number;
}

/** Options of the admin tokens router. */
export interface AdminTokensRouterOptions extends CommonOptions {
  /** The tokens to manage. */
  readonly pat: Pat;
  /**
   * Verifies admin JWTs from the auth router. Optional: without it, only admin PATs are
   * accepted (sent directly as `Authorization: Bearer pat_...`).
   */
  readonly signerVerifier?: JwtSignerVerifier;
  /**
   * Whether `includeSecretPhc` may be asked for (listing, `GET /tokens/:tokenId`, batch),
   * default false: then such a request gets 403 `SECRET_PHC_NOT_ALLOWED`. Turn it on only for
   * admin clients that need the hashes, e.g. a desired-state sync.
   */
  readonly allowSecretPhc?: boolean;
  /** Whether an admin PAT is accepted directly (besides an admin JWT), default true. */
  readonly acceptPat?: boolean;
  /** Largest request body in bytes, default 102400 (100 KiB); larger ones get 413. */
  readonly bodyLimit?: number;
  /**
   * Where the served OpenAPI document (`GET /openapi.json`) says the routers are mounted,
   * default `{ authPath: "/auth", adminPath: "/admin" }`; `false` serves no document.
   */
  readonly openapi?: OpenApiPaths | false;
}

/** Mount points the OpenAPI document puts before its paths. */
export interface OpenApiPaths {
  /** Where the auth router is mounted, default `/auth`. */
  readonly authPath?: string;
  /** Where the admin router is mounted, default `/admin`. */
  readonly adminPath?: string;
}

/** Options of `requireToken`: bearer authentication straight from a PAT. */
export interface RequireTokenOptions extends CommonOptions {
  /** The tokens to accept. */
  readonly pat: Pat;
  /** Refuse (403 `insufficient_scope`) tokens that are not admin tokens. */
  readonly admin?: boolean;
  /** Refuse (403 `insufficient_scope`) tokens without this role. */
  readonly role?: string;
}

/** Options of `createRequireJwt`: bearer authentication with an access token from `POST /token`. */
export interface RequireJwtOptions extends CommonOptions {
  /** Verifies the access tokens; from {@link buildSignerVerifier}. */
  readonly signerVerifier: JwtSignerVerifier;
}

/** Options of `createRequireAdmin`. */
export type RequireAdminOptions = CommonOptions;

/** Options of `createRequireRole`. */
export interface RequireRoleOptions extends CommonOptions {
  /** The role the user must have. */
  readonly role: string;
}

/** What a successful bearer authentication yields. */
export interface Authenticated {
  readonly user: PatUser;
  /** The verified token record (only when a PAT was presented; absent for a JWT). */
  readonly record?: ValidTokenRecord;
}
