/**
 * The admin tokens API, once for every adapter: the routes of @access-tokens/express's admin
 * router (same paths, bodies, status codes and answers) and `GET /tokens/:tokenId` and listing
 * by `owner` besides. Every route first authenticates an admin (an admin JWT of the exchange, or
 * an admin PAT directly), then reads and validates the body, then calls `Pat`. Answers never
 * hold a PHC string unless the router allows `includeSecretPhc` and the caller asked for it.
 */
import { labelsOf } from "./label-schemas.js";
import type { Pat, PublicTokenRecord, TokenRecord } from "@pat/core";
import type * as z from "zod";
import { parseAuthorization } from "./authorization.js";
import { authenticateBearer, authorize, type AuthContext } from "./authenticate.js";
import { readBody } from "./body.js";
import type { EdgeRequest, EdgeResponse } from "./edge.js";
import { problemFor } from "./failures.js";
import type { JwtSignerVerifier } from "./jwt/signer-verifier.js";
import { json, noContent, problem } from "./responses.js";
import {
  DEFAULT_LIST_LIMIT,
  batchSchema,
  fieldErrors,
  getQuerySchema,
  issueSchema,
  listQuerySchema,
  pathSchema,
  queryObject,
  registerSchema,
  revokeSchema,
  updateSchema,
} from "./schemas.js";
import type { PatUser } from "./types.js";

/** What the admin routes need, validated by the router. */
export interface AdminConfig extends AuthContext {
  readonly pat: Pat;
  readonly signerVerifier: JwtSignerVerifier | undefined;
  readonly acceptPat: boolean;
  readonly allowSecretPhc: boolean;
  readonly bodyLimit: number;
}

type Handler = (req: EdgeRequest, config: AdminConfig, admin: PatUser) => Promise<EdgeResponse>;

/**
 * Wraps a handler: admin authentication first, then the `:tokenId` path parameter (when the
 * route has one), failures as problem answers, never a throw. A request's own logger (Express's
 * `req.logger`) replaces the configured one.
 */
export function asAdmin(handler: Handler, what: string) {
  return async (req: EdgeRequest, configured: AdminConfig): Promise<EdgeResponse> => {
    const config = req.logger === undefined ? configured : { ...configured, logger: req.logger };
    try {
      const credentials = parseAuthorization(req.header("authorization"));
      const sources = {
        pat: config.acceptPat ? config.pat : undefined,
        signerVerifier: config.signerVerifier,
      };
      const outcome = await authenticateBearer(sources, credentials, config);
      if (!outcome.ok) return outcome.response;
      const refused = authorize(outcome.auth.user, { admin: true }, config);
      if (refused) return refused;
      if (req.params["tokenId"] !== undefined) {
        const path = pathSchema.safeParse(req.params);
        if (!path.success) {
          return problem(400, {
            code: "INVALID_INPUT",
            message: "Invalid token id in the path",
            errors: fieldErrors(path.error),
          });
        }
      }
      return await handler(req, config, outcome.auth.user);
    } catch (error) {
      return problemFor(error, config.logger, what);
    }
  };
}

type Parsed<T> =
  { readonly ok: true; readonly data: T } | { readonly ok: false; readonly response: EdgeResponse };

/** Reads the JSON body and checks it against `schema`; an absent body is `{}` when `optional`. */
export async function bodyOf<S extends z.ZodType>(
  req: EdgeRequest,
  config: AdminConfig,
  schema: S,
  optional = false,
): Promise<Parsed<z.output<S>>> {
  const body = await readBody(req, ["json"], config.bodyLimit);
  if (!body.ok) {
    const { status, message } = body.failure;
    const code =
      status === 413
        ? "PAYLOAD_TOO_LARGE"
        : status === 415
          ? "UNSUPPORTED_MEDIA_TYPE"
          : "INVALID_BODY";
    return { ok: false, response: problem(status, { code, message }) };
  }
  const value = body.value === undefined && optional ? {} : body.value;
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    const errors =
      value === undefined
        ? [{ field: "(body)", message: "A JSON body is required" }]
        : fieldErrors(parsed.error);
    return {
      ok: false,
      response: problem(400, { code: "INVALID_BODY", message: "Invalid request body", errors }),
    };
  }
  return { ok: true, data: parsed.data };
}

function queryOf<S extends z.ZodType>(req: EdgeRequest, schema: S): Parsed<z.output<S>> {
  const parsed = schema.safeParse(queryObject(req.search));
  if (!parsed.success) {
    return {
      ok: false,
      response: problem(400, {
        code: "INVALID_QUERY",
        message: "Invalid query parameters",
        errors: fieldErrors(parsed.error),
      }),
    };
  }
  return { ok: true, data: parsed.data };
}

function secretPhcRefused(): EdgeResponse {
  return problem(403, {
    code: "SECRET_PHC_NOT_ALLOWED",
    message: "includeSecretPhc is not allowed by this server",
  });
}

function withoutPhc(record: TokenRecord): PublicTokenRecord {
  const { secretPhc: _secretPhc, ...rest } = record;
  return rest;
}

/** The `:tokenId` path parameter (checked by {@link asAdmin}). */
export function tokenIdOf(req: EdgeRequest): string {
  return req.params["tokenId"] ?? "";
}

/**
 * `GET /tokens`: list (by `owner` on the owner index), without revoked and expired by default;
 * with `state`, exactly the tokens in that state (filtered in storage); `expiringBefore` keeps
 * tokens whose expiry is before that time.
 */
export const listTokens = asAdmin(async (req, config) => {
  const query = queryOf(req, listQuerySchema);
  if (!query.ok) return query.response;
  const q = query.data;
  if (q.includeSecretPhc === true && !config.allowSecretPhc) return secretPhcRefused();
  if (q.state !== undefined && (q.includeRevoked !== undefined || q.includeExpired !== undefined)) {
    return problem(400, {
      code: "INVALID_QUERY",
      message: "Invalid query parameters",
      errors: [
        {
          field: "state",
          message: "state cannot be combined with includeRevoked or includeExpired",
        },
      ],
    });
  }
  const options = {
    limit: q.limit ?? DEFAULT_LIST_LIMIT,
    ...(q.state === undefined ? {} : { state: q.state }),
    ...(q.expiringBefore === undefined ? {} : { expiringBefore: q.expiringBefore }),
    ...(q.afterTokenId === undefined ? {} : { afterTokenId: q.afterTokenId }),
    ...(q.hasRole === undefined ? {} : { hasRole: q.hasRole }),
    ...(q.includeSecretPhc === true ? { includeSecretPhc: true } : {}),
  };
  const source =
    q.owner === undefined ? config.pat.list(options) : config.pat.listByOwner(q.owner, options);
  const now = Math.floor(Date.now() / 1000);
  const records: PublicTokenRecord[] = [];
  for await (const record of source) {
    if (q.state !== undefined) {
      // The state filter ran in storage, at the instance's clock: nothing more to drop.
      records.push(record);
      continue;
    }
    if (record.revokedAt !== undefined && q.includeRevoked !== true) continue;
    const expired = typeof record.expiresAt === "number" && record.expiresAt <= now;
    if (expired && q.includeExpired !== true) continue;
    records.push(record);
  }
  return json(200, { records });
}, "listing tokens");

/** `GET /tokens/:tokenId`: one record, 404 when absent. */
export const getToken = asAdmin(async (req, config) => {
  const query = queryOf(req, getQuerySchema);
  if (!query.ok) return query.response;
  const includeSecretPhc = query.data.includeSecretPhc === true;
  if (includeSecretPhc && !config.allowSecretPhc) return secretPhcRefused();
  const tokenId = tokenIdOf(req);
  const { found } = await config.pat.batchLoad([tokenId], { includeSecretPhc });
  const record = found[0];
  if (!record)
    return problem(404, { code: "TOKEN_NOT_FOUND", message: `Token not found: ${tokenId}` });
  return json(200, { record });
}, "reading a token");

/** `POST /tokens`: issue; 201 with the token (shown once) and its record. */
export const issueToken = asAdmin(async (req, config, admin) => {
  const body = await bodyOf(req, config, issueSchema);
  if (!body.ok) return body.response;
  const { tokenId, owner, isAdmin, roles, expiresAt } = body.data;
  const { token, record } = await config.pat.issue({
    ...labelsOf(body.data),
    owner,
    isAdmin: isAdmin ?? false,
    ...(tokenId === undefined ? {} : { tokenId }),
    ...(roles === undefined ? {} : { roles }),
    ...(expiresAt === undefined ? {} : { expiresAt }),
  });
  config.logger?.info({ tokenId: record.tokenId, owner, by: admin.sub }, "Issued a token");
  return json(201, { token, record });
}, "issuing a token");

/** `PUT /tokens/:tokenId`: register a hash made elsewhere; the answer omits the hash. */
export const registerToken = asAdmin(async (req, config, admin) => {
  const body = await bodyOf(req, config, registerSchema);
  if (!body.ok) return body.response;
  const { secretPhc, owner, isAdmin, roles, expiresAt } = body.data;
  const record = await config.pat.register({
    ...labelsOf(body.data),
    tokenId: tokenIdOf(req),
    secretPhc,
    owner,
    isAdmin: isAdmin ?? false,
    ...(roles === undefined ? {} : { roles }),
    ...(expiresAt === undefined ? {} : { expiresAt }),
  });
  config.logger?.info({ tokenId: record.tokenId, owner, by: admin.sub }, "Registered a token");
  return json(200, { record: withoutPhc(record) });
}, "registering a token");

/** `PATCH /tokens/:tokenId`: update; 204. */
export const updateToken = asAdmin(async (req, config, admin) => {
  const body = await bodyOf(req, config, updateSchema);
  if (!body.ok) return body.response;
  const { secretPhc, owner, isAdmin, roles, expiresAt } = body.data;
  const tokenId = tokenIdOf(req);
  await config.pat.update(tokenId, {
    ...labelsOf(body.data),
    ...(secretPhc === undefined ? {} : { secretPhc }),
    ...(owner === undefined ? {} : { owner }),
    ...(isAdmin === undefined ? {} : { isAdmin }),
    ...(roles === undefined ? {} : { roles }),
    ...(expiresAt === undefined ? {} : { expiresAt }),
  });
  config.logger?.info(
    { tokenId, fields: Object.keys(body.data), by: admin.sub },
    "Updated a token",
  );
  return noContent();
}, "updating a token");

/** `PUT /tokens/:tokenId/revoke`: revoke (optional cleanup time); 204. */
export const revokeToken = asAdmin(async (req, config, admin) => {
  const body = await bodyOf(req, config, revokeSchema, true);
  if (!body.ok) return body.response;
  const tokenId = tokenIdOf(req);
  const { expiresAt } = body.data;
  await config.pat.revoke(tokenId, expiresAt === undefined ? {} : { expiresAt });
  config.logger?.info({ tokenId, by: admin.sub }, "Revoked a token");
  return noContent();
}, "revoking a token");

/** `PUT /tokens/:tokenId/restore`: restore; 204. */
export const restoreToken = asAdmin(async (req, config, admin) => {
  const tokenId = tokenIdOf(req);
  await config.pat.restore(tokenId);
  config.logger?.info({ tokenId, by: admin.sub }, "Restored a token");
  return noContent();
}, "restoring a token");

/** `POST /tokens/batch`: `{ found, notFound }`. */
export const batchLoadTokens = asAdmin(async (req, config) => {
  const body = await bodyOf(req, config, batchSchema);
  if (!body.ok) return body.response;
  const { tokenIds, includeSecretPhc } = body.data;
  if (includeSecretPhc === true && !config.allowSecretPhc) return secretPhcRefused();
  const result = await config.pat.batchLoad(tokenIds, {
    includeSecretPhc: includeSecretPhc === true,
  });
  return json(200, { found: result.found, notFound: result.notFound });
}, "loading tokens");
