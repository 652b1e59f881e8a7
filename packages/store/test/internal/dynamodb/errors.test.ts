import { inspect } from "node:util";
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
    expect(error.cause).not.toBe(original);
    expect(error.cause).toBeInstanceOf(Error);
    expect(error.cause).toMatchObject({
      name: "ResourceNotFoundException",
      message: "ResourceNotFoundException: request value [redacted]",
      $fault: "client",
    });
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
    expect(wrapped).toMatchObject({
      storageErrorName: "Error",
      message: "DynamoDB GetItem on table tokens failed: Error",
      cause: { name: "Error", message: "" },
    });
  });
});

describe("translateError with the request", () => {
  const phc = `$scrypt$ln=4,r=8,p=1$${"S".repeat(22)}$${"H".repeat(43)}`;
  // A stand-in for a secret value DynamoDB might quote that is not shaped like a PHC string.
  const opaque = "opaque-secret-value-0123456789";
  const request = {
    TableName: "tokens",
    Item: {
      tokenId: "34NwRzvnBbgI3uedkrQ3Q",
      secretPhc: phc,
      owner: 'o"wner',
      roles: new Set(["ab"]),
    },
    ExpressionAttributeValues: { ":v": opaque },
    ConditionExpression: "attribute_not_exists(tokenId)",
  };
  const quoting = {
    name: "ValidationException",
    message: `One or more parameter values were invalid: ${JSON.stringify(request.Item.owner)} ${opaque} tab ab, "ab" item ${JSON.stringify({ secretPhc: phc })} ${phc.slice(0, 40)}`,
    $fault: "client",
    $metadata: { httpStatusCode: 400, requestId: "REQ123", attempts: 1 },
    Item: { secretPhc: { S: phc } },
    CancellationReasons: [{ Code: "ConditionalCheckFailed", Item: { secretPhc: { S: phc } } }],
    stack: `ValidationException: ${opaque}\n    at send (file:///sdk.js:1:1)`,
  };

  it("redacts every request value from the message and the cause, and keeps only safe fields", () => {
    const error = translateError(quoting, { ...context, operation: "PutItem", request });
    const expected =
      'One or more parameter values were invalid: "[redacted]" [redacted] tab [redacted], "[redacted]" item {"secretPhc":"[redacted]"} [redacted]';
    expect(error.message).toBe(
      `DynamoDB PutItem on table tokens failed: ValidationException: ${expected}`,
    );
    const cause = error.cause as Record<string, unknown> & Error;
    expect(cause).toBeInstanceOf(Error);
    expect({ ...cause }).toEqual({ httpStatusCode: 400, requestId: "REQ123", $fault: "client" });
    expect(cause.name).toBe("ValidationException");
    expect(cause.message).toBe(expected);
    expect(cause.stack).toBe(`ValidationException: ${expected}\n    at send (file:///sdk.js:1:1)`);
    const shown = `${inspect(error, { depth: 8 })} ${JSON.stringify(error)} ${String(cause.stack)}`;
    for (const secret of [phc, phc.slice(0, 40), opaque, 'o\\"wner']) {
      expect(shown).not.toContain(secret);
    }
    expect(shown).not.toContain("scrypt");
    expect(shown).toContain("REQ123");
  });

  it("keeps the cause's code, and names and expressions of the request", () => {
    const error = translateError(
      {
        name: "Error",
        code: "ECONNREFUSED",
        message: "connect ECONNREFUSED 127.0.0.1:8000 tokens",
      },
      { ...context, request },
    );
    expect(error.cause).toMatchObject({ name: "Error", code: "ECONNREFUSED" });
    expect(error.message).toBe(
      "DynamoDB GetItem on table tokens failed: Error: connect ECONNREFUSED 127.0.0.1:8000 tokens",
    );
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
