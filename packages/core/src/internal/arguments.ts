/**
 * The arguments of the façade's methods, checked and normalised before any hashing or storage
 * call: a failure throws `InvalidInputError` (`INVALID_INPUT`) naming the parameter and the bound,
 * and nothing is written. Each function returns what the store is asked for.
 */
import { InvalidInputError, type TokenChanges, type TokenRecord } from "@pat/store";
import type {
  BatchLoadOptions,
  IssueParams,
  RegisterParams,
  RevokeOptions,
  UpdateParams,
} from "./types.js";
import {
  checkBoolean,
  checkObject,
  checkOwner,
  checkPhc,
  checkRoles,
  checkRolesChange,
  checkTime,
  checkTokenId,
  isNoOpRolesChange,
} from "./validate.js";

/** The fields of a new record, checked; `createdAt` and the hash come from the caller. */
export type NewRecordFields = Pick<TokenRecord, "owner" | "isAdmin" | "roles" | "expiresAt">;

/** Checks the common fields of `issue` and `register`, in the order each method checked them. */
function newRecordFields(params: IssueParams | RegisterParams): NewRecordFields {
  checkOwner(params.owner);
  checkBoolean(params.isAdmin, "isAdmin");
  const roles = params.roles === undefined ? [] : checkRoles(params.roles);
  if (params.expiresAt !== undefined) checkTime(params.expiresAt, "expiresAt");
  return {
    owner: params.owner,
    isAdmin: params.isAdmin ?? false,
    // A token without roles has no `roles`, as the store reads it back.
    ...(roles.length === 0 ? {} : { roles }),
    ...(params.expiresAt === undefined ? {} : { expiresAt: params.expiresAt }),
  };
}

/** The arguments of `issue`. */
export function checkIssueParams(params: IssueParams): NewRecordFields & { tokenId?: string } {
  checkObject(params, "issue params");
  const fields = newRecordFields(params);
  if (params.tokenId !== undefined) checkTokenId(params.tokenId);
  return params.tokenId === undefined ? fields : { ...fields, tokenId: params.tokenId };
}

/**
 * The arguments of `register`; the PHC string must be usable by this instance's verify (within
 * `maxmem`, undefined: @pat/crypto's default budget).
 */
export function checkRegisterParams(
  params: RegisterParams,
  maxmem: number | undefined,
): NewRecordFields & Pick<TokenRecord, "tokenId" | "secretPhc"> {
  checkObject(params, "register params");
  checkTokenId(params.tokenId);
  checkPhc(params.secretPhc, maxmem);
  return { tokenId: params.tokenId, secretPhc: params.secretPhc, ...newRecordFields(params) };
}

/**
 * The changes of `update` (empty when nothing would change: `{}`, `{ roles: { add: [] } }`).
 * A `secretPhc` must be usable by this instance's verify (within `maxmem`).
 */
export function checkUpdateParams(updates: UpdateParams, maxmem: number | undefined): TokenChanges {
  checkObject(updates, "updates");
  const changes: { -readonly [K in keyof TokenChanges]: TokenChanges[K] } = {};
  if (updates.owner !== undefined) {
    checkOwner(updates.owner);
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
    const roles = checkRolesChange(updates.roles);
    if (!isNoOpRolesChange(roles)) changes.roles = roles;
  }
  return changes;
}

/** The cleanup time of `revoke`, if any. */
export function checkRevokeOptions(options: RevokeOptions): { cleanupAt?: number } {
  checkObject(options, "revoke options");
  if (options.expiresAt === undefined) return {};
  checkTime(options.expiresAt, "expiresAt");
  return { cleanupAt: options.expiresAt };
}

/** The arguments of `batchLoad`: an iterable (not a string) of well-formed token ids. */
export function checkBatchLoadParams(
  tokenIds: Iterable<string>,
  options: BatchLoadOptions,
): { ids: string[]; includeSecretPhc: boolean } {
  if (
    typeof tokenIds !== "object" ||
    tokenIds === null ||
    typeof (tokenIds as Partial<Iterable<string>>)[Symbol.iterator] !== "function"
  ) {
    throw new InvalidInputError("tokenIds must be an iterable of token ids (an array or a Set)");
  }
  checkObject(options, "batchLoad options");
  checkBoolean(options.includeSecretPhc, "includeSecretPhc");
  const ids = [...tokenIds];
  ids.forEach((id, i) => checkTokenId(id, `tokenIds[${i}]`));
  return { ids, includeSecretPhc: options.includeSecretPhc === true };
}
