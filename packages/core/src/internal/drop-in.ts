/**
 * The public names of @access-tokens/core that @pat/core has under other names or not at all:
 * its constants and its record schema, each with the same meaning, so code importing them
 * compiles and runs unchanged. Where @pat/core's default differs (key length, memory budget) the
 * constant is @pat/core's default, which is what the option it names defaults to here.
 */
import { DEFAULT_MAXMEM, DEFAULT_SCRYPT_PARAMS } from "@pat/crypto";
import { InvalidRecordError, MAX_ROLES, validateRecord, type TokenRecord } from "@pat/store";

/** Default `keyLength`: bytes of the derived scrypt key in new hashes (64 here; 32 there). */
export const DEFAULT_KEY_LENGTH: number = DEFAULT_SCRYPT_PARAMS.keyLength;
/** Default `saltLength`: bytes of salt in new hashes (16). */
export const DEFAULT_SALT_LENGTH: number = DEFAULT_SCRYPT_PARAMS.saltLength;
/** The PHC id of the only hash algorithm used and accepted: `"scrypt"`. */
export const SCRYPT_ALGORITHM_ID = "scrypt";
/** Default `scryptOptions.cost`, N (16384, i.e. ln=14). */
export const DEFAULT_SCRYPT_COST: number = DEFAULT_SCRYPT_PARAMS.cost;
/** Default `scryptOptions.blockSize`, r (8). */
export const DEFAULT_SCRYPT_BLOCK_SIZE: number = DEFAULT_SCRYPT_PARAMS.blockSize;
/** Default `scryptOptions.parallelization`, p (1). */
export const DEFAULT_SCRYPT_PARALLELIZATION: number = DEFAULT_SCRYPT_PARAMS.parallelization;
/** Default `scryptOptions.maxmem`: the memory budget of one scrypt, in bytes (64 MiB here; 32 there). */
export const DEFAULT_SCRYPT_MAXMEM: number = DEFAULT_MAXMEM;
/** Most roles a token holds (50); `MAX_ROLES` under @access-tokens/core's name. */
export const MAX_ROLES_COUNT: number = MAX_ROLES;

/** Result of {@link tokenRecordSchema}'s `safeParse`, shaped like zod's. */
export type TokenRecordParseResult =
  | { readonly success: true; readonly data: TokenRecord; readonly error?: undefined }
  | { readonly success: false; readonly data?: undefined; readonly error: InvalidRecordError };

/** The record schema: `parse` and `safeParse` of a stored item. */
export interface TokenRecordSchema {
  /** The item as a {@link TokenRecord}; throws `InvalidRecordError` (`INVALID_RECORD`). */
  parse(item: unknown): TokenRecord;
  /** The item as a {@link TokenRecord}, or the `InvalidRecordError` that says why not. */
  safeParse(item: unknown): TokenRecordParseResult;
}

/**
 * The record schema under @access-tokens/core's name, for code that parses items itself:
 * `parse(item)` and `safeParse(item)` as with its zod schema, applying `validateRecord` (same
 * rules; roles from a String Set come back as an array, absent `isAdmin` as `false`). It is not a
 * zod schema: there is no `.extend()` and no `z.infer` (use the `TokenRecord` type).
 *
 * @example
 * ```ts
 * const parsed = tokenRecordSchema.safeParse(item);
 * if (parsed.success) console.log(parsed.data.owner);
 * ```
 */
export const tokenRecordSchema: TokenRecordSchema = Object.freeze({
  parse(item: unknown): TokenRecord {
    return validateRecord(item);
  },
  safeParse(item: unknown): TokenRecordParseResult {
    try {
      return { success: true, data: validateRecord(item) };
    } catch (error) {
      if (error instanceof InvalidRecordError) return { success: false, error };
      throw error;
    }
  },
});
