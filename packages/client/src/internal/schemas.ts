/**
 * What the server answers, as zod schemas checked before any answer is used, and what the methods
 * take, as types. The wire is fixed (the JSON of `@pat/http`'s OpenAPI document, which is also
 * what `@access-tokens/express` answers), and so are the exported names, which code written for
 * `@access-tokens/client` imports; the schemas are assembled here from small parts. Members an
 * answer has beyond these are dropped, so a newer server adding fields breaks no older client.
 */
import * as z from "zod";

/** Unix seconds: a whole number, never negative. */
const seconds = z.number().int().nonnegative();

/** An optional time of a record: absent, `null` (a cleared expiry) or Unix seconds. */
const optionalTime = seconds.nullish();

/** A token id: 21 characters of `[A-Za-z0-9]`, as the server generates and accepts them. */
const tokenId = z.string().regex(/^[A-Za-z0-9]{21}$/, "expected a token id");

/** Who a token belongs to and what it grants. */
const holder = z.object({
  tokenId,
  owner: z.string(),
  isAdmin: z.boolean(),
  /** Absent when the token has none. */
  roles: z.array(z.string()).optional(),
});

/** When things happened to a token (and when it ends). */
const lifecycle = z.object({
  createdAt: seconds,
  lastUsedAt: optionalTime,
  expiresAt: optionalTime,
  revokedAt: optionalTime,
});

/** What people call a token and note about it (`@pat` addition); never secrets. */
const labels = z.object({
  name: z.string().optional(),
  description: z.string().optional(),
  metadata: z.record(z.string(), z.string()).optional(),
});

/** Rotation links of a record (`@pat` addition; present only on rotated tokens). */
const rotation = z.object({
  /** The token this one replaced. */
  rotatedFrom: tokenId.optional(),
  /** Rotated with `untilFirstUse`: its first use retires `rotatedFrom`. */
  awaitingFirstUse: z.boolean().optional(),
  /** The token that replaced this one. */
  rotatedTo: tokenId.optional(),
  /** From this time (Unix seconds) on, this token's secret verifies as revoked. */
  graceEndsAt: seconds.optional(),
});

/** A record of the admin API. `secretPhc` only when asked for and the server allows it. */
export const tokenRecordSchema = holder
  .extend(lifecycle.shape)
  .extend(labels.shape)
  .extend(rotation.shape)
  .extend({ secretPhc: z.string().optional() });

/** A record of the admin API; times are Unix seconds. */
export type TokenRecord = z.infer<typeof tokenRecordSchema>;

/** Answers that wrap one record (`{ record }`) or a list of them (`{ records }`). */
const oneRecord = z.object({ record: tokenRecordSchema });
const manyRecords = z.array(tokenRecordSchema);

/** `POST {authPath}/token`: an access token (RFC 6749 section 5.1) and its lifetime in seconds. */
export const authTokenResponseSchema = z.object({
  token_type: z.string(),
  access_token: z.string().min(1),
  expires_in: z.number().nonnegative(),
  state: z.string().optional(),
});

/** Answer of the PAT→JWT exchange. */
export type AuthTokenResponse = z.infer<typeof authTokenResponseSchema>;

/** `GET {adminPath}/tokens`. */
export const listResponseSchema = z.object({ records: manyRecords });

/** Answer of `GET {adminPath}/tokens`. */
export type ListResponse = z.infer<typeof listResponseSchema>;

/** `POST {adminPath}/tokens`: the new token (its only copy) with its record. */
export const issueResultSchema = oneRecord.extend({ token: z.string().min(1) });

/** Answer of {@link AccessTokensClient.issue}: the token (show it once) and its record. */
export type IssueResult = z.infer<typeof issueResultSchema>;

/** `PUT {adminPath}/tokens/:tokenId` (and `GET` of one token): `{ record }`. */
export const registerResultSchema = oneRecord;

/** Answer of `PUT {adminPath}/tokens/:tokenId` (register). */
export type RegisterResult = z.infer<typeof registerResultSchema>;

/** `POST {adminPath}/tokens/batch`: the records found, and the ids of those that were not. */
export const batchLoadResultSchema = z.object({
  found: manyRecords,
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
  /**
   * Only tokens in this state on the server's clock (`@pat/http` only); not together with
   * `includeRevoked` / `includeExpired`.
   */
  state?: "active" | "revoked" | "expired";
  /** Only tokens whose expiry is before this time, Unix seconds (`@pat/http` only). */
  expiringBefore?: number;
};

/**
 * Labels of a token (`@pat/http` only): a `name` (1–100 characters), a `description` (1–1000) and
 * `metadata` (at most 20 string entries). Every listing shows them: never put a secret in them.
 */
export type TokenLabels = {
  name?: string;
  description?: string;
  metadata?: Readonly<Record<string, string>>;
};

/** Options of {@link AccessTokensClient.batchLoad}. */
export type BatchLoadOptions = {
  /** Include `secretPhc` in the found records (default false). */
  includeSecretPhc?: boolean;
};

/** Arguments of {@link AccessTokensClient.issue}. */
export type IssueConfig = TokenLabels & {
  /** Use this id (21 characters of `[A-Za-z0-9]`) instead of a random one. */
  tokenId?: string;
  owner: string;
  isAdmin?: boolean;
  roles?: readonly string[];
  /** Unix seconds. */
  expiresAt?: number;
};

/** Arguments of {@link AccessTokensClient.register}. */
export type RegisterConfig = TokenLabels & {
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
  /** A new name (`@pat/http` only); `null` removes it. */
  name?: string | null;
  /** A new description (`@pat/http` only); `null` removes it. */
  description?: string | null;
  /** New metadata replacing the whole map (`@pat/http` only); `null` removes it. */
  metadata?: Readonly<Record<string, string>> | null;
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
