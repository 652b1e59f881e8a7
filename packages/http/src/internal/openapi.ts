/**
 * The OpenAPI 3.1 document of the auth and admin API. Request bodies are generated from the
 * same zod schemas that validate them (so the document cannot drift from the checks); answers
 * are described here, and the behaviour suite validates every actual answer against them.
 */
import {
  flagParam,
  jsonContent,
  oauthContent,
  problems,
  ref,
  responses,
  schemas,
  tokenIdParam,
} from "./openapi-components.js";
import { MAX_LIST_LIMIT } from "./schemas.js";

/** Where the document says the two routers are mounted. */
export interface OpenApiMounts {
  readonly authPath: string;
  readonly adminPath: string;
}

const ADMIN_ERRORS = [400, 401, 403, 500, 503] as const;
const BODY_ERRORS = [413, 415] as const;
const records = {
  type: "object",
  required: ["records"],
  additionalProperties: false,
  properties: { records: { type: "array", items: ref("TokenRecord") } },
};

/**
 * The OpenAPI 3.1 document of the auth and admin API, with paths under the given mount points
 * (as `GET /openapi.json` of the admin router serves it). A plain JSON object.
 *
 * @example
 * ```ts
 * const document = createOpenApiDocument({ authPath: "/auth", adminPath: "/admin" });
 * ```
 */
export function createOpenApiDocument(mounts: OpenApiMounts): Record<string, unknown> {
  const auth = mounts.authPath;
  const admin = mounts.adminPath;
  const security = [{ bearer: [] }];
  return {
    openapi: "3.1.0",
    info: {
      title: "@pat/http auth and admin API",
      version: "1.0.0",
      description:
        "Exchange a personal access token for a short-lived JWT, and manage tokens (admin). Wire-compatible with @access-tokens/express.",
    },
    components: {
      schemas,
      responses,
      securitySchemes: {
        bearer: {
          type: "http",
          scheme: "bearer",
          description: "An admin PAT, or an admin JWT from the token endpoint.",
        },
        clientSecretBasic: {
          type: "http",
          scheme: "basic",
          description: "Basic base64(':' + PAT).",
        },
      },
    },
    paths: {
      [`${auth}/token`]: {
        post: {
          summary: "Exchange a PAT for an access token (OAuth 2.0 client credentials).",
          security: [{}, { bearer: [] }, { clientSecretBasic: [] }],
          requestBody: {
            required: false,
            content: {
              "application/json": { schema: ref("TokenRequest") },
              "application/x-www-form-urlencoded": { schema: ref("TokenRequest") },
            },
          },
          responses: {
            "200": { description: "The access token.", content: jsonContent(ref("AccessToken")) },
            "400": {
              description: "invalid_request or unsupported_grant_type.",
              content: oauthContent,
            },
            "401": { description: "invalid_client.", content: oauthContent },
            "413": { description: "Request body too large.", content: oauthContent },
            "415": { description: "Unsupported request body type.", content: oauthContent },
            "500": { description: "server_error.", content: oauthContent },
            "503": {
              description: "temporarily_unavailable: token storage unavailable.",
              content: oauthContent,
            },
          },
        },
      },
      [`${auth}/.well-known/jwks.json`]: {
        get: {
          summary: "The public keys that verify access tokens (RFC 7517 JWK Set).",
          security: [],
          responses: { "200": { description: "The JWK Set.", content: jsonContent(ref("Jwks")) } },
        },
      },
      [`${admin}/openapi.json`]: {
        get: {
          summary: "This document.",
          security: [],
          responses: {
            "200": {
              description: "The OpenAPI document.",
              content: jsonContent({ type: "object" }),
            },
          },
        },
      },
      [`${admin}/tokens`]: {
        get: {
          summary: "List tokens (without revoked and expired ones unless asked).",
          security,
          parameters: [
            { name: "afterTokenId", in: "query", required: false, schema: { type: "string" } },
            {
              name: "limit",
              in: "query",
              required: false,
              description: `1 to ${MAX_LIST_LIMIT} (larger values are capped); default 100.`,
              schema: { type: "string", pattern: "^0*[1-9][0-9]*$" },
            },
            flagParam("includeRevoked", "Include revoked tokens."),
            flagParam("includeExpired", "Include expired tokens."),
            flagParam("includeSecretPhc", "Include PHC strings (only when the server allows it)."),
            { name: "hasRole", in: "query", required: false, schema: { type: "string" } },
            {
              name: "state",
              in: "query",
              required: false,
              description:
                "Only tokens in this state now (filtered in storage); not with includeRevoked or includeExpired.",
              schema: { type: "string", enum: ["active", "revoked", "expired"] },
            },
            {
              name: "expiringBefore",
              in: "query",
              required: false,
              description: "Only tokens that expire before this time (Unix seconds).",
              schema: { type: "string", pattern: "^[0-9]{1,15}$" },
            },
            {
              name: "owner",
              in: "query",
              required: false,
              description: "Only this owner's tokens (owner index).",
              schema: { type: "string" },
            },
          ],
          responses: {
            "200": { description: "Records.", content: jsonContent(records) },
            ...problems(...ADMIN_ERRORS),
          },
        },
        post: {
          summary: "Issue a token (the token is in this answer only).",
          security,
          requestBody: { required: true, content: jsonContent(ref("IssueRequest")) },
          responses: {
            "201": {
              description: "Issued.",
              content: jsonContent({
                type: "object",
                required: ["token", "record"],
                additionalProperties: false,
                properties: { token: { type: "string" }, record: ref("TokenRecord") },
              }),
            },
            ...problems(...ADMIN_ERRORS, 409, ...BODY_ERRORS),
          },
        },
      },
      [`${admin}/tokens/batch`]: {
        post: {
          summary: "Load many tokens by id.",
          security,
          requestBody: { required: true, content: jsonContent(ref("BatchRequest")) },
          responses: {
            "200": {
              description: "Found records and the ids not found, in request order.",
              content: jsonContent({
                type: "object",
                required: ["found", "notFound"],
                additionalProperties: false,
                properties: {
                  found: { type: "array", items: ref("TokenRecord") },
                  notFound: { type: "array", items: { type: "string" } },
                },
              }),
            },
            ...problems(...ADMIN_ERRORS, ...BODY_ERRORS),
          },
        },
      },
      [`${admin}/tokens/{tokenId}`]: {
        parameters: [tokenIdParam],
        get: {
          summary: "Read one token.",
          security,
          parameters: [
            flagParam(
              "includeSecretPhc",
              "Include the PHC string (only when the server allows it).",
            ),
          ],
          responses: {
            "200": {
              description: "The record.",
              content: jsonContent({
                type: "object",
                required: ["record"],
                additionalProperties: false,
                properties: { record: ref("TokenRecord") },
              }),
            },
            ...problems(...ADMIN_ERRORS, 404),
          },
        },
        put: {
          summary: "Register a token whose hash was made elsewhere.",
          security,
          requestBody: { required: true, content: jsonContent(ref("RegisterRequest")) },
          responses: {
            "200": {
              description: "The stored record (without its hash).",
              content: jsonContent({
                type: "object",
                required: ["record"],
                additionalProperties: false,
                properties: { record: ref("TokenRecord") },
              }),
            },
            ...problems(...ADMIN_ERRORS, 409, ...BODY_ERRORS),
          },
        },
        patch: {
          summary: "Update a token.",
          security,
          requestBody: { required: true, content: jsonContent(ref("UpdateRequest")) },
          responses: {
            "204": { description: "Updated." },
            ...problems(...ADMIN_ERRORS, 404, ...BODY_ERRORS),
          },
        },
      },
      [`${admin}/tokens/{tokenId}/revoke`]: {
        parameters: [tokenIdParam],
        put: {
          summary: "Revoke a token (idempotent).",
          security,
          requestBody: { required: false, content: jsonContent(ref("RevokeRequest")) },
          responses: {
            "204": { description: "Revoked." },
            ...problems(...ADMIN_ERRORS, 404, ...BODY_ERRORS),
          },
        },
      },
      [`${admin}/tokens/{tokenId}/rotate`]: {
        parameters: [tokenIdParam],
        post: {
          summary:
            "Rotate a token: a new token (in this answer only) for the same owner, roles, admin flag and expiry; the old secret works for graceSeconds (default 0) or until the new token's first use.",
          security,
          requestBody: { required: false, content: jsonContent(ref("RotateRequest")) },
          responses: {
            "201": {
              description: "Rotated: the new token and its record (rotatedFrom names the old id).",
              content: jsonContent({
                type: "object",
                required: ["token", "record"],
                additionalProperties: false,
                properties: { token: { type: "string" }, record: ref("TokenRecord") },
              }),
            },
            ...problems(...ADMIN_ERRORS, 404, 409, ...BODY_ERRORS),
          },
        },
      },
      [`${admin}/tokens/{tokenId}/restore`]: {
        parameters: [tokenIdParam],
        put: {
          summary: "Restore a revoked token (idempotent).",
          security,
          responses: { "204": { description: "Restored." }, ...problems(...ADMIN_ERRORS, 404) },
        },
      },
    },
  };
}
