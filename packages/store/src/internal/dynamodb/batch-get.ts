/**
 * `batchGet`: ids de-duplicated, split into BatchGetItem requests of at most 100 keys (DynamoDB's
 * limit) sent in parallel, at most `batchGetConcurrency` of them in flight (default 4), so that
 * one large `batchLoad` cannot take the table's whole read capacity from everyone else. A chunk's `UnprocessedKeys` are sent again with backoff, within
 * `retry.maxAttempts`; after that a `StorageError` ("Max retries reached with <n> unprocessed
 * items", @access-tokens/core's words). A chunk whose request threw after the SDK's own retries
 * is sent again too, up to 4 attempts in all (as @access-tokens/core does; more would multiply
 * the SDK's retries), unless the error is the caller's fault (see `isRetryable`). Results come in
 * request order; an invalid item counts as not found.
 */
import { BatchGetCommand } from "@aws-sdk/lib-dynamodb";
import { StorageError } from "../../errors.js";
import type { BatchGetResult, TokenRecord } from "../../port.js";
import type { Item } from "../item.js";
import { tryParseRecord } from "../token-model/index.js";
import { backoffDelay, type RetryPolicy, sleep } from "./backoff.js";
import { isRetryable } from "./errors.js";
import type { TableClient } from "./table-client.js";

/** BatchGetItem takes at most 100 keys a request. */
const BATCH_GET_LIMIT = 100;
/** Attempts in all of a chunk whose request threw: the first and 3 retries. */
const MAX_THROWN_BATCH_ATTEMPTS = 4;

/** Reads one chunk of at most 100 ids into `into` (see the module comment for the retries). */
async function readChunk(
  table: TableClient,
  ids: readonly string[],
  consistentRead: boolean,
  retry: RetryPolicy,
  into: Map<string, Item>,
): Promise<void> {
  const requested = new Set(ids);
  let pending: readonly string[] = ids;
  const { maxAttempts } = retry;
  for (let attempt = 0; ; attempt++) {
    let out;
    try {
      out = await table.send(
        "BatchGetItem",
        new BatchGetCommand({
          RequestItems: {
            [table.tableName]: {
              Keys: pending.map((tokenId) => ({ tokenId })),
              ConsistentRead: consistentRead,
            },
          },
        }),
      );
    } catch (error) {
      const bound = Math.min(maxAttempts, MAX_THROWN_BATCH_ATTEMPTS);
      if (!isRetryable(error) || attempt + 1 >= bound) throw error;
      await sleep(backoffDelay(retry, attempt));
      continue;
    }
    for (const item of out.Responses?.[table.tableName] ?? []) {
      if (typeof item.tokenId === "string") into.set(item.tokenId, item);
    }
    // Only keys this chunk asked for are sent again (DynamoDB never returns others).
    pending = (out.UnprocessedKeys?.[table.tableName]?.Keys ?? [])
      .map((key) => key.tokenId)
      .filter((id): id is string => typeof id === "string" && requested.has(id));
    if (pending.length === 0) return;
    if (attempt + 1 >= maxAttempts) {
      throw new StorageError(
        `Max retries reached with ${pending.length} unprocessed items: DynamoDB BatchGetItem ` +
          `on table ${table.tableName} left ${pending.length} unprocessed keys after ${maxAttempts} attempts`,
        "UnprocessedKeys",
      );
    }
    await sleep(backoffDelay(retry, attempt));
  }
}

/** The records of `tokenIds`, with at most `inFlight` requests at once (see the module comment). */
export async function batchGetRecords(
  table: TableClient,
  tokenIds: readonly string[],
  consistentRead: boolean,
  retry: RetryPolicy,
  inFlight: number,
): Promise<BatchGetResult> {
  const unique = [...new Set(tokenIds)];
  const items = new Map<string, Item>();
  const chunks: string[][] = [];
  for (let i = 0; i < unique.length; i += BATCH_GET_LIMIT) {
    chunks.push(unique.slice(i, i + BATCH_GET_LIMIT));
  }
  // At most `inFlight` requests at once: each worker takes the next chunk when its own is done.
  // After a failure no new chunk starts (the first error is thrown once the others settle).
  let next = 0;
  let failed = false;
  const worker = async (): Promise<void> => {
    while (!failed && next < chunks.length) {
      const chunk = chunks[next++] as string[];
      try {
        await readChunk(table, chunk, consistentRead, retry, items);
      } catch (error) {
        failed = true;
        throw error;
      }
    }
  };
  const workers = Array.from({ length: Math.min(inFlight, chunks.length) }, worker);
  const settled = await Promise.allSettled(workers);
  const rejected = settled.find((result) => result.status === "rejected");
  if (rejected !== undefined) throw (rejected as PromiseRejectedResult).reason;
  const found: TokenRecord[] = [];
  const notFound: string[] = [];
  for (const id of unique) {
    const item = items.get(id);
    const record = item === undefined ? null : tryParseRecord(item);
    if (record === null) notFound.push(id);
    else found.push(record);
  }
  return { found, notFound };
}
