/**
 * Bootstrap: storing the first admin token of an empty store, for a token whose secret matches
 * the configured `bootstrapPhc`. The stored PHC covers only the secret, so whoever holds the
 * bootstrap secret may present it under any token id; "first" is made atomic by the store's
 * `createFirst` (of concurrent bootstraps, also under different ids, exactly one is valid).
 * Emptiness is read consistently (`isEmpty`), never from an approximate count, and is checked
 * before any hashing, so a bootstrap attempt against a store in use costs no scrypt.
 */
import { parseToken, type VerifySecretOptions } from "@pat/crypto";
import { toValidRecord, type TokenStore } from "@pat/store";
import { checkStoredSecret } from "./stored-hash.js";
import { refuse, type VerifyResult } from "./types.js";

/** What a bootstrap needs of its `Pat`. */
export interface BootstrapContext {
  readonly store: TokenStore;
  readonly tokenPrefix: string;
  /** undefined: bootstrapping is off, every attempt answers `not_found`. */
  readonly bootstrapPhc: string | undefined;
  readonly verifyOptions: VerifySecretOptions;
  /** Current time in Unix seconds. */
  now(): number;
}

/**
 * Stores `token` as the first admin token of `owner` (already checked), or says why not: the
 * token format reasons, `not_found` (no `bootstrapPhc`, a store that holds a token, or a
 * concurrent bootstrap that won), `invalid_secret` and the PHC reasons of the bootstrap hash.
 */
export async function bootstrapFirstAdmin(
  context: BootstrapContext,
  token: string,
  owner: string,
): Promise<VerifyResult> {
  const parsed = parseToken(context.tokenPrefix, token);
  if ("reason" in parsed) return refuse(parsed.reason);
  const { bootstrapPhc, store } = context;
  if (bootstrapPhc === undefined) return refuse("not_found");
  if (!(await store.isEmpty())) return refuse("not_found");
  const checked = await checkStoredSecret(parsed.secret, bootstrapPhc, context.verifyOptions);
  if (!checked.ok) return refuse(checked.reason);
  const record = {
    tokenId: parsed.tokenId,
    secretPhc: bootstrapPhc,
    owner,
    isAdmin: true,
    createdAt: context.now(),
  };
  if (!(await store.createFirst(record))) return refuse("not_found");
  return { valid: true, record: toValidRecord(record) };
}
