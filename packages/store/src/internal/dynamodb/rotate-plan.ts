/**
 * Rotation on DynamoDB: `rotate` as one TransactWriteItems, `confirmRotation` as two idempotent
 * conditional UpdateItems.
 *
 * Rotate reads the token (consistently), decides from the record whether it may be rotated, and
 * writes one transaction of two items: a Put of the successor (`attribute_not_exists(tokenId)`)
 * and an Update of the predecessor (`rotatedTo`, `graceEndsAt`, a lowered expiry) whose condition
 * says "every attribute the successor copies, and every attribute that decides the state, is still
 * what was read" (`lastUsedAt` excepted, so concurrent verifies do not hold a rotation up). So:
 * - two concurrent rotations cannot both commit: the second finds `rotatedTo` set (its condition
 *   fails, or the transactions conflict and it retries), re-reads, and throws `TOKEN_ROTATED`;
 * - a concurrent update or revoke between the read and the write cancels the transaction, and the
 *   rotation starts over from a fresh read, so the successor never copies stale roles or owner;
 * - a retried request never mints a second successor: the transaction carries a
 *   `ClientRequestToken` (DynamoDB answers a repeat of a committed transaction within ten minutes
 *   with success and writes nothing), and the successor carries this call's write nonce, so a
 *   repeat that DynamoDB did not recognise is known as our own write by the successor it finds.
 * A transaction conflict is retried with backoff within the store's `retry.maxAttempts`.
 */
import { UpdateItemCommand } from "@aws-sdk/client-dynamodb";
import { TransactWriteCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { StorageError, TokenExistsError, TokenNotFoundError } from "../../errors.js";
import type { RotateRequest, RotatedRecords, TokenRecord } from "../../port.js";
import { BEFORE_REVOKE, type Item } from "../item.js";
import {
  checkRotateRequest,
  rotationRefusal,
  successorRecord,
  validateRecord,
} from "../token-model/index.js";
import { rotatedItem } from "../rotation-item.js";
import { backoffDelay, type RetryPolicy, sleep } from "./backoff.js";
import { getItem } from "./get-item.js";
import { storedItem } from "./item-codec.js";
import type { TableClient } from "./table-client.js";
import { UpdateBuilder } from "./update-builder.js";
import { carriesNonce, newNonce, WRITE_NONCE } from "./write-nonce.js";

/**
 * Attributes of the predecessor that the rotation's condition requires unchanged: those the
 * successor copies and those that decide whether the token may be rotated.
 */
const GUARDED = [
  "secretPhc",
  "owner",
  "isAdmin",
  "expiresAt",
  "revokedAt",
  "rotatedTo",
  "graceEndsAt",
  "awaitingFirstUse",
  "rotatedFrom",
  "name",
  "description",
  "metadata",
] as const;

/** Adds to `b` a condition that holds exactly while attribute `name` is still `value`. */
function unchanged(b: UpdateBuilder, name: string, value: unknown): void {
  const path = b.name(name);
  if (value === undefined) b.condition(`attribute_not_exists(${path})`);
  else if (value === null) b.condition(`attribute_type(${path}, ${b.value("NULL")})`);
  else b.condition(`${path} = ${b.value(value)}`);
}

/** The condition that the roles are still exactly `roles` (a set: its size and each member). */
function rolesUnchanged(b: UpdateBuilder, roles: readonly string[]): void {
  const path = b.name("roles");
  if (roles.length === 0) {
    b.condition(`attribute_not_exists(${path})`);
    return;
  }
  b.condition(`size(${path}) = ${b.value(roles.length)}`);
  for (const role of roles) b.condition(`contains(${path}, ${b.value(role)})`);
}

/** The Update of the transaction that rotates the predecessor `old` (as read) by `request`. */
export interface PredecessorUpdate {
  readonly UpdateExpression: string;
  readonly ConditionExpression: string;
  readonly ExpressionAttributeNames: Record<string, string>;
  readonly ExpressionAttributeValues: Record<string, unknown>;
}

/** The {@link PredecessorUpdate} that rotates the predecessor `old` (as read) by `request`. */
export function predecessorUpdate(
  old: Item,
  record: TokenRecord,
  request: RotateRequest,
): PredecessorUpdate {
  const b = new UpdateBuilder();
  b.condition(`attribute_exists(${b.name("tokenId")})`);
  for (const name of GUARDED) unchanged(b, name, old[name]);
  rolesUnchanged(b, record.roles ?? []);
  const next = rotatedItem(old, request);
  b.set(`${b.name("rotatedTo")} = ${b.value(request.successorId)}`);
  if (request.graceEndsAt !== undefined) {
    b.set(`${b.name("graceEndsAt")} = ${b.value(request.graceEndsAt)}`);
  }
  if (next.expiresAt !== old.expiresAt) {
    b.set(`${b.name("expiresAt")} = ${b.value(next.expiresAt)}`);
  }
  const built = b.build();
  return {
    UpdateExpression: built.UpdateExpression ?? "",
    ConditionExpression: built.ConditionExpression ?? "",
    ExpressionAttributeNames: built.ExpressionAttributeNames,
    ExpressionAttributeValues: built.ExpressionAttributeValues ?? {},
  };
}

/** Runs `rotate(tokenId, request)` on `table` (see the module comment). */
export async function rotateToken(
  table: TableClient,
  tokenId: string,
  request: RotateRequest,
  retry: RetryPolicy,
): Promise<RotatedRecords> {
  const checked = checkRotateRequest(request);
  const nonce = newNonce();
  for (let attempt = 0; ; attempt++) {
    const old = await getItem(table, tokenId, true);
    if (old === null) throw new TokenNotFoundError(tokenId);
    const record = validateRecord(old);
    // Our own successor already stands (an earlier attempt committed): the rotation is done.
    if (record.rotatedTo === checked.successorId) {
      const mine = await getItem(table, checked.successorId, true);
      if (mine !== null && carriesNonce(mine, nonce)) {
        return { predecessor: record, successor: validateRecord(mine) };
      }
    }
    const refusal = rotationRefusal(record, checked.rotatedAt);
    if (refusal !== undefined) throw refusal;
    const successor = validateRecord(successorRecord(record, checked), "store");
    const answer = await table.transact(
      "TransactWriteItems (rotate)",
      new TransactWriteCommand({
        ClientRequestToken: globalThis.crypto.randomUUID(),
        TransactItems: [
          {
            Put: {
              TableName: table.tableName,
              Item: { ...storedItem(successor), [WRITE_NONCE]: nonce },
              ConditionExpression: "attribute_not_exists(#tokenId)",
              ExpressionAttributeNames: { "#tokenId": "tokenId" },
            },
          },
          {
            Update: {
              TableName: table.tableName,
              Key: { tokenId },
              ...predecessorUpdate(old, record, checked),
            },
          },
        ],
      }),
    );
    if (answer.ok) return { predecessor: validateRecord(rotatedItem(old, checked)), successor };
    const { codes, error } = answer.refusal;
    if (codes[0] === "ConditionalCheckFailed") {
      const found = await getItem(table, checked.successorId, true);
      if (!carriesNonce(found, nonce)) throw new TokenExistsError(checked.successorId);
      continue; // Ours, from a repeat of a committed attempt: the next read returns it as done.
    }
    const changed = codes[1] === "ConditionalCheckFailed";
    if (!changed && !codes.includes("TransactionConflict")) throw error;
    if (attempt + 1 >= retry.maxAttempts) {
      throw new StorageError(
        `DynamoDB rotate of ${tokenId} on table ${table.tableName} gave up after ` +
          `${retry.maxAttempts} attempts refused by concurrent changes`,
        "TransactionCanceledException",
        { cause: error },
      );
    }
    // Changed under us: read again at once (the state decides); a conflict: back off first.
    if (!changed) await sleep(backoffDelay(retry, attempt));
  }
}

/**
 * `confirmRotation(successorId, predecessorId, at)`: end the predecessor's grace at `at` (only
 * while it is still rotated to this successor and its grace ends later), then drop the successor's
 * `awaitingFirstUse`. Both writes are conditional and idempotent; refusals mean "nothing to do".
 */
export async function confirmRotationWrites(
  table: TableClient,
  successorId: string,
  predecessorId: string,
  at: number,
): Promise<void> {
  const b = new UpdateBuilder();
  const grace = b.name("graceEndsAt");
  const when = b.value(at);
  b.condition(`${b.name("rotatedTo")} = ${b.value(successorId)}`);
  b.condition(`attribute_not_exists(${grace}) OR ${grace} > ${when}`);
  b.set(`${grace} = ${when}`);
  b.set(`${b.name("expiresAt")} = ${when}`);
  b.remove(BEFORE_REVOKE);
  await table.write(
    "UpdateItem (confirm rotation)",
    new UpdateCommand({
      TableName: table.tableName,
      Key: { tokenId: predecessorId },
      ...b.build(),
    }),
  );
  await table.write(
    "UpdateItem (confirm rotation)",
    new UpdateItemCommand({
      TableName: table.tableName,
      Key: { tokenId: { S: successorId } },
      UpdateExpression: "REMOVE #awaiting",
      ConditionExpression: "attribute_exists(#awaiting)",
      ExpressionAttributeNames: { "#awaiting": "awaitingFirstUse" },
    }),
  );
}
