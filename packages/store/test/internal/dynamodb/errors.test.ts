import { describe, expect, it } from "vitest";
import { PatError, StorageError, TokenNotFoundError } from "../../../src/errors.js";
import {
  cancellationCodes,
  isConditionalCheckFailed,
  isRetryable,
  translateError,
} from "../../../src/internal/dynamodb/errors.js";

const context = { operation: "GetItem", tableName: "tokens" };

// Errors of "another copy of the SDK": plain objects whose only link to the SDK is their name.
function foreign(name: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { name, message: `${name}: request value $scrypt$secret-ish`, $fault: "client", ...extra };
}

describe("translateError", () => {
  it("recognises ResourceNotFoundException by name and names the table", () => {
    const original = foreign("ResourceNotFoundException");
    const error = translateError(original, context);
    expect(error).toBeInstanceOf(StorageError);
    expect(error).toMatchObject({
      code: "STORAGE_ERROR",
      storageErrorName: "ResourceNotFoundException",
      message:
        "DynamoDB table not found: tokens (GetItem): ResourceNotFoundException: request value [redacted]",
    });
    expect(error.cause).toBe(original);
  });

  it("recognises throttling by name", () => {
    for (const name of ["ProvisionedThroughputExceededException", "ThrottlingException"]) {
      expect(translateError(foreign(name), context).message).toBe(
        `DynamoDB throttled GetItem on table tokens after the SDK's retries (${name}): ${name}: request value [redacted]`,
      );
    }
  });

  it("lists the cancellation reasons of a cancelled transaction", () => {
    const original = foreign("TransactionCanceledException", {
      CancellationReasons: [{ Code: "None" }, { Code: "ConditionalCheckFailed" }],
    });
    expect(translateError(original, { ...context, operation: "TransactWriteItems" }).message).toBe(
      "DynamoDB cancelled the TransactWriteItems transaction on table tokens (None, ConditionalCheckFailed): TransactionCanceledException: request value [redacted]",
    );
  });

  it("ends with the underlying error's own message, with anything shaped like a PHC redacted", () => {
    const error = translateError(foreign("ValidationException"), context);
    expect(error.message).toBe(
      "DynamoDB GetItem on table tokens failed: ValidationException: ValidationException: request value [redacted]",
    );
    expect(error.message).not.toContain("scrypt");
    const plain = translateError(new Error("Some unknown error"), context);
    expect(plain.message).toBe(
      "DynamoDB GetItem on table tokens failed: Error: Some unknown error",
    );
    const phc = `$scrypt$ln=4,r=8,p=1$${"A".repeat(22)}$${"B".repeat(43)}`;
    const quoting = translateError(new Error(`bad value "${phc}" and\n\t${phc}`), context);
    expect(quoting.message).toBe(
      'DynamoDB GetItem on table tokens failed: Error: bad value "[redacted]" and [redacted]',
    );
    const long = translateError(new Error("x".repeat(1000)), context);
    expect(long.message.length).toBeLessThan(400);
  });

  it("adds nothing when the underlying message is empty or only repeats the name", () => {
    expect(translateError({ name: "InternalServerError", message: "" }, context).message).toBe(
      "DynamoDB GetItem on table tokens failed: InternalServerError",
    );
    expect(
      translateError({ name: "InternalServerError", message: "InternalServerError" }, context)
        .message,
    ).toBe("DynamoDB GetItem on table tokens failed: InternalServerError");
  });

  it("passes a PatError through and wraps nameless throws", () => {
    const own = new TokenNotFoundError("34NwRzvnBbgI3uedkrQ3Q");
    expect(translateError(own, context)).toBe(own);
    const wrapped = translateError("boom", context);
    expect(wrapped).toBeInstanceOf(PatError);
    expect(wrapped).toMatchObject({ storageErrorName: "Error", cause: "boom" });
  });
});

describe("refusals and retries", () => {
  it("recognises ConditionalCheckFailedException by name only", () => {
    expect(isConditionalCheckFailed(foreign("ConditionalCheckFailedException"))).toBe(true);
    expect(isConditionalCheckFailed(foreign("ValidationException"))).toBe(false);
    expect(isConditionalCheckFailed(null)).toBe(false);
  });

  it("reads cancellation codes, None for a reason without one", () => {
    expect(
      cancellationCodes({ CancellationReasons: [{}, { Code: "TransactionConflict" }] }),
    ).toEqual(["None", "TransactionConflict"]);
    expect(cancellationCodes({})).toEqual([]);
  });

  it("sends again after a server fault, a network error or throttling, never after the caller's fault", () => {
    const translated = (error: unknown) => translateError(error, context);
    expect(isRetryable(translated({ name: "InternalServerError", $fault: "server" }))).toBe(true);
    expect(isRetryable(translated(new Error("socket hang up")))).toBe(true);
    expect(isRetryable(translated(foreign("ThrottlingException")))).toBe(true);
    expect(isRetryable(translated(foreign("ResourceNotFoundException")))).toBe(false);
    expect(isRetryable(new TokenNotFoundError("34NwRzvnBbgI3uedkrQ3Q"))).toBe(false);
  });
});
