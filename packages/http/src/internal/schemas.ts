/**
 * Schemas (zod 4) of every request body and query of the auth and admin API, with the bounds of
 * a token record (owner 1–100 characters, at most 50 roles of 1–100 characters, PHC strings of
 * at most 200 characters), and the translation of a schema failure into field errors that name
 * the field (`roles[1]`, `owner`). Bodies of the admin API are strict: an unknown key is an
 * error, as in @access-tokens/express.
 */
import * as z from "zod";
import { MAX_OWNER_LENGTH, MAX_ROLE_LENGTH, MAX_ROLES, MAX_SECRET_PHC_LENGTH } from "@pat/core";
import type { FieldError } from "./responses.js";

/** Most ids a batch request may ask for. */
export const MAX_BATCH_IDS = 1000;
/** Records a listing answers when no `limit` is given, and the most it answers. */
export const DEFAULT_LIST_LIMIT = 100;
export const MAX_LIST_LIMIT = 1000;

const owner = z.string().min(1).max(MAX_OWNER_LENGTH);
const roles = z.array(z.string().min(1).max(MAX_ROLE_LENGTH)).max(MAX_ROLES);
const unixSeconds = z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER);
const secretPhc = z.string().min(1).max(MAX_SECRET_PHC_LENGTH);

/** `POST /token`: OAuth 2.0 client credentials (RFC 6749 §4.4); unknown parameters are ignored. */
export const tokenRequestSchema = z.object({
  grant_type: z.string().max(100).optional(),
  client_id: z.string().max(1000).optional(),
  client_secret: z.string().max(1000).optional(),
  state: z.string().max(1000).optional(),
  scope: z.string().max(1000).optional(),
});

/** `POST /tokens`: issue. */
export const issueSchema = z.strictObject({
  tokenId: z.string().optional(),
  owner,
  isAdmin: z.boolean().optional(),
  roles: roles.optional(),
  expiresAt: unixSeconds.optional(),
});

/** `PUT /tokens/:tokenId`: register a hash made elsewhere. */
export const registerSchema = z.strictObject({
  secretPhc,
  owner,
  isAdmin: z.boolean().optional(),
  roles: roles.optional(),
  expiresAt: unixSeconds.optional(),
});

/** `PATCH /tokens/:tokenId`: update; roles replace (array) or change atomically. */
export const updateSchema = z.strictObject({
  secretPhc: secretPhc.optional(),
  owner: owner.optional(),
  isAdmin: z.boolean().optional(),
  roles: z
    .union([roles, z.strictObject({ add: roles }), z.strictObject({ remove: roles })])
    .optional(),
  expiresAt: unixSeconds.nullable().optional(),
});

/** `PUT /tokens/:tokenId/revoke`: optional cleanup time. */
export const revokeSchema = z.strictObject({ expiresAt: unixSeconds.optional() });

/** `POST /tokens/batch`. */
export const batchSchema = z.strictObject({
  tokenIds: z.array(z.string()).max(MAX_BATCH_IDS),
  includeSecretPhc: z.boolean().optional(),
});

const flag = z
  .enum(["true", "false", "1", "0"], { message: "must be true, false, 1 or 0" })
  .transform((v) => v === "true" || v === "1")
  .optional();

/** Query of `GET /tokens` (strings; a repeated parameter arrives as an array and is refused). */
export const listQuerySchema = z.object({
  afterTokenId: z.string().optional(),
  limit: z
    .string()
    .regex(/^[1-9]\d{0,8}$/, "Limit must be a positive integer")
    .transform((v) => Math.min(Number(v), MAX_LIST_LIMIT))
    .optional(),
  includeRevoked: flag,
  includeExpired: flag,
  includeSecretPhc: flag,
  hasRole: z.string().min(1).max(MAX_ROLE_LENGTH).optional(),
  owner: owner.optional(),
});

/** Query of `GET /tokens/:tokenId`. */
export const getQuerySchema = z.object({ includeSecretPhc: flag });

/** A query string as an object: one string per parameter, an array for a repeated one. */
export function queryObject(search: string): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [key, value] of new URLSearchParams(search)) {
    if (key === "__proto__") continue; // never a parameter of ours
    const seen = out[key];
    out[key] = seen === undefined ? value : Array.isArray(seen) ? [...seen, value] : [seen, value];
  }
  return out;
}

function fieldName(path: readonly PropertyKey[]): string {
  let name = "";
  for (const part of path) {
    name += typeof part === "number" ? `[${part}]` : `${name === "" ? "" : "."}${String(part)}`;
  }
  return name === "" ? "(body)" : name;
}

/** The field errors of a schema failure, each naming its field. */
export function fieldErrors(error: z.ZodError): FieldError[] {
  const out: FieldError[] = [];
  for (const issue of error.issues) {
    if (issue.code === "unrecognized_keys") {
      for (const key of issue.keys) {
        out.push({
          field: fieldName([...issue.path, key.slice(0, 100)]),
          message: "Unrecognized key",
        });
      }
    } else {
      out.push({ field: fieldName(issue.path), message: issue.message });
    }
  }
  return out;
}
