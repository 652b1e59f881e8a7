/**
 * `POST /token`: the PAT→JWT exchange, an OAuth 2.0 token endpoint for the client credentials
 * grant (RFC 6749 §4.4) whose client secret is the PAT, sent in one of three ways (those of
 * @access-tokens/express): `client_secret` in a form or JSON body (`client_secret_post`),
 * `Authorization: Basic base64(":" + token)` (`client_secret_basic`), or
 * `Authorization: Bearer <token>`. Errors are RFC 6749 §5.2 bodies (`error`,
 * `error_description`); every answer carries `Cache-Control: no-store`.
 *
 * A token whose id is unknown is tried as the bootstrap secret: on an empty table with a
 * configured `bootstrapPhc`, that stores the first admin token (as @access-tokens/express does).
 * A revoked or expired PAT gets no new access token from the moment its record says so.
 */
import { decodeJwt } from "jose";
import type { Pat, ValidTokenRecord } from "@pat/core";
import { challenge, parseAuthorization, type Credentials } from "./authorization.js";
import { readBody } from "./body.js";
import type { EdgeRequest, EdgeResponse } from "./edge.js";
import { oauthErrorFor } from "./failures.js";
import type { JwtSignerVerifier } from "./jwt/signer-verifier.js";
import { NO_STORE, json, oauthError } from "./responses.js";
import { fieldErrors, tokenRequestSchema } from "./schemas.js";
import type { HttpLogger } from "./types.js";

/** What the token endpoint needs, validated by the router. */
export interface TokenEndpointConfig {
  readonly pat: Pat;
  readonly signerVerifier: JwtSignerVerifier;
  readonly realm: string;
  readonly logger: HttpLogger | undefined;
  readonly bootstrapOwner: string;
  readonly bodyLimit: number;
}

type Presented =
  | { readonly ok: true; readonly token: string; readonly method: "post" | "basic" | "bearer" }
  | { readonly ok: false; readonly response: EdgeResponse };

/** The one client authentication method of the request (RFC 6749 §2.3: never more than one). */
function presentedToken(
  credentials: Credentials,
  clientSecret: string | undefined,
  realm: string,
): Presented {
  if (credentials.kind === "malformed") {
    return {
      ok: false,
      response:
        credentials.scheme === "basic"
          ? oauthError(401, "invalid_client", credentials.why, {
              "www-authenticate": challenge("Basic", realm),
            })
          : oauthError(400, "invalid_request", `Invalid Authorization header: ${credentials.why}`),
    };
  }
  const fromHeader =
    credentials.kind === "basic"
      ? { token: credentials.password, method: "basic" as const }
      : credentials.kind === "bearer"
        ? { token: credentials.token, method: "bearer" as const }
        : undefined;
  const fromBody =
    clientSecret !== undefined && clientSecret !== ""
      ? { token: clientSecret, method: "post" as const }
      : undefined;
  if (fromHeader && fromBody) {
    return {
      ok: false,
      response: oauthError(
        400,
        "invalid_request",
        "Use one client authentication method, not several",
      ),
    };
  }
  const chosen = fromBody ?? fromHeader;
  if (!chosen) {
    return {
      ok: false,
      response: oauthError(
        400,
        "invalid_request",
        "Missing credentials: provide client_secret, Basic auth, or Bearer token",
      ),
    };
  }
  return { ok: true, ...chosen };
}

function invalidClient(method: "post" | "basic" | "bearer", realm: string): EdgeResponse {
  const headers: Record<string, string> =
    method === "basic"
      ? { "www-authenticate": challenge("Basic", realm) }
      : method === "bearer"
        ? { "www-authenticate": challenge("Bearer", realm, "invalid_token") }
        : {};
  return oauthError(401, "invalid_client", "Invalid Authorization token", headers);
}

/** The record of a PAT that verifies, or of the first admin token it bootstraps; else undefined. */
async function recordOf(
  config: TokenEndpointConfig,
  token: string,
): Promise<{ record: ValidTokenRecord; bootstrapped: boolean } | undefined> {
  const verified = await config.pat.verify(token);
  if (verified.valid) return { record: verified.record, bootstrapped: false };
  // Only an unknown id can be the bootstrap token; any other refusal means the id exists.
  if (verified.reason === "not_found") {
    const booted = await config.pat.bootstrap(token, { owner: config.bootstrapOwner });
    if (booted.valid) return { record: booted.record, bootstrapped: true };
  }
  config.logger?.info(
    { reason: verified.reason, tokenId: verified.record?.tokenId },
    "Refused a token exchange",
  );
  return undefined;
}

/** Answers a `POST /token` request (logging to the request's own logger if it has one). Never throws. */
export async function handleTokenRequest(
  req: EdgeRequest,
  configured: TokenEndpointConfig,
): Promise<EdgeResponse> {
  const config = req.logger === undefined ? configured : { ...configured, logger: req.logger };
  try {
    const credentials = parseAuthorization(req.header("authorization"));
    const body = await readBody(req, ["form", "json"], config.bodyLimit);
    if (!body.ok) {
      return oauthError(body.failure.status, "invalid_request", body.failure.message);
    }
    const parsed = tokenRequestSchema.safeParse(body.value ?? {});
    if (!parsed.success) {
      const first = fieldErrors(parsed.error)[0];
      const where = first ? `: ${first.field}: ${first.message}` : "";
      return oauthError(400, "invalid_request", `Invalid request body${where}`);
    }
    const { grant_type: grantType, client_secret: clientSecret, state } = parsed.data;
    if (grantType !== undefined && grantType !== "client_credentials") {
      return oauthError(400, "unsupported_grant_type", "Unsupported grant_type");
    }
    const presented = presentedToken(credentials, clientSecret, config.realm);
    if (!presented.ok) return presented.response;

    const found = await recordOf(config, presented.token);
    if (!found) return invalidClient(presented.method, config.realm);
    const { record, bootstrapped } = found;

    const accessToken = await config.signerVerifier.sign({
      sub: record.tokenId,
      owner: record.owner,
      admin: record.isAdmin,
      roles: [...(record.roles ?? [])],
    });
    const { exp, iat } = decodeJwt(accessToken);
    const expiresIn = typeof exp === "number" && typeof iat === "number" ? exp - iat : undefined;
    config.logger?.info(
      { tokenId: record.tokenId, owner: record.owner, bootstrapped },
      bootstrapped ? "Bootstrapped the first admin token" : "Issued an access token",
    );
    return json(
      200,
      {
        access_token: accessToken,
        token_type: "Bearer",
        ...(expiresIn === undefined ? {} : { expires_in: expiresIn }),
        ...(state === undefined ? {} : { state }),
      },
      NO_STORE,
    );
  } catch (error) {
    return oauthErrorFor(error, config.logger);
  }
}
