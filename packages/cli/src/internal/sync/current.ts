/**
 * What a sync plans against: every stored token of a target, by id, with its hash when the file
 * gives hashes to compare. An admin API may refuse to give hashes (403: @pat/http serves them
 * only with `allowSecretPhc`); then a hash changed in the file could not be seen, and a sync
 * that reports "nothing to change" would be lying. So a sync whose file gives the hash of a
 * token that exists on such a server is refused before anything changes, unless the user says
 * hashes are not to be compared (`--no-compare-hashes`).
 */
import type { ListedRecord, TokenBackend } from "../backend/backend.js";
import { usageError } from "../exit-codes.js";
import type { TokenDefinition } from "./sync-file.js";

/** Reads every record of `backend` into a map by token id. */
async function readAll(
  backend: TokenBackend,
  includeSecretPhc: boolean,
): Promise<Map<string, ListedRecord>> {
  const current = new Map<string, ListedRecord>();
  for await (const record of backend.list({ includeSecretPhc })) {
    current.set(record.tokenId, record);
  }
  return current;
}

/** Whether `error` is an admin API's 403 (matched by name: the client may be another copy). */
function isForbidden(error: unknown): boolean {
  const refused = error as { name?: unknown; status?: unknown } | null;
  return refused?.name === "HttpError" && refused.status === 403;
}

/** The stored tokens of a target, and whether their hashes were read. */
export interface CurrentTokens {
  readonly current: Map<string, ListedRecord>;
  /** Tokens of the file that exist and whose hash in the file is not compared. */
  readonly uncompared: number;
  /** Why hashes were not compared, when `uncompared` > 0. */
  readonly warning?: string;
}

/** Tokens of the file that give a hash and exist in `current`. */
function withStoredHash(
  tokens: readonly TokenDefinition[],
  current: ReadonlyMap<string, ListedRecord>,
): number {
  return tokens.filter((t) => t.secretPhc !== undefined && current.has(t.tokenId)).length;
}

/**
 * Reads the stored tokens of `backend` for a sync of `tokens` (from `path`). Hashes are read
 * when the file gives some and `compareHashes`.
 *
 * @throws CliError (exit code 2) when the server refuses hashes and the file gives the hash of a
 *   token it holds, unless `compareHashes` is false; the backend's errors otherwise.
 */
export async function readCurrent(
  backend: TokenBackend,
  tokens: readonly TokenDefinition[],
  options: { readonly compareHashes: boolean; readonly path: string },
): Promise<CurrentTokens> {
  const fileHashes = tokens.some((token) => token.secretPhc !== undefined);
  if (fileHashes && options.compareHashes) {
    try {
      return { current: await readAll(backend, true), uncompared: 0 };
    } catch (error) {
      if (!isForbidden(error)) throw error;
    }
    const current = await readAll(backend, false);
    const uncompared = withStoredHash(tokens, current);
    if (uncompared > 0) {
      throw usageError(
        `${backend.description} does not give token hashes (includeSecretPhc refused), so the ` +
          `secretPhc of ${uncompared} existing token(s) in ${options.path} cannot be compared: ` +
          "pass --no-compare-hashes to sync without comparing them (a changed hash is then not " +
          "applied), or let the server give hashes to admins (allowSecretPhc)",
      );
    }
    return { current, uncompared: 0 };
  }
  const current = await readAll(backend, false);
  const uncompared = fileHashes ? withStoredHash(tokens, current) : 0;
  return uncompared > 0
    ? {
        current,
        uncompared,
        warning:
          `the secretPhc of ${uncompared} existing token(s) is not compared ` +
          "(--no-compare-hashes): a hash changed in the file is not applied",
      }
    : { current, uncompared };
}
