/**
 * The one loop of shape-guarded writes. Some transitions have no single DynamoDB expression:
 * there is no `min()` for "lower the expiry to the cleanup time unless it is earlier already",
 * `if_not_exists(a, b)` fails when the path `b` is absent, and the size of a set after `ADD`
 * cannot be bounded in one condition. So revoke, restore and an update that adds roles are
 * written as a {@link WritePlan}: a pure description of the write for each shape the item may
 * have, each guarded by a condition that holds exactly for that shape. The loop writes the shape
 * guessed first; when the guess was wrong, the refused write returns the current image
 * (`ALL_OLD`), the plan names the shape that fits it (or that nothing is left to do), and that
 * is written next. After {@link MAX_GUARDED_ATTEMPTS} refusals (only under constant concurrent
 * change of one item) it throws `STORAGE_ERROR`. Every write is one atomic conditional
 * UpdateItem guarded by `attribute_exists(tokenId)` (an UpdateItem without it would create a stub
 * item), so no interleaving leaves a half-done record.
 */
import { UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { StorageError, TokenNotFoundError } from "../../errors.js";
import type { Item } from "../item.js";
import type { TableClient } from "./table-client.js";
import { UpdateBuilder } from "./update-builder.js";

/** Attempts of a shape-guarded write before giving up. */
export const MAX_GUARDED_ATTEMPTS = 10;

/** What a plan makes of a refusal: done with a result, or the shape to write next. */
export type AfterRefusal<Shape, Result> =
  { readonly done: true; readonly result: Result } | { readonly done: false; readonly next: Shape };

/**
 * A write as a pure function of the item's expected shape. `write` adds the conditions and
 * clauses of one shape (the builder already holds `attribute_exists(tokenId)`); `refused` reads
 * the image of a refused write (the item exists) and says what to do; `written` makes the result
 * of a write that went through from its `ALL_NEW` image (when `returnNew`).
 */
export interface WritePlan<Shape, Result> {
  /** The store method, for messages (`UpdateItem (<operation>)`). */
  readonly operation: string;
  /** The shape to try first: the common case, so that it takes one request. */
  readonly first: Shape;
  /** Whether the write asks for the new image (`ReturnValues: "ALL_NEW"`). */
  readonly returnNew: boolean;
  write(shape: Shape, builder: UpdateBuilder): void;
  refused(old: Item, shape: Shape): AfterRefusal<Shape, Result>;
  written(item: Item | null): Result;
}

/** The UpdateItem parameters of `plan` for `shape`, as the loop sends them. */
export function planExpression<Shape>(
  plan: WritePlan<Shape, unknown>,
  shape: Shape,
): ReturnType<UpdateBuilder["build"]> {
  const builder = new UpdateBuilder();
  builder.condition(`attribute_exists(${builder.name("tokenId")})`);
  plan.write(shape, builder);
  return builder.build();
}

/**
 * Runs `plan` on the item `tokenId`: writes, and on each refusal the shape the plan names next.
 *
 * @throws TokenNotFoundError when the item does not exist (a refusal without an image); what the
 *   plan throws; StorageError after {@link MAX_GUARDED_ATTEMPTS} refusals or when DynamoDB fails.
 */
export async function guardedWrite<Shape, Result>(
  table: TableClient,
  tokenId: string,
  plan: WritePlan<Shape, Result>,
): Promise<Result> {
  const operation = `UpdateItem (${plan.operation})`;
  let shape = plan.first;
  for (let attempt = 0; attempt < MAX_GUARDED_ATTEMPTS; attempt++) {
    const answer = await table.write(
      operation,
      new UpdateCommand({
        TableName: table.tableName,
        Key: { tokenId },
        ...planExpression(plan, shape),
        ReturnValues: plan.returnNew ? "ALL_NEW" : "NONE",
        ReturnValuesOnConditionCheckFailure: "ALL_OLD",
      }),
    );
    if (answer.ok) return plan.written((answer.output.Attributes as Item | undefined) ?? null);
    const { old } = answer.refusal;
    if (old === null) throw new TokenNotFoundError(tokenId);
    const after = plan.refused(old, shape);
    if (after.done) return after.result;
    shape = after.next;
  }
  throw new StorageError(
    `DynamoDB ${plan.operation} of ${tokenId} on table ${table.tableName} gave up after ` +
      `${MAX_GUARDED_ATTEMPTS} attempts refused by concurrent changes`,
    "ConditionalCheckFailedException",
  );
}
