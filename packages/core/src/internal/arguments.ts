/**
 * The arguments of the façade's methods, checked and normalised before any hashing or storage
 * call: a failure throws `InvalidInputError` (`INVALID_INPUT`) naming the parameter and the bound,
 * and nothing is written. Each function returns what the store is asked for. The fields of a
 * record are checked by @pat/store's token model (one checker per bound, the ones the store
 * applies itself); this module adds only what is the façade's own: option bags, counts, and PHC
 * strings that verify must be able to use.
 */
import {
  InvalidInputError,
  checkBoolean,
  checkOwner,
  checkPrintable,
  checkPrintableRoles,
  checkRoles,
  checkRolesChange,
  checkTime,
  checkTokenId,
  describeValue,
  checkTokenIdList,
  type TokenChanges,
  type TokenRecord,
} from "@pat/store";
import type {
  BatchLoadOptions,
  IssueParams,
  RegisterParams,
  RevokeOptions,
  UpdateParams,
} from "./types.js";
import {
  BATCH_LOAD_KEYS,
  ISSUE_KEYS,
  REGISTER_KEYS,
  REVOKE_KEYS,
  ROLES_UPDATE_KEYS,
  UPDATE_KEYS,
  ownKnownKeys,
} from "./known-keys.js";
import { checkNewLabels, checkUpdateLabels } from "./labels.js";
import { checkPhc } from "./secret-phc.js";

/** Throws unless `value` is an options object (not null, not an array). */
export function checkObject(value: unknown, name: string): asserts value is object {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    const got = value === null ? "null" : Array.isArray(value) ? "an array" : typeof value;
    throw new InvalidInputError(`${name} must be an object (got ${got})`);
  }
}

/**
 * Throws unless `value` is a safe integer of at least `min`: a count such as `limit` (`min` 0,
 * "a non-negative integer") or a page size (`min` 1, "a positive integer").
 */
export function checkCount(value: unknown, name: string, min: 0 | 1): asserts value is number {
  if (typeof value !== "number" || !Number.isSafeInteger(value) || value < min) {
    const what = min === 0 ? "a non-negative integer" : "a positive integer";
    throw new InvalidInputError(`${name} must be ${what} (got ${describeValue(value)})`);
  }
}

/**
 * Throws unless `owner` is an owner that may be written: 1–100 characters, none of them a control
 * or bidi formatting character (the store's rule; listing by an owner that breaks it is allowed).
 */
export function checkNewOwner(owner: unknown): asserts owner is string {
  checkOwner(owner);
  checkPrintable(owner, "owner");
}

/** The fields of a new record, checked; `createdAt` and the hash come from the caller. */
export type NewRecordFields = Pick<
  TokenRecord,
  "owner" | "isAdmin" | "roles" | "expiresAt" | "name" | "description" | "metadata"
>;

/** Checks the common fields of `issue` and `register`: owner, isAdmin, roles, expiresAt. */
function newRecordFields(params: IssueParams | RegisterParams): NewRecordFields {
  checkNewOwner(params.owner);
  checkBoolean(params.isAdmin, "isAdmin");
  const roles = params.roles === undefined ? [] : checkRoles(params.roles);
  checkPrintableRoles(roles);
  if (params.expiresAt !== undefined) checkTime(params.expiresAt, "expiresAt");
  return {
    owner: params.owner,
    isAdmin: params.isAdmin ?? false,
    // A token without roles has no `roles`, as the store reads it back.
    ...(roles.length === 0 ? {} : { roles }),
    ...(params.expiresAt === undefined ? {} : { expiresAt: params.expiresAt }),
    ...checkNewLabels(params),
  };
}

/** The arguments of `issue`. */
export function checkIssueParams(input: IssueParams): NewRecordFields & { tokenId?: string } {
  const params = ownKnownKeys(input, ISSUE_KEYS, "issue params", "input");
  const fields = newRecordFields(params);
  if (params.tokenId !== undefined) checkTokenId(params.tokenId);
  return params.tokenId === undefined ? fields : { ...fields, tokenId: params.tokenId };
}

/**
 * The arguments of `register`; the PHC string must be usable by this instance's verify (within
 * `maxmem`, undefined: @pat/crypto's default budget).
 */
export function checkRegisterParams(
  input: RegisterParams,
  maxmem: number | undefined,
): NewRecordFields & Pick<TokenRecord, "tokenId" | "secretPhc"> {
  const params = ownKnownKeys(input, REGISTER_KEYS, "register params", "input");
  checkTokenId(params.tokenId);
  checkPhc(params.secretPhc, maxmem);
  return { tokenId: params.tokenId, secretPhc: params.secretPhc, ...newRecordFields(params) };
}

/**
 * The changes of `update` (empty when nothing would change: `{}`, `{ roles: { add: [] } }`).
 * A `secretPhc` must be usable by this instance's verify (within `maxmem`).
 */
export function checkUpdateParams(input: UpdateParams, maxmem: number | undefined): TokenChanges {
  const updates = ownKnownKeys(input, UPDATE_KEYS, "updates", "input");
  const changes: { -readonly [K in keyof TokenChanges]: TokenChanges[K] } = {};
  if (updates.owner !== undefined) {
    checkNewOwner(updates.owner);
    changes.owner = updates.owner;
  }
  if (updates.isAdmin !== undefined) {
    checkBoolean(updates.isAdmin, "isAdmin");
    changes.isAdmin = updates.isAdmin;
  }
  if (updates.secretPhc !== undefined) {
    checkPhc(updates.secretPhc, maxmem);
    changes.secretPhc = updates.secretPhc;
  }
  if (updates.expiresAt !== undefined) {
    if (updates.expiresAt !== null) checkTime(updates.expiresAt, "expiresAt");
    changes.expiresAt = updates.expiresAt;
  }
  if (updates.roles !== undefined) {
    const change = updates.roles;
    const roles = checkRolesChange(
      typeof change === "object" && change !== null && !Array.isArray(change)
        ? ownKnownKeys(change, ROLES_UPDATE_KEYS, "roles", "input")
        : change,
    );
    checkPrintableRoles(roles);
    if (roles !== undefined) changes.roles = roles;
  }
  return Object.assign(changes, checkUpdateLabels(updates));
}

/** The cleanup time of `revoke`, if any. */
export function checkRevokeOptions(input: RevokeOptions): { cleanupAt?: number } {
  const options = ownKnownKeys(input, REVOKE_KEYS, "revoke options", "input");
  if (options.expiresAt === undefined) return {};
  checkTime(options.expiresAt, "expiresAt");
  return { cleanupAt: options.expiresAt };
}

/**
 * The arguments of `batchLoad`: an iterable (not a string) of well-formed token ids, read lazily
 * and checked as it is read, at most `MAX_BATCH_IDS` of them (the store's one rule for id lists).
 */
export function checkBatchLoadParams(
  tokenIds: Iterable<string>,
  input: BatchLoadOptions,
): { ids: string[]; includeSecretPhc: boolean } {
  const options = ownKnownKeys(input, BATCH_LOAD_KEYS, "batchLoad options", "input");
  checkBoolean(options.includeSecretPhc, "includeSecretPhc");
  const ids = checkTokenIdList(tokenIds);
  return { ids, includeSecretPhc: options.includeSecretPhc === true };
}
