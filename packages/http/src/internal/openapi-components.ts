/**
 * The reusable parts of the OpenAPI 3.1 document: component schemas (request bodies generated
 * from the zod schemas that validate them, answers written out) and the shared responses and
 * parameters.
 */
import * as z from "zod";
import {
  MAX_DESCRIPTION_LENGTH,
  MAX_METADATA_ENTRIES,
  MAX_METADATA_VALUE_LENGTH,
  MAX_NAME_LENGTH,
  MAX_OWNER_LENGTH,
  MAX_ROLE_LENGTH,
  MAX_ROLES,
  METADATA_KEY_PATTERN,
} from "@pat/core";
import {
  batchSchema,
  issueSchema,
  registerSchema,
  revokeSchema,
  rotateSchema,
  tokenRequestSchema,
  updateSchema,
} from "./schemas.js";

/** A JSON object of the document. */
export type Json = Record<string, unknown>;

function inputSchema(schema: z.ZodType): Json {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, {
    target: "draft-2020-12",
    io: "input",
  }) as Json;
  return rest;
}

export const ref = (name: string): Json => ({ $ref: `#/components/schemas/${name}` });
export const problemContent = { "application/problem+json": { schema: ref("Problem") } };
export const oauthContent = { "application/json": { schema: ref("OAuthError") } };
export const jsonContent = (schema: Json): Json => ({ "application/json": { schema } });

export function problems(...statuses: number[]): Record<string, Json> {
  const out: Record<string, Json> = {};
  for (const status of statuses)
    out[String(status)] = { $ref: `#/components/responses/P${status}` };
  return out;
}

export const tokenIdParam = {
  name: "tokenId",
  in: "path",
  required: true,
  schema: { type: "string", pattern: "^[A-Za-z0-9]{21}$" },
};
export const flagParam = (name: string, description: string): Json => ({
  name,
  in: "query",
  required: false,
  description,
  schema: { type: "string", enum: ["true", "false", "1", "0"] },
});

export const schemas: Record<string, Json> = {
  TokenRecord: {
    type: "object",
    // As @access-tokens/core answers records: roles absent when none, a cleared expiry null.
    required: ["tokenId", "owner", "isAdmin", "createdAt"],
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
      expiresAt: { type: ["integer", "null"], minimum: 0 },
      revokedAt: { type: "integer", minimum: 0 },
      name: { type: "string", minLength: 1, maxLength: MAX_NAME_LENGTH },
      description: { type: "string", minLength: 1, maxLength: MAX_DESCRIPTION_LENGTH },
      metadata: {
        type: "object",
        description: "Labels for people; never secrets.",
        maxProperties: MAX_METADATA_ENTRIES,
        propertyNames: { pattern: METADATA_KEY_PATTERN.source },
        additionalProperties: { type: "string", maxLength: MAX_METADATA_VALUE_LENGTH },
      },
      secretPhc: { type: "string", description: "Only with includeSecretPhc, when allowed." },
      rotatedFrom: {
        type: "string",
        pattern: "^[A-Za-z0-9]{21}$",
        description: "The token this one replaced by rotation.",
      },
      awaitingFirstUse: {
        type: "boolean",
        description: "Rotated with untilFirstUse: its first verify retires rotatedFrom.",
      },
      rotatedTo: {
        type: "string",
        pattern: "^[A-Za-z0-9]{21}$",
        description: "The token that replaced this one by rotation.",
      },
      graceEndsAt: {
        type: "integer",
        minimum: 0,
        description: "Rotated: from this time on the secret verifies as revoked.",
      },
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
  RotateRequest: inputSchema(rotateSchema),
};

export const responses: Record<string, Json> = {
  P400: {
    description: "Invalid request (body, query or Authorization header).",
    content: problemContent,
  },
  P401: {
    description: "No usable credentials, or a token that does not verify.",
    headers: { "WWW-Authenticate": { schema: { type: "string" } } },
    content: problemContent,
  },
  P403: { description: "Not an admin, or includeSecretPhc not allowed.", content: problemContent },
  P404: { description: "No token with this id.", content: problemContent },
  P409: {
    description:
      "A token with this id exists already (TOKEN_EXISTS), or the token's state refuses a rotation (TOKEN_REVOKED, TOKEN_EXPIRED, TOKEN_ROTATED, ROTATION_PENDING).",
    content: problemContent,
  },
  P413: { description: "Request body too large.", content: problemContent },
  P415: { description: "Request body not application/json.", content: problemContent },
  P500: { description: "Unexpected failure (no details are given).", content: problemContent },
  P503: {
    description: "Token storage unavailable: the request was refused (fail closed).",
    content: problemContent,
  },
};
