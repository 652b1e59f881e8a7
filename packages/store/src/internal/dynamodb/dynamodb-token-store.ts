/**
 * The DynamoDB adapter of the TokenStore port, on `@aws-sdk/lib-dynamodb`. This class wires the
 * port's methods to modules of one job each: options (`options.ts`), the one send path and its
 * error translation (`table-client.ts`), the wire codec (`item-codec.ts`), the hot read
 * (`get-item.ts`) and write (`touch.ts`), the write nonce (`write-nonce.ts`), the shape-guarded
 * writes (`guarded-write.ts` running the plans of `update-plan.ts` and `revoke-plans.ts`), rotation
 * (`rotate-plan.ts`),
 * listings (`paging.ts`), `batch-get.ts`, and emptiness and bootstrap (`bootstrap.ts`).
 *
 * Invariants live in condition expressions: create is `attribute_not_exists(tokenId)`, every
 * update, revoke, restore and touch is `attribute_exists(tokenId)` (an UpdateItem without it would
 * create a stub item). When the caller needs to know why a write was refused, the write asks for
 * `ReturnValuesOnConditionCheckFailure: "ALL_OLD"` instead of reading again.
 */
import type { AttributeValue } from "@aws-sdk/client-dynamodb";
import { PutCommand } from "@aws-sdk/lib-dynamodb";
import { TokenExistsError, TokenNotFoundError } from "../../errors.js";
import type {
  BatchGetResult,
  RotateRequest,
  RotatedRecords,
  ScanOptions,
  TokenChanges,
  TokenRecord,
  TokenStore,
  TouchOutcome,
  UpdateConditions,
} from "../../port.js";
import {
  checkTime,
  checkTokenIdList,
  normaliseChanges,
  validateRecord,
} from "../token-model/index.js";
import { batchGetRecords } from "./batch-get.js";
import { countItems, holdsNoToken, writeFirst } from "./bootstrap.js";
import { getItem, getItemRead } from "./get-item.js";
import { guardedWrite } from "./guarded-write.js";
import { storedItem } from "./item-codec.js";
import {
  type DynamoDBTokenStoreOptions,
  resolveStoreOptions,
  type StoreSettings,
} from "./options.js";
import { ownerRecords, scanRecords } from "./paging.js";
import { restorePlan, revokePlan } from "./revoke-plans.js";
import { confirmRotationWrites, rotateToken } from "./rotate-plan.js";
import { touchCommand, touchRefusal } from "./touch.js";
import { updatePlan } from "./update-plan.js";
import { carriesNonce, newNonce, WRITE_NONCE } from "./write-nonce.js";

export type { DynamoDBTokenStoreOptions } from "./options.js";

/**
 * A {@link TokenStore} on a DynamoDB table with the item layout of @access-tokens/core (roles as
 * a String Set, absent when empty). Reads are strongly consistent by default; `queryByOwner` uses
 * the owner GSI, which DynamoDB only reads eventually consistently.
 *
 * Throws the port's codes (`TOKEN_EXISTS`, `TOKEN_NOT_FOUND`, `INVALID_RECORD`, `INVALID_INPUT`)
 * and `STORAGE_ERROR` for DynamoDB failures (original error as `cause`, its name as
 * `storageErrorName`); the constructor throws `INVALID_CONFIG`.
 *
 * @example
 * ```ts
 * import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
 * const store = new DynamoDBTokenStore({ tableName: "tokens", ddbClient: new DynamoDBClient({}) });
 * const record = await store.get("34NwRzvnBbgI3uedkrQ3Q");
 * ```
 */
export class DynamoDBTokenStore implements TokenStore {
  readonly #settings: StoreSettings;
  /**
   * The stored attribute values behind each record `get` returned, so `touch` with that record
   * pins exactly the forms read (a cheaper condition); held weakly, dropped with the record.
   */
  readonly #storedForms = new WeakMap<TokenRecord, Record<string, AttributeValue>>();

  constructor(options: DynamoDBTokenStoreOptions) {
    this.#settings = resolveStoreOptions(options);
  }

  async create(record: TokenRecord): Promise<void> {
    const valid = validateRecord(record, "store");
    const { table } = this.#settings;
    const nonce = newNonce();
    const answer = await table.write(
      "PutItem",
      new PutCommand({
        TableName: table.tableName,
        Item: { ...storedItem(valid), [WRITE_NONCE]: nonce },
        ConditionExpression: "attribute_not_exists(#tokenId)",
        ExpressionAttributeNames: { "#tokenId": "tokenId" },
        ReturnValuesOnConditionCheckFailure: "ALL_OLD",
      }),
    );
    // The SDK retries a PutItem whose answer was lost; if the first attempt committed, the retry
    // finds our own item, recognised by this call's nonce. Anything else, even an identical
    // record written by another call, is a duplicate.
    if (!answer.ok && !carriesNonce(answer.refusal.old, nonce)) {
      throw new TokenExistsError(valid.tokenId);
    }
  }

  async get(tokenId: string): Promise<TokenRecord | null> {
    const { table, consistentRead } = this.#settings;
    const read = await getItemRead(table, tokenId, consistentRead);
    if (read === null) return null;
    const record = validateRecord(read.item);
    this.#storedForms.set(record, read.raw);
    return record;
  }

  async update(
    tokenId: string,
    changes: TokenChanges,
    conditions: UpdateConditions = {},
  ): Promise<TokenRecord | null> {
    const normal = normaliseChanges(changes);
    const expected = conditions.expectedSecretPhc;
    const { table, consistentRead } = this.#settings;
    if (normal.empty) {
      // Nothing to write: a read answers existence and the condition.
      const item = await getItem(table, tokenId, consistentRead);
      if (item === null) throw new TokenNotFoundError(tokenId);
      if (expected !== undefined && item.secretPhc !== expected) return null;
      return validateRecord(item);
    }
    const nonce = expected === undefined ? undefined : newNonce();
    return guardedWrite(table, tokenId, updatePlan(normal, expected, nonce));
  }

  async revoke(tokenId: string, options: { revokedAt: number; cleanupAt?: number }): Promise<void> {
    const revokedAt = checkTime(options?.revokedAt, "revokedAt");
    const cleanupAt =
      options.cleanupAt === undefined ? undefined : checkTime(options.cleanupAt, "cleanupAt");
    await guardedWrite(this.#settings.table, tokenId, revokePlan(revokedAt, cleanupAt));
  }

  async restore(tokenId: string): Promise<void> {
    await guardedWrite(this.#settings.table, tokenId, restorePlan());
  }

  async touch(tokenId: string, lastUsedAt: number, expected?: TokenRecord): Promise<TouchOutcome> {
    checkTime(lastUsedAt, "lastUsedAt");
    const { table } = this.#settings;
    const answer = await table.write(
      "UpdateItem (touch)",
      touchCommand(
        table.tableName,
        tokenId,
        lastUsedAt,
        expected,
        expected === undefined ? undefined : this.#storedForms.get(expected),
      ),
    );
    return answer.ok ? "touched" : touchRefusal(answer.refusal.old, lastUsedAt);
  }

  scan(options: ScanOptions = {}): AsyncIterable<TokenRecord> {
    return scanRecords(this.#settings.table, options, this.#settings.consistentRead);
  }

  queryByOwner(owner: string, options: ScanOptions = {}): AsyncIterable<TokenRecord> {
    return ownerRecords(this.#settings.table, this.#settings.ownerIndexName, owner, options);
  }

  async batchGet(tokenIds: readonly string[]): Promise<BatchGetResult> {
    const { table, consistentRead, retry, batchGetConcurrency } = this.#settings;
    return batchGetRecords(
      table,
      checkTokenIdList(tokenIds),
      consistentRead,
      retry,
      batchGetConcurrency,
    );
  }

  approximateCount(): Promise<number> {
    return countItems(this.#settings.table);
  }

  isEmpty(): Promise<boolean> {
    return holdsNoToken(this.#settings.table);
  }

  async createFirst(record: TokenRecord): Promise<boolean> {
    const valid = validateRecord(record, "store");
    return writeFirst(this.#settings.table, valid, this.#settings.retry);
  }

  rotate(tokenId: string, request: RotateRequest): Promise<RotatedRecords> {
    return rotateToken(this.#settings.table, tokenId, request, this.#settings.retry);
  }

  async confirmRotation(successorId: string, predecessorId: string, at: number): Promise<void> {
    checkTime(at, "at");
    await confirmRotationWrites(this.#settings.table, successorId, predecessorId, at);
  }
}
