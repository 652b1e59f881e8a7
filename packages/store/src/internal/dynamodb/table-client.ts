/**
 * The one path by which the DynamoDB adapter sends a request, and the one place its failures are
 * translated (`translateError`: a `StorageError` naming the operation and the table, the SDK
 * error as `cause`). Two refusals are answers rather than failures, and come back as values for
 * the caller to decide on: a conditional write whose condition was false (with the item image
 * DynamoDB returned, `ReturnValuesOnConditionCheckFailure: "ALL_OLD"`), and a cancelled
 * transaction (with its cancellation reason codes).
 */
import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import type { PatError } from "../../errors.js";
import type { Item } from "../item.js";
import {
  cancellationCodes,
  errorName,
  isConditionalCheckFailed,
  translateError,
} from "./errors.js";
import { conditionFailureItem } from "./item-codec.js";

/** A command of either SDK layer (client-dynamodb or lib-dynamodb), known by its output type. */
export interface SdkCommand<Output> {
  /** The request; its values are redacted from any error it fails with. */
  readonly input?: unknown;
  resolveMiddleware(...args: never[]): (args: never) => Promise<{ output: Output }>;
}

/** A conditional write DynamoDB refused: the item as it was (`null`: there was none). */
export interface ConditionRefused {
  readonly old: Item | null;
}

/** A transaction DynamoDB cancelled: its reason codes, and the error to throw on giving up. */
export interface TransactionCancelled {
  readonly codes: readonly string[];
  readonly error: PatError;
}

/** What a request came to: its output, or a refusal the caller asked to see. */
export type Answer<Output, Refusal> =
  | { readonly ok: true; readonly output: Output }
  | { readonly ok: false; readonly refusal: Refusal };

/** Sends requests to one table through one client. */
export class TableClient {
  readonly tableName: string;
  readonly #client: { send(command: unknown): Promise<unknown> };

  constructor(client: DynamoDBDocumentClient, tableName: string) {
    this.#client = client as unknown as { send(command: unknown): Promise<unknown> };
    this.tableName = tableName;
  }

  /** The error a failed `operation` (of `request`, the command's input) leaves the store as. */
  translate(operation: string, error: unknown, request?: unknown): PatError {
    return translateError(error, { operation, tableName: this.tableName, request });
  }

  async #send<Output, Refusal>(
    operation: string,
    command: SdkCommand<Output>,
    refused: (error: unknown) => Refusal | undefined,
  ): Promise<Answer<Output, Refusal>> {
    try {
      return { ok: true, output: (await this.#client.send(command)) as Output };
    } catch (error) {
      const refusal = refused(error);
      if (refusal !== undefined) return { ok: false, refusal };
      throw this.translate(operation, error, command.input);
    }
  }

  /** Sends a request; any failure throws, translated. */
  async send<Output>(operation: string, command: SdkCommand<Output>): Promise<Output> {
    const answer = await this.#send(operation, command, () => undefined);
    if (!answer.ok) throw this.translate(operation, answer.refusal, command.input);
    return answer.output;
  }

  /** Sends a conditional write; a false condition resolves as {@link ConditionRefused}. */
  write<Output>(
    operation: string,
    command: SdkCommand<Output>,
  ): Promise<Answer<Output, ConditionRefused>> {
    return this.#send(operation, command, (error) =>
      isConditionalCheckFailed(error) ? { old: conditionFailureItem(error) } : undefined,
    );
  }

  /** Sends a transaction; a cancellation resolves as {@link TransactionCancelled}. */
  transact<Output>(
    operation: string,
    command: SdkCommand<Output>,
  ): Promise<Answer<Output, TransactionCancelled>> {
    return this.#send(operation, command, (error) =>
      errorName(error) === "TransactionCanceledException"
        ? {
            codes: cancellationCodes(error),
            error: this.translate(operation, error, command.input),
          }
        : undefined,
    );
  }
}
