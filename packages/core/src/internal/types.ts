/**
 * Public types of the @pat/core façade: the options of `Pat`, the arguments of its methods and
 * the shapes it answers with. Names and shapes follow the README of @access-tokens/core 1.1.0
 * (`VerifyResult`, `PublicTokenRecord`, `RolesUpdate`, ...), so code written against it compiles.
 */
import type { TokenFormat } from "@pat/crypto";
import type { PublicTokenRecord, RolesChange, TokenStore, ValidTokenRecord } from "@pat/store";
import type { HashAlgorithm } from "./stored-hash.js";
import type { ObserveOptions } from "./events.js";

/**
 * scrypt parameters of new hashes (`scryptOptions`), under @access-tokens/core's name. The
 * parameter names are those of @pat/crypto's `ScryptParams`, which maps them to the spellings of
 * RFC 7914 (N, r, p) and of the PHC string (ln, r, p).
 */
export interface CanonicalScryptOptions {
  /**
   * CPU/memory cost N, a power of two >= 2 (default 16384, i.e. ln=14). N·r·p must be at most
   * 2^21 (`SCRYPT_PARAM_BOUNDS.work`), the bound verify enforces on stored hashes.
   */
  readonly cost?: number | undefined;
  /** Block size r (default 8). */
  readonly blockSize?: number | undefined;
  /** Parallelization p (default 1). */
  readonly parallelization?: number | undefined;
  /**
   * Memory budget in bytes for one scrypt, for hashing and verifying (default 64 MiB); it must
   * hold what the configured parameters need (@pat/crypto's `scryptMemory`). `register` and
   * `update` refuse a `secretPhc` that needs more.
   */
  readonly maxmem?: number | undefined;
}

/** Options of the verified-secret memo; `false` turns it off. */
export interface VerifyCacheOptions {
  /** Most entries kept (least recently used ones are dropped first). Default 10 000. */
  readonly maxEntries: number;
}

/** Options of {@link Pat}. Only `store` is required (events and telemetry: {@link ObserveOptions}). */
export interface PatOptions extends ObserveOptions {
  /** Where records live: `MemoryTokenStore`, `DynamoDBTokenStore` or any `TokenStore`. */
  readonly store: TokenStore;
  /** Token prefix, 1–32 characters of `[A-Za-z0-9_-]` (default `pat_`). */
  readonly tokenPrefix?: string | undefined;
  /** Length in bytes of the derived scrypt key stored in the PHC string (default 64). */
  readonly keyLength?: number | undefined;
  /** Salt length in bytes, at least 16 (default 16). */
  readonly saltLength?: number | undefined;
  /** scrypt parameters for new hashes. */
  readonly scryptOptions?: CanonicalScryptOptions | undefined;
  /**
   * Algorithm of new hashes: `"scrypt"` (default; the format @access-tokens/core reads) or
   * `"hmac-sha256"`, @pat/crypto's fast hash (one salted HMAC-SHA-256, for the random 256-bit
   * secrets this library issues; @access-tokens/core cannot verify it). Verify reads the
   * algorithm from each stored string, so a table may hold both; with `rehash: true`, verified
   * hashes move to this algorithm.
   */
  readonly hashAlgorithm?: HashAlgorithm | undefined;
  /** PHC string of the bootstrap secret; enables {@link Pat.bootstrap}. */
  readonly bootstrapPhc?: string | undefined;
  /**
   * Skip the `lastUsedAt` write of a successful verify when the stored value is less than this many
   * seconds old (default 0: every successful verify writes it, as @access-tokens/core does).
   */
  readonly lastUsedResolutionSeconds?: number | undefined;
  /** The verified-secret memo (default on, 10 000 entries); `false` turns it off. */
  readonly verifyCache?: VerifyCacheOptions | false | undefined;
  /**
   * When true, a successful verify of a hash weaker in any parameter than the configured ones,
   * or of another algorithm than `hashAlgorithm` (either direction), replaces the stored hash, in the background after the verify answered: each parameter of the
   * new hash is the larger of the stored and the configured one (never weaker), the write is
   * conditional (a concurrent change wins), failures are ignored, and the new hash is memoised.
   * No rehash when the combined parameters would exceed `maxmem` or the work bound. Default false.
   */
  readonly rehash?: boolean | undefined;
  /**
   * What `issue` and `generate` write: `"default"` (`{prefix}{tokenId}.{secret}`, the format of
   * @access-tokens/core) or `"checksummed"` (`{prefix}` + 70 base62 chars ending in a CRC-32, found
   * by secret scanners, typos refused before any lookup). Verify reads both, whatever this says.
   */
  readonly tokenFormat?: TokenFormat | undefined;
  /**
   * Longest lifetime of a token, in seconds: `issue` and `register` refuse an `expiresAt` more
   * than this after now, or none; `update` refuses a new expiry more than this from now, or
   * `null` (`INVALID_INPUT` naming the policy). Default: no bound.
   */
  readonly maxLifetimeSeconds?: number | undefined;
  /** When true, `issue` and `register` need an `expiresAt` and `update` refuses `expiresAt: null`. */
  readonly requireExpiry?: boolean | undefined;
  /** Current time in **milliseconds** since the epoch, like `Date.now` (the default). For tests. */
  readonly clock?: (() => number) | undefined;
}

/**
 * A record as `issue` and `verify` answer it ({@link ValidTokenRecord}: no `secretPhc`, no
 * `revokedAt`). Alias kept for code written against @access-tokens/core, whose `PatRecord` is
 * the same shape; `register` answers the full `TokenRecord`, as there.
 */
export type PatRecord = ValidTokenRecord;

/** Why `verify` refused a token. */
export type VerifyFailureReason =
  | "invalid_prefix"
  | "invalid_format"
  | "not_found"
  | "invalid_phc"
  | "unsupported_algorithm"
  | "invalid_parameters"
  | "invalid_secret"
  | "revoked"
  | "expired";

/** Every {@link VerifyFailureReason}, in the order `verify` checks them. */
export const VERIFY_FAILURE_REASONS: readonly VerifyFailureReason[] = Object.freeze([
  "invalid_prefix",
  "invalid_format",
  "not_found",
  "invalid_phc",
  "unsupported_algorithm",
  "invalid_parameters",
  "invalid_secret",
  "revoked",
  "expired",
]);

/** A token that verified. */
export interface VerifySuccess {
  readonly valid: true;
  readonly record: ValidTokenRecord;
  /**
   * Never set on success. Declared so that `result.reason` type-checks without narrowing, as it
   * does with @access-tokens/core's `{ valid, record?, reason? }`.
   */
  readonly reason?: undefined;
}

/**
 * A token that did not verify. `record` is present only for `revoked` and `expired`, i.e. only
 * after the secret matched; nothing is revealed before that.
 */
export interface VerifyFailure {
  readonly valid: false;
  readonly reason: VerifyFailureReason;
  readonly record?: ValidTokenRecord;
  /**
   * Never set: the reason is the whole answer (details of a stored hash stay out of a result that
   * is often logged or sent on). Declared so that code reading @access-tokens/core's `cause`
   * compiles.
   */
  readonly cause?: unknown;
}

/** Result of {@link Pat.verify} and {@link Pat.bootstrap}. */
export type VerifyResult = VerifySuccess | VerifyFailure;

/** A refusal without a record: every reason but `revoked` and `expired` is answered so. */
export function refuse(reason: VerifyFailureReason): VerifyFailure {
  return { valid: false, reason };
}

/** Result of {@link Pat.generate}: nothing of it is stored. */
export interface GenerateResult {
  /** The full token, `prefix + tokenId + "." + secret`; show it once. */
  readonly token: string;
  readonly tokenId: string;
  /** PHC string of the secret, to give to {@link Pat.register}. */
  readonly secretPhc: string;
}

/** Arguments of {@link Pat.generate}. */
export interface GenerateParams {
  /** Use this id (21 characters of `[A-Za-z0-9]`) instead of a random one. */
  readonly tokenId?: string | undefined;
}

/** {@link GenerateParams} under @access-tokens/core's name. */
export type GenerateConfig = GenerateParams;

/**
 * The labels of a token, for people: a `name` (1–100 characters), a `description` (1–1000) and
 * `metadata` (at most 20 string entries, keys of `[A-Za-z0-9_.:-]` starting with a letter, values
 * up to 500 characters). Shown by listings and answered by verify: never put a secret in them.
 */
export interface TokenLabelParams {
  readonly name?: string | undefined;
  readonly description?: string | undefined;
  readonly metadata?: Readonly<Record<string, string>> | undefined;
}

/** Arguments of {@link Pat.issue}. */
export interface IssueParams extends TokenLabelParams {
  /** 1–100 characters. */
  readonly owner: string;
  /** Default false. */
  readonly isAdmin?: boolean | undefined;
  /** At most 50 roles of 1–100 characters, each once (a repeated role is `INVALID_INPUT`). */
  readonly roles?: readonly string[] | undefined;
  /** Unix seconds, a non-negative integer. */
  readonly expiresAt?: number | undefined;
  /** Use this id (21 characters of `[A-Za-z0-9]`) instead of a random one. */
  readonly tokenId?: string | undefined;
}

/** {@link IssueParams} under @access-tokens/core's name. */
export type IssueConfig = IssueParams;

/** Result of {@link Pat.issue}. */
export interface IssueResult {
  /** The full token; it is not stored anywhere, show it once. */
  readonly token: string;
  /**
   * The record as stored, without `secretPhc` and `revokedAt` (as @access-tokens/core answers
   * it): the hash is never handed out by `issue`. Use {@link Pat.generate} + {@link Pat.register}
   * when another system needs the hash.
   */
  readonly record: ValidTokenRecord;
}

/** Arguments of {@link Pat.register}. */
export interface RegisterParams extends TokenLabelParams {
  readonly tokenId: string;
  /** A scrypt PHC string, e.g. from {@link Pat.generate}. */
  readonly secretPhc: string;
  readonly owner: string;
  readonly isAdmin?: boolean | undefined;
  readonly roles?: readonly string[] | undefined;
  readonly expiresAt?: number | undefined;
}

/** {@link RegisterParams} under @access-tokens/core's name. */
export type RegisterConfig = RegisterParams;

/** Roles change of {@link Pat.update}: replace (array), or `{ add }` / `{ remove }`. */
export type RolesUpdate = RolesChange;

/** Arguments of {@link Pat.update}; an absent field is left as it is. */
export interface UpdateParams {
  readonly owner?: string | undefined;
  readonly isAdmin?: boolean | undefined;
  readonly roles?: RolesUpdate | undefined;
  readonly secretPhc?: string | undefined;
  /** Unix seconds; `null` removes the expiry. */
  readonly expiresAt?: number | null | undefined;
  /** A new name; `null` removes it. */
  readonly name?: string | null | undefined;
  /** A new description; `null` removes it. */
  readonly description?: string | null | undefined;
  /** New metadata, replacing the whole map; `null` or `{}` removes it. */
  readonly metadata?: Readonly<Record<string, string>> | null | undefined;
}

/** Options of {@link Pat.revoke}. */
export interface RevokeOptions {
  /** Cleanup time (Unix seconds): the expiry becomes the earlier of this and the current one. */
  readonly expiresAt?: number | undefined;
}

/** Options of {@link Pat.list} and {@link Pat.listByOwner}. */
export interface ListOptions {
  /** Resume after this token id (the last id of the previous page). */
  readonly afterTokenId?: string | undefined;
  /** Yield at most this many records. */
  readonly limit?: number | undefined;
  /** Yield `secretPhc` too (default false). */
  readonly includeSecretPhc?: boolean | undefined;
  /** Only records that have this role. */
  readonly hasRole?: string | undefined;
  /**
   * Only tokens in this state at the time of the call (`revoked` while revoked, else `expired`
   * once `expiresAt` <= now, else `active`), as `tokenStatus` and verify judge it.
   */
  readonly state?: "active" | "revoked" | "expired" | undefined;
  /** Only tokens with an expiry strictly before this time (Unix seconds). */
  readonly expiringBefore?: number | undefined;
  /**
   * Records asked of storage per page (DynamoDB `Limit`), a positive integer. Default: `limit`
   * when given without `hasRole`, else none, so DynamoDB sizes its pages (up to 1 MB, the fewest
   * requests). A tuning hint: it changes how many requests a listing takes, never which records
   * it yields.
   */
  readonly batchLimit?: number | undefined;
}

/** Options of {@link Pat.batchLoad}. */
export interface BatchLoadOptions {
  /** Include `secretPhc` in the found records (default false). */
  readonly includeSecretPhc?: boolean | undefined;
}

/** Result of {@link Pat.batchLoad}. */
export interface BatchLoadResult<R = PublicTokenRecord> {
  /** Records found, in request order, each once. */
  readonly found: R[];
  /** Requested ids without a record, in request order, each once. */
  readonly notFound: string[];
}

/** Arguments of {@link Pat.bootstrap}. */
export interface BootstrapParams {
  /** Owner of the first admin token, 1–100 characters. */
  readonly owner: string;
}
