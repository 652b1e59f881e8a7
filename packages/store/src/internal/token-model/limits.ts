/**
 * The bounds of a token record, one definition each, in the item layout of @access-tokens/core
 * (whose record schema accepts the same): owner 1–100 characters, at most 50 roles of 1–100
 * characters, a `secretPhc` of at most 200 characters, and a token id of 21 base62 characters.
 * The token id grammar belongs to the token format, so it is @pat/crypto's (`generateTokenId`
 * draws from it, `parseToken` reads it); the store re-exports it and checks record keys with it.
 */
export { BASE62, TOKEN_ID_LENGTH, TOKEN_ID_PATTERN } from "@pat/crypto";

/** Longest `owner`, in characters. */
export const MAX_OWNER_LENGTH = 100;
/** Most roles a record holds. */
export const MAX_ROLES = 50;
/** Longest role, in characters. */
export const MAX_ROLE_LENGTH = 100;
/** Longest `secretPhc`, in characters. */
export const MAX_SECRET_PHC_LENGTH = 200;
/**
 * Records a listing asks for at a time when the caller gives no page size and the storage does
 * not size its own pages (the memory store; DynamoDB pages by up to 1 MB instead).
 */
export const DEFAULT_PAGE_SIZE = 100;
/**
 * Most token ids one batch read takes (`batchLoad`, the store's `batchGet`). An iterable of ids
 * is read lazily and refused (`INVALID_INPUT`) at the first id beyond this bound, so an endless
 * or huge source costs at most this many reads of it. 10 000 ids are 100 BatchGetItem requests.
 */
export const MAX_BATCH_IDS = 10_000;
