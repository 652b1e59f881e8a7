/**
 * The TokenStore port: everything @pat/core asks of storage, and nothing about secrets or scrypt.
 *
 * The record layout is the item layout of @access-tokens/core (tokenId, secretPhc, owner, isAdmin,
 * roles as a String Set, createdAt, lastUsedAt, revokedAt, expiresAt; times in Unix seconds), so
 * tables can be shared. Labels (`name`, `description`, `metadata`) are extra attributes that
 * @access-tokens/core ignores. Every adapter gives the same guarantees; the conformance suite in
 * `@pat/store/testing` checks them.
 */

import type { LabelChanges, TokenLabels } from "./internal/token-model/labels.js";

/**
 * A stored token, shaped exactly as @access-tokens/core reads the same item: an attribute the item
 * lacks is absent from the record. So `roles` is absent (never `[]`) for a token without roles,
 * and `expiresAt` is `null` when the expiry was cleared (`update` with `expiresAt: null` stores
 * NULL, as @access-tokens/core does), absent when it was never set.
 */
export interface TokenRecord extends TokenLabels {
  /** 21 base62 characters; the partition key. */
  readonly tokenId: string;
  /** scrypt hash of the secret, a PHC string of at most 200 characters. */
  readonly secretPhc: string;
  /** 1–100 characters. */
  readonly owner: string;
  readonly isAdmin: boolean;
  /** 1–50 roles of 1–100 characters, no duplicates; absent when the token has none. */
  readonly roles?: readonly string[];
  /** Unix seconds. */
  readonly createdAt: number;
  /** Unix seconds of the last successful verify, if any. */
  readonly lastUsedAt?: number;
  /** Unix seconds of the revoke, present while revoked. */
  readonly revokedAt?: number;
  /**
   * Unix seconds; at or after it the token is expired (and DynamoDB TTL may delete it). `null`
   * or absent: no expiry (`null` once an expiry was cleared).
   */
  readonly expiresAt?: number | null;
  /**
   * Rotation, successor side: the id of the token this one replaced (see {@link TokenStore.rotate}).
   */
  readonly rotatedFrom?: string;
  /**
   * Rotation, successor side: `true` while this token has not been verified yet and its first use
   * is to retire its predecessor (`untilFirstUse`); absent otherwise.
   */
  readonly awaitingFirstUse?: boolean;
  /** Rotation, predecessor side: the id of the token that replaced this one. */
  readonly rotatedTo?: string;
  /**
   * Rotation, predecessor side: Unix seconds at and after which this token's secret no longer
   * verifies (the end of its grace period); absent while it waits for its successor's first use.
   */
  readonly graceEndsAt?: number;
}

/**
 * The change of roles in {@link TokenChanges}: an array replaces the set (`[]` clears it);
 * `{ add }` / `{ remove }` are atomic set operations (idempotent, an empty list is a no-op).
 */
export type RolesChange =
  readonly string[] | { readonly add: readonly string[] } | { readonly remove: readonly string[] };

/** Fields that {@link TokenStore.update} changes; an absent field is left as it is. */
export interface TokenChanges extends LabelChanges {
  readonly owner?: string;
  readonly isAdmin?: boolean;
  readonly secretPhc?: string;
  readonly roles?: RolesChange;
  /** A number sets the expiry; `null` removes it. */
  readonly expiresAt?: number | null;
}

/** Conditions under which {@link TokenStore.update} writes; it writes nothing otherwise. */
export interface UpdateConditions {
  /**
   * Write only if the stored `secretPhc` still equals this value (used by transparent rehash:
   * a concurrent change of the hash wins). When it differs, update resolves `null`.
   */
  readonly expectedSecretPhc?: string;
}

/**
 * Outcome of {@link TokenStore.touch}: `touched` (written), `revoked`, `not_found`, or `changed`
 * (an `expected` record was given and the stored record no longer agrees with it on a field a
 * verify answer depends on; nothing was written).
 */
export type TouchOutcome = "touched" | "revoked" | "not_found" | "changed";

/** Options of {@link TokenStore.scan} and {@link TokenStore.queryByOwner}. */
export interface ScanOptions {
  /** Resume strictly after this token id (in the adapter's stable order). */
  readonly afterTokenId?: string;
  /** Only records whose roles contain this role. */
  readonly hasRole?: string;
  /**
   * Only records in this state at `now` (see `tokenStatus`: `revoked` while revoked, else
   * `expired` once `expiresAt` <= `now`, else `active`). `active` and `expired` need `now`.
   */
  readonly state?: "active" | "revoked" | "expired";
  /** Only records with a numeric `expiresAt` strictly before this time (Unix seconds). */
  readonly expiringBefore?: number;
  /** The time `state` is judged at (Unix seconds); the caller's clock, not the store's. */
  readonly now?: number;
  /**
   * Page size asked of storage; a hint, not a limit on what the iterator yields. Absent: the
   * storage's own page size (DynamoDB: pages of up to 1 MB, the fewest requests).
   */
  readonly pageSize?: number;
}

/** What {@link TokenStore.rotate} writes; the successor copies everything else of the token. */
export interface RotateRequest {
  /** Id of the new token (21 base62 characters, not taken). */
  readonly successorId: string;
  /** PHC string of the new secret. */
  readonly secretPhc: string;
  /** Unix seconds: the successor's `createdAt`. The token must be live at this time. */
  readonly rotatedAt: number;
  /**
   * Unix seconds, at least `rotatedAt`: when the old secret stops verifying. Absent only with
   * `untilFirstUse` (the old secret then works until the successor's first verify).
   */
  readonly graceEndsAt?: number;
  /** Retire the old token at the successor's first verify ({@link TokenStore.confirmRotation}). */
  readonly untilFirstUse: boolean;
}

/** Result of {@link TokenStore.rotate}: both records as written. */
export interface RotatedRecords {
  readonly predecessor: TokenRecord;
  readonly successor: TokenRecord;
}

/** Result of {@link TokenStore.batchGet}. */
export interface BatchGetResult {
  /** Records found, in the order of the requested ids (each id at most once). */
  readonly found: TokenRecord[];
  /** Requested ids with no (valid) record, in request order, each at most once. */
  readonly notFound: string[];
}

/**
 * Storage of token records. All times are Unix seconds. Ids given to the store are already
 * validated by the caller; records given to `create` are validated by the store again.
 *
 * Errors: {@link TokenExistsError} (`TOKEN_EXISTS`), {@link TokenNotFoundError} (`TOKEN_NOT_FOUND`),
 * {@link InvalidRecordError} (`INVALID_RECORD`, an item read back is invalid or a record given is
 * invalid), {@link StorageError} (`STORAGE_ERROR`, the backend failed; a summary of the
 * backend's error, without request values, as `cause`).
 */
export interface TokenStore {
  /**
   * Stores a new record if no record with its id exists. Atomic: of N concurrent creates of one
   * id exactly one resolves, the others throw `TOKEN_EXISTS`.
   */
  create(record: TokenRecord): Promise<void>;

  /**
   * Reads one record, strongly consistent unless the adapter was configured otherwise.
   * Resolves `null` when absent; throws `INVALID_RECORD` when the stored item is invalid.
   */
  get(tokenId: string): Promise<TokenRecord | null>;

  /**
   * Applies all `changes` in one atomic conditional write and resolves the record as written.
   * Role add/remove are set operations (concurrent adds and removes all take effect). Throws
   * `TOKEN_NOT_FOUND` when absent; never creates a record. Resolves `null` (writing nothing)
   * when `conditions.expectedSecretPhc` does not match. Empty `changes` still check existence.
   */
  update(
    tokenId: string,
    changes: TokenChanges,
    conditions?: UpdateConditions,
  ): Promise<TokenRecord | null>;

  /**
   * Marks the record revoked at `revokedAt`, atomically and idempotently: an already revoked
   * record keeps its first `revokedAt`. With `cleanupAt`, the expiry becomes the earlier of the
   * current expiry and `cleanupAt` (revoking never makes a token live longer), and the expiry the
   * token had before is remembered so that {@link restore} gives it back. Throws `TOKEN_NOT_FOUND`.
   */
  revoke(tokenId: string, options: { revokedAt: number; cleanupAt?: number }): Promise<void>;

  /**
   * Clears `revokedAt` and gives back the expiry the token had before it was revoked (none, if it
   * had none). Atomic and idempotent; a record that is not revoked is left as it is.
   * Throws `TOKEN_NOT_FOUND`.
   */
  restore(tokenId: string): Promise<void>;

  /**
   * Sets `lastUsedAt` in one conditional write that succeeds only if the record exists and is
   * not revoked: it never recreates a deleted record. With `expected` (the record a verify read),
   * the write also requires that the stored record still agrees with it on every field a verify
   * answer depends on (`secretPhc`, `owner`, `isAdmin`, `roles` as a set, `expiresAt`,
   * `revokedAt`; not `lastUsedAt` or `createdAt`), and resolves `changed`, writing nothing, when
   * it does not: a change committed between the read and this write is never confirmed as the
   * stale answer. Resolves which case applied (`not_found` before `revoked` before `changed`).
   */
  touch(tokenId: string, lastUsedAt: number, expected?: TokenRecord): Promise<TouchOutcome>;

  /**
   * Every valid record in the adapter's stable order (memory: ascending token id; DynamoDB: scan
   * order), so `afterTokenId` resumes right after the last record seen. Pages lazily through
   * storage (a page is fetched when the consumer asks for more). Invalid items are skipped.
   */
  scan(options?: ScanOptions): AsyncIterable<TokenRecord>;

  /** Like {@link scan}, for the records of one owner (DynamoDB: the owner index). */
  queryByOwner(owner: string, options?: ScanOptions): AsyncIterable<TokenRecord>;

  /**
   * Reads many records. Duplicate ids are read once. Never throws for missing ids; an invalid
   * stored item counts as not found. Throws `INVALID_INPUT` (reading nothing) for more than
   * `MAX_BATCH_IDS` (10 000) ids or a malformed id.
   */
  batchGet(tokenIds: readonly string[]): Promise<BatchGetResult>;

  /** Number of records, approximate for DynamoDB (DescribeTable's ItemCount, ~6 h refresh). */
  approximateCount(): Promise<number>;

  /** Whether the store holds no token, decided by a consistent read (never the approximate count). */
  isEmpty(): Promise<boolean>;

  /**
   * Stores `record` as the first token of the store: atomically, only when the store holds no
   * token and no bootstrap has happened before. Of N concurrent calls (even with different token
   * ids) at most one resolves `true`; the others resolve `false` and write nothing.
   */
  createFirst(record: TokenRecord): Promise<boolean>;

  /**
   * Replaces token `tokenId` by a successor in one atomic step: creates the successor (same
   * owner, isAdmin, roles and expiry as the token at that moment; `rotatedFrom` = `tokenId`;
   * `awaitingFirstUse` when `untilFirstUse`) and marks the token `rotatedTo` the successor, with
   * `graceEndsAt` when given, lowering its expiry to `graceEndsAt` when that is earlier (so readers
   * that know nothing of rotation stop accepting it too). Of N concurrent rotations of one token
   * exactly one resolves; the others throw `TOKEN_ROTATED`. A retried request never creates a
   * second successor. Throws `TOKEN_NOT_FOUND`; `TOKEN_REVOKED` (revoked), `TOKEN_EXPIRED`
   * (expiry at or before `rotatedAt`, or grace over), `TOKEN_ROTATED` (rotated before),
   * `ROTATION_PENDING` (the token is a successor still awaiting its first use);
   * `TOKEN_EXISTS` (successor id taken); `INVALID_INPUT` for a bad request. Writes nothing when
   * it throws.
   */
  rotate(tokenId: string, request: RotateRequest): Promise<RotatedRecords>;

  /**
   * Completes an `untilFirstUse` rotation at the successor's first successful verify: sets the
   * predecessor's `graceEndsAt` to `at` (unless it ends earlier already) and lowers its expiry to
   * `at`, but only while the predecessor is still `rotatedTo` this successor; then removes the
   * successor's `awaitingFirstUse`. Idempotent, in this order, so a failure in between is
   * completed by the next call; missing records are no error.
   */
  confirmRotation(successorId: string, predecessorId: string, at: number): Promise<void>;
}
