/**
 * Wire shapes of the auth and admin API, as zod schemas (answers, checked before use) and as
 * types (request options). The names and shapes are those `@access-tokens/client` exports, so code
 * importing them keeps compiling; unknown members of an answer are dropped, so a newer server
 * that adds fields does not break an older client.
 */
import * as z from "zod";

/** Answer of `POST {authPath}/token` (RFC 6749 section 5.1). */
export const authTokenResponseSchema = z.object({
  access_token: z.string().min(1),
  token_type: z.string(),
  /** Lifetime of the access token in seconds. */
  expires_in: z.number().nonnegative(),
  state: z.string().optional(),
});

/** Answer of the PAT→JWT exchange. */
export type AuthTokenResponse = z.infer<typeof authTokenResponseSchema>;

const unixSeconds = z.number().int().nonnegative();

/** A token record as the admin API answers it (no secret; `secretPhc` only when asked for). */
export const tokenRecordSchema = z.object({
  tokenId: z
    .string()
    .length(21)
    .regex(/^[A-Za-z0-9]+$/),
  secretPhc: z.string().optional(),
  owner: z.string(),
  isAdmin: z.boolean(),
  roles: z.array(z.string()).optional(),
  createdAt: unixSeconds,
  lastUsedAt: unixSeconds.nullish(),
  expiresAt: unixSeconds.nullish(),
  revokedAt: unixSeconds.nullish(),
});

/** A token record as the admin API answers it; times are Unix seconds. */
export type TokenRecord = z.infer<typeof tokenRecordSchema>;

/** Answer of `GET {adminPath}/tokens`. */
export const listResponseSchema = z.object({ records: z.array(tokenRecordSchema) });

/** Answer of `GET {adminPath}/tokens`. */
export type ListResponse = z.infer<typeof listResponseSchema>;

/** Answer of `POST {adminPath}/tokens`. */
export const issueResultSchema = z.object({ token: z.string().min(1), record: tokenRecordSchema });

/** Answer of {@link AccessTokensClient.issue}: the token (show it once) and its record. */
export type IssueResult = z.infer<typeof issueResultSchema>;

/** Answer of `PUT {adminPath}/tokens/:tokenId` (register). */
export const registerResultSchema = z.object({ record: tokenRecordSchema });

/** Answer of `PUT {adminPath}/tokens/:tokenId` (register). */
export type RegisterResult = z.infer<typeof registerResultSchema>;

/** Answer of `POST {adminPath}/tokens/batch`. */
export const batchLoadResultSchema = z.object({
  found: z.array(tokenRecordSchema),
  notFound: z.array(z.string()),
});

/** Answer of {@link AccessTokensClient.batchLoad}. */
export type BatchLoadResult = z.infer<typeof batchLoadResultSchema>;

/** Options of {@link AccessTokensClient.list}. */
export type ListOptions = {
  /** Start after this token id (the last id of the previous page). */
  afterTokenId?: string;
  /** Records asked for, a positive integer; the server caps it (default 100). */
  limit?: number;
  /** Include revoked tokens (default false). */
  includeRevoked?: boolean;
  /** Include expired tokens (default false). */
  includeExpired?: boolean;
  /** Include `secretPhc` (default false; the server may refuse it). */
  includeSecretPhc?: boolean;
  /** Only tokens that have this role. */
  hasRole?: string;
};

/** Options of {@link AccessTokensClient.batchLoad}. */
export type BatchLoadOptions = {
  /** Include `secretPhc` in the found records (default false). */
  includeSecretPhc?: boolean;
};

/** Arguments of {@link AccessTokensClient.issue}. */
export type IssueConfig = {
  /** Use this id (21 characters of `[A-Za-z0-9]`) instead of a random one. */
  tokenId?: string;
  owner: string;
  isAdmin?: boolean;
  roles?: readonly string[];
  /** Unix seconds. */
  expiresAt?: number;
};

/** Arguments of {@link AccessTokensClient.register}. */
export type RegisterConfig = {
  tokenId: string;
  /** A scrypt PHC string, e.g. made by `pat generate`. */
  secretPhc: string;
  owner: string;
  isAdmin?: boolean;
  roles?: readonly string[];
  /** Unix seconds. */
  expiresAt?: number;
};

/** Roles change: replace (array; `[]` clears), or add / remove atomically (not both). */
export type RolesUpdate =
  | readonly string[]
  | { add: readonly string[]; remove?: never }
  | { add?: never; remove: readonly string[] };

/** Arguments of {@link AccessTokensClient.update}; an absent field is left as it is. */
export type UpdateConfig = {
  secretPhc?: string;
  owner?: string;
  isAdmin?: boolean;
  roles?: RolesUpdate;
  /** Unix seconds; `null` removes the expiry. */
  expiresAt?: number | null;
};

/** Options of {@link AccessTokensClient.revoke}. */
export type RevokeOptions = {
  /** Cleanup time (Unix seconds) of the revoked token. */
  expiresAt?: number;
};

/** Options of {@link AccessTokensClient.get} (`@pat` addition). */
export type GetOptions = {
  /** Include `secretPhc` (default false; the server may refuse it). */
  includeSecretPhc?: boolean;
};

/** Options of {@link AccessTokensClient.listByOwner} (`@pat` addition): those of `list`. */
export type ListByOwnerOptions = ListOptions;

/** Options of {@link AccessTokensClient.listAll} (`@pat` addition). */
export type ListAllOptions = Omit<ListOptions, "afterTokenId" | "limit"> & {
  /** Only the tokens of this owner (through the owner listing). */
  owner?: string;
  /** Records asked for per request, 1–1000; default 100. */
  pageSize?: number;
};
