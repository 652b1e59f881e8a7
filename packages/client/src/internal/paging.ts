/**
 * `listAll`: every page of a listing. Pages are asked for with revoked and expired tokens
 * included, because a server filters them after reading a page from storage (so a page cut short
 * or even empty by that filter would not mean the end); the filter is applied here instead, with
 * the server's rule: revoked when `revokedAt` is set, expired when `expiresAt` ≤ now. The listing
 * ends at the first empty page. A server that ignores `afterTokenId` would answer the same tokens
 * forever: a token answered twice ends the listing with `INVALID_RESPONSE`.
 */
import { invalidResponse } from "./answers.js";
import type { ListOptions, TokenRecord } from "./schemas.js";

/** Fetches one page after `afterTokenId` (revoked and expired included). */
export type PageReader = (afterTokenId: string | undefined) => Promise<TokenRecord[]>;

/** Which tokens to keep, and the time (Unix seconds) expiry is judged at. */
export interface PageFilter extends Pick<ListOptions, "includeRevoked" | "includeExpired"> {
  readonly now: number;
  /** URL of the listing, for the error. */
  readonly url: string;
}

/** Reads pages until an empty one; the kept records in the server's order. */
export async function readAllPages(
  readPage: PageReader,
  filter: PageFilter,
): Promise<TokenRecord[]> {
  const seen = new Set<string>();
  const out: TokenRecord[] = [];
  let afterTokenId: string | undefined;
  for (;;) {
    const page = await readPage(afterTokenId);
    if (page.length === 0) return out;
    for (const record of page) {
      if (seen.has(record.tokenId)) {
        throw invalidResponse({ method: "GET", url: filter.url, what: "list tokens" }, 200, [
          { path: "records", message: `token ${record.tokenId} answered twice` },
        ]);
      }
      seen.add(record.tokenId);
      const revoked = record.revokedAt != null;
      const expired = record.expiresAt != null && record.expiresAt <= filter.now;
      if ((revoked && !filter.includeRevoked) || (expired && !filter.includeExpired)) continue;
      out.push(record);
    }
    afterTokenId = page[page.length - 1]?.tokenId;
  }
}
