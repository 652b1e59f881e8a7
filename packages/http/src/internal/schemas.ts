/**
 * Schemas (zod 4) of every request body, query and path parameter of the auth and admin API,
 * with the bounds of a token record (token ids of 21 characters of `[A-Za-z0-9]`, owner 1–100
 * characters, at most 50 roles of 1–100 characters, scrypt PHC strings of at most 200
 * characters), and the translation of a schema failure into field errors that name the field
 * (`roles[1]`, `tokenIds[0]`, `owner`). Bodies of the admin API are strict: an unknown key is an
 * error, as in @access-tokens/express. Everything `Pat` would refuse for its shape is refused
 * here first, so the answer can name the field.
 */
import * as z from "zod";
import {
  MAX_GRACE_SECONDS,
  MAX_OWNER_LENGTH,
  MAX_ROLE_LENGTH,
  MAX_ROLES,
  MAX_SECRET_PHC_LENGTH,
  TOKEN_ID_PATTERN,
} from "@pat/core";
import { labelFields, labelUpdateFields, stateQueryFields } from "./label-schemas.js";
import type { FieldError } from "./responses.js";

/** Most ids a batch request may ask for. */
export const MAX_BATCH_IDS = 1000;
/** Records a listing answers when no `limit` is given, and the most it answers. */
export const DEFAULT_LIST_LIMIT = 100;
export const MAX_LIST_LIMIT = 1000;

const owner = z.string().min(1).max(MAX_OWNER_LENGTH);
const roles = z.array(z.string().min(1).max(MAX_ROLE_LENGTH)).max(MAX_ROLES);
const unixSeconds = z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER);
/** A token id: what `Pat` accepts and generates. */
export const tokenIdSchema = z
  .string()
  .regex(TOKEN_ID_PATTERN, "Expected a token id: 21 characters of A-Z, a-z, 0-9");

/**
 * The scrypt PHC string grammar `Pat` stores (`$scrypt$ln=<1-24>,r=<1-32>,p=<1-16>$<salt>$<hash>`,
 * salt and hash in unpadded standard base64). Bounds that depend on the `Pat` instance (its
 * `maxmem`, salt and hash lengths) are checked by `Pat`; its refusal then names this field too.
 */
const PHC_SHAPE =
  /^\$scrypt\$ln=([1-9]\d?),r=([1-9]\d?),p=([1-9]\d?)\$[A-Za-z0-9+/]+\$[A-Za-z0-9+/]+$/;
const PHC_MESSAGE =
  "Expected a scrypt PHC string: the scrypt id, ln from 1 to 24, r from 1 to 32, p from 1 to 16, a base64 salt and hash";

function isScryptPhc(value: string): boolean {
  const match = PHC_SHAPE.exec(value);
  if (!match) return false;
  const [ln, r, p] = [Number(match[1]), Number(match[2]), Number(match[3])];
  return ln <= 24 && r <= 32 && p <= 16;
}

const secretPhc = z
  .string()
  .max(MAX_SECRET_PHC_LENGTH)
  .refine(isScryptPhc, { message: PHC_MESSAGE, abort: true });

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
  tokenId: tokenIdSchema.optional(),
  owner,
  isAdmin: z.boolean().optional(),
  roles: roles.optional(),
  expiresAt: unixSeconds.optional(),
  ...labelFields,
});

/** `PUT /tokens/:tokenId`: register a hash made elsewhere. */
export const registerSchema = z.strictObject({
  secretPhc,
  owner,
  isAdmin: z.boolean().optional(),
  roles: roles.optional(),
  expiresAt: unixSeconds.optional(),
  ...labelFields,
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
  ...labelUpdateFields,
});

/** `PUT /tokens/:tokenId/revoke`: optional cleanup time. */
export const revokeSchema = z.strictObject({ expiresAt: unixSeconds.optional() });

/** `POST /tokens/:tokenId/rotate`: the grace period of the old secret (see `Pat.rotate`). */
export const rotateSchema = z.strictObject({
  graceSeconds: z.number().int().nonnegative().max(MAX_GRACE_SECONDS).optional(),
  untilFirstUse: z.boolean().optional(),
});

/** `POST /tokens/batch`. */
export const batchSchema = z.strictObject({
  tokenIds: z.array(tokenIdSchema).max(MAX_BATCH_IDS),
  includeSecretPhc: z.boolean().optional(),
});

const flag = z
  .enum(["true", "false", "1", "0"], { message: "must be true, false, 1 or 0" })
  .transform((v) => v === "true" || v === "1")
  .optional();

/** The path parameter `:tokenId`, named `tokenId` in errors. */
export const pathSchema = z.object({ tokenId: tokenIdSchema });

/**
 * Query of `GET /tokens`: strings. A repeated parameter (`limit=1&limit=2`) or one in bracket
 * form (`limit[]=1`, `limit[a]=1`, which Express's extended query parser reads as an array or an
 * object) arrives here as a list and is refused, as @access-tokens/express refuses them.
 * `limit` is decimal digits (leading zeros allowed: `010` is 10, as the reference reads it),
 * above 0, capped at {@link MAX_LIST_LIMIT}.
 */
export const listQuerySchema = z.object({
  afterTokenId: z.string().optional(),
  limit: z
    .string()
    .regex(/^\d{1,100}$/, "Limit must be a positive integer")
    .transform((v) => Math.min(Number(v), MAX_LIST_LIMIT))
    .refine((v) => v > 0, "Limit must be a positive integer")
    .optional(),
  includeRevoked: flag,
  includeExpired: flag,
  includeSecretPhc: flag,
  hasRole: z.string().min(1).max(MAX_ROLE_LENGTH).optional(),
  owner: owner.optional(),
  ...stateQueryFields,
});

/** Query of `GET /tokens/:tokenId`. */
export const getQuerySchema = z.object({ includeSecretPhc: flag });

/**
 * A query string as an object with no prototype (so `?constructor=` or `?toString=` are plain
 * parameters, never `Object.prototype`'s members): one string per parameter, a list for a
 * repeated one or one in bracket form (`name[]=`, `name[key]=` count as `name`).
 */
export function queryObject(search: string): Record<string, string | string[]> {
  const out = Object.create(null) as Record<string, string | string[]>;
  for (const [key, value] of new URLSearchParams(search)) {
    const bracket = key.indexOf("[");
    const name = bracket > 0 ? key.slice(0, bracket) : key;
    const seen = Object.hasOwn(out, name) ? out[name] : undefined;
    out[name] =
      seen !== undefined
        ? [...(Array.isArray(seen) ? seen : [seen]), value]
        : bracket > 0
          ? [value]
          : value;
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
