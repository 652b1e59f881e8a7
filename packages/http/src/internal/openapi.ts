/**
 * The OpenAPI 3.1 document of the auth and admin API. Request bodies are generated from the
 * same zod schemas that validate them (so the document cannot drift from the checks); answers
 * are described here, and the behaviour suite validates every actual answer against them.
 */
import * as z from "zod";
import { MAX_OWNER_LENGTH, MAX_ROLE_LENGTH, MAX_ROLES } from "@pat/core";
import {
  batchSchema,
  issueSchema,
  registerSchema,
  revokeSchema,
  tokenRequestSchema,
  updateSchema,
  MAX_LIST_LIMIT,
} from "./schemas.js";

/** Where the document says the two routers are mounted. */
export interface OpenApiMounts {
  readonly authPath: string;
  readonly adminPath: string;
}

type Json = Record<string, unknown>;

function inputSchema(schema: z.ZodType): Json {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, {
    target: "draft-2020-12",
    io: "input",
  }) as Json;
  return rest;
}

const ref = (name: string): Json => ({ $ref: `#/components/schemas/${name}` });
const problemContent = { "application/problem+json": { schema: ref("Problem") } };
const oauthContent = { "application/json": { schema: ref("OAuthError") } };
const jsonContent = (schema: Json): Json => ({ "application/json": { schema } });

function problems(...statuses: number[]): Record<string, Json> {
  const out: Record<string, Json> = {};
  for (const status of statuses) out[String(status)] = { $ref: `#/components/responses/P${status}` };
  return out;
}

const tokenIdParam = {
  name: "tokenId",
  in: "path",
  required: true,
  schema: { type: "string", pattern: "^[A-Za-z0-9]{21}$" },
};
const flagParam = (name: string, description: string): Json => ({
  name,
  in: "query",
  required: false,
  description,
  schema: { type: "string", enum: ["true", "false", "1", "0"] },
});

const schemas: Record<string, Json> = {
  TokenRecord: {
    type: "object",
    required: ["tokenId", "owner", "isAdmin", "roles", "createdAt"],
    additionalProperties: false,
    properties: {
      tokenId: { type: "string", pattern: "^[A-Za-z0-9]{21}$" },
      owner: { type: "string", minLength: 1, maxLength: MAX_OWNER_LENGTH },
      isAdmin: { type: "boolean" },
      roles: {
        type: "array",
        maxItems: MAX_ROLES,
        items: { type: "string", minLength: 1, maxLength: MAX_ROLE_LENGTH },
      },
      createdAt: { type: "integer", minimum: 0 },
      lastUsedAt: { type: "integer", minimum: 0 },
      expiresAt: { type: "integer", minimum: 0 },
      revokedAt: { type: "integer", minimum: 0 },
      secretPhc: { type: "string", description: "Only with includeSecretPhc, when allowed." },
    },
  },
  Problem: {
    type: "object",
    description: "RFC 9457 problem details, with the error member of @access-tokens/express.",
    required: ["type", "title", "status", "detail", "code", "error"],
    properties: {
      type: { type: "string" },
      title: { type: "string" },
      status: { type: "integer" },
      detail: { type: "string" },
      code: { type: "string" },
      errors: {
        type: "array",
        items: {
          type: "object",
          required: ["field", "message"],
          properties: { field: { type: "string" }, message: { type: "string" } },
        },
      },
      error: {
        type: "object",
        required: ["message"],
        properties: {
          message: { type: "string" },
          code: { type: "string" },
          details: { type: "string" },
        },
      },
    },
  },
  OAuthError: {
    type: "object",
    description: "RFC 6749 section 5.2 error response.",
    required: ["error", "error_description"],
    additionalProperties: false,
    properties: {
      error: {
        type: "string",
        enum: [
          "invalid_request",
          "invalid_client",
          "unsupported_grant_type",
          "temporarily_unavailable",
          "server_error",
        ],
      },
      error_description: { type: "string" },
    },
  },
  AccessToken: {
    type: "object",
    required: ["access_token", "token_type", "expires_in"],
    additionalProperties: false,
    properties: {
      access_token: { type: "string" },
      token_type: { const: "Bearer" },
      expires_in: { type: "integer", minimum: 1 },
      state: { type: "string" },
    },
  },
  Jwks: {
    type: "object",
    required: ["keys"],
    properties: {
      keys: {
        type: "array",
        items: {
          type: "object",
          required: ["kty", "kid", "alg"],
          not: { anyOf: ["d", "p", "q", "dp", "dq", "qi", "k"].map((m) => ({ required: [m] })) },
        },
      },
    },
  },
  TokenRequest: inputSchema(tokenRequestSchema),
  IssueRequest: inputSchema(issueSchema),
  RegisterRequest: inputSchema(registerSchema),
  UpdateRequest: inputSchema(updateSchema),
  RevokeRequest: inputSchema(revokeSchema),
  BatchRequest: inputSchema(batchSchema),
};

const responses: Record<string, Json> = {
  P400: { description: "Invalid request (body, query or Authorization header).", content: problemContent },
  P401: {
    description: "No usable credentials, or a token that does not verify.",
    headers: { "WWW-Authenticate": { schema: { type: "string" } } },
    content: problemContent,
  },
  P403: { description: "Not an admin, or includeSecretPhc not allowed.", content: problemContent },
  P404: { description: "No token with this id.", content: problemContent },
  P409: { description: "A token with this id exists already.", content: problemContent },
  P413: { description: "Request body too large.", content: problemContent },
  P415: { description: "Request body not application/json.", content: problemContent },
  P500: { description: "Unexpected failure (no details are given).", content: problemContent },
  P503: { description: "Token storage unavailable: the request was refused (fail closed).", content: problemContent },
};

const ADMIN_ERRORS = [400, 401, 403, 500, 503] as const;
const BODY_ERRORS = [413, 415] as const;
const records = { type: "object", required: ["records"], additionalProperties: false, properties: { records: { type: "array", items: ref("TokenRecord") } } };

/** The OpenAPI 3.1 document, with paths under the given mount points. */
export function createOpenApiDocument(mounts: OpenApiMounts): Json {
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
        bearer: { type: "http", scheme: "bearer", description: "An admin PAT, or an admin JWT from the token endpoint." },
        clientSecretBasic: { type: "http", scheme: "basic", description: "Basic base64(':' + PAT)." },
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
            "400": { description: "invalid_request or unsupported_grant_type.", content: oauthContent },
            "401": { description: "invalid_client.", content: oauthContent },
            "413": { description: "Request body too large.", content: oauthContent },
            "415": { description: "Unsupported request body type.", content: oauthContent },
            "500": { description: "server_error.", content: oauthContent },
            "503": { description: "temporarily_unavailable: token storage unavailable.", content: oauthContent },
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
          responses: { "200": { description: "The OpenAPI document.", content: jsonContent({ type: "object" }) } },
        },
      },
      [`${admin}/tokens`]: {
        get: {
          summary: "List tokens (without revoked and expired ones unless asked).",
          security,
          parameters: [
            { name: "afterTokenId", in: "query", required: false, schema: { type: "string" } },
            { name: "limit", in: "query", required: false, description: `1 to ${MAX_LIST_LIMIT} (larger values are capped); default 100.`, schema: { type: "string", pattern: "^[1-9][0-9]*$" } },
            flagParam("includeRevoked", "Include revoked tokens."),
            flagParam("includeExpired", "Include expired tokens."),
            flagParam("includeSecretPhc", "Include PHC strings (only when the server allows it)."),
            { name: "hasRole", in: "query", required: false, schema: { type: "string" } },
            { name: "owner", in: "query", required: false, description: "Only this owner's tokens (owner index).", schema: { type: "string" } },
          ],
          responses: { "200": { description: "Records.", content: jsonContent(records) }, ...problems(...ADMIN_ERRORS) },
        },
        post: {
          summary: "Issue a token (the token is in this answer only).",
          security,
          requestBody: { required: true, content: jsonContent(ref("IssueRequest")) },
          responses: {
            "201": {
              description: "Issued.",
              content: jsonContent({ type: "object", required: ["token", "record"], additionalProperties: false, properties: { token: { type: "string" }, record: ref("TokenRecord") } }),
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
              content: jsonContent({ type: "object", required: ["found", "notFound"], additionalProperties: false, properties: { found: { type: "array", items: ref("TokenRecord") }, notFound: { type: "array", items: { type: "string" } } } }),
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
          parameters: [flagParam("includeSecretPhc", "Include the PHC string (only when the server allows it).")],
          responses: {
            "200": { description: "The record.", content: jsonContent({ type: "object", required: ["record"], additionalProperties: false, properties: { record: ref("TokenRecord") } }) },
            ...problems(...ADMIN_ERRORS, 404),
          },
        },
        put: {
          summary: "Register a token whose hash was made elsewhere.",
          security,
          requestBody: { required: true, content: jsonContent(ref("RegisterRequest")) },
          responses: {
            "200": { description: "The stored record (without its hash).", content: jsonContent({ type: "object", required: ["record"], additionalProperties: false, properties: { record: ref("TokenRecord") } }) },
            ...problems(...ADMIN_ERRORS, 409, ...BODY_ERRORS),
          },
        },
        patch: {
          summary: "Update a token.",
          security,
          requestBody: { required: true, content: jsonContent(ref("UpdateRequest")) },
          responses: { "204": { description: "Updated." }, ...problems(...ADMIN_ERRORS, 404, ...BODY_ERRORS) },
        },
      },
      [`${admin}/tokens/{tokenId}/revoke`]: {
        parameters: [tokenIdParam],
        put: {
          summary: "Revoke a token (idempotent).",
          security,
          requestBody: { required: false, content: jsonContent(ref("RevokeRequest")) },
          responses: { "204": { description: "Revoked." }, ...problems(...ADMIN_ERRORS, 404, ...BODY_ERRORS) },
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
