/**
 * The error family of @pat's token store and everything above it (@pat/core re-exports it, the
 * HTTP layer and the CLI use its classes): one base class, one subclass per meaning, one stable
 * `code` each.
 *
 * ```text
 * Error
 * ├── PatError (@pat/store)                code
 * │   ├── TokenNotFoundError               TOKEN_NOT_FOUND
 * │   ├── TokenExistsError                 TOKEN_EXISTS
 * │   ├── InvalidInputError                INVALID_INPUT
 * │   ├── InvalidRecordError               INVALID_RECORD
 * │   ├── InvalidConfigError               INVALID_CONFIG
 * │   ├── StorageError                     STORAGE_ERROR
 * │   └── TokenStateError                  TOKEN_REVOKED, TOKEN_EXPIRED, TOKEN_ROTATED,
 * │                                        ROTATION_PENDING
 * └── CryptoError (@pat/crypto)            INVALID_INPUT, INVALID_PARAMETERS
 *     └── PhcFormatError                   INVALID_PHC
 * ```
 *
 * `CryptoError` has a base of its own because @pat/crypto knows nothing of storage and runs in
 * browsers. A code means one thing whichever class carries it: `INVALID_INPUT` is "a value the
 * caller gave breaks its documented rule; nothing was done or written" on both; every other code
 * belongs to one family. Callers switch on `code`, never on message text. Messages are for people
 * and never contain a token secret or a PHC string. Errors from the AWS SDK are recognised by
 * `name` (a caller's SDK may come from another copy, so `instanceof` fails) and summarised, with
 * request values redacted, as `cause`.
 */

/** Every stable code of a {@link PatError} (`INVALID_INPUT` means the same on a `CryptoError`). */
export type PatErrorCode =
  | "TOKEN_NOT_FOUND"
  | "TOKEN_EXISTS"
  | "INVALID_INPUT"
  | "INVALID_RECORD"
  | "INVALID_CONFIG"
  | "STORAGE_ERROR"
  | TokenStateCode;

/**
 * Base class of every error the token store, @pat/core and the layers above throw on purpose
 * (@pat/crypto throws `CryptoError`; see the module comment).
 *
 * @example
 * ```ts
 * try { await pat.revoke(id); } catch (e) {
 *   if (e instanceof PatError && e.code === "TOKEN_NOT_FOUND") { ... }
 * }
 * ```
 */
export class PatError extends Error {
  override readonly name: string = "PatError";
  readonly code: PatErrorCode;
  constructor(code: PatErrorCode, message: string, options?: ErrorOptions) {
    super(message, options);
    this.code = code;
  }
}

/** No token with this id exists. Message: `Token not found: <id>`. */
export class TokenNotFoundError extends PatError {
  override readonly name = "TokenNotFoundError";
  readonly tokenId: string;
  constructor(tokenId: string, options?: ErrorOptions) {
    super("TOKEN_NOT_FOUND", `Token not found: ${tokenId}`, options);
    this.tokenId = tokenId;
  }
}

/** A token with this id exists already. Message: `Token ID already exists: <id>`. */
export class TokenExistsError extends PatError {
  override readonly name = "TokenExistsError";
  readonly tokenId: string;
  constructor(tokenId: string, options?: ErrorOptions) {
    super("TOKEN_EXISTS", `Token ID already exists: ${tokenId}`, options);
    this.tokenId = tokenId;
  }
}

/** An argument broke a documented rule; nothing was written. The message names the parameter. */
export class InvalidInputError extends PatError {
  override readonly name = "InvalidInputError";
  constructor(message: string, options?: ErrorOptions) {
    super("INVALID_INPUT", message, options);
  }
}

/** An item read back from storage is not a valid token record. */
export class InvalidRecordError extends PatError {
  override readonly name = "InvalidRecordError";
  constructor(message: string, options?: ErrorOptions) {
    super("INVALID_RECORD", message, options);
  }
}

/** A constructor option is invalid. The message names the option and why. */
export class InvalidConfigError extends PatError {
  override readonly name = "InvalidConfigError";
  constructor(message: string, options?: ErrorOptions) {
    super("INVALID_CONFIG", message, options);
  }
}

/**
 * The storage backend failed (network, throttling after retries, missing table, ...).
 * `storageErrorName` is the backend error's `name` (e.g. `ResourceNotFoundException`). The
 * DynamoDB adapter's `cause` is a `StorageErrorCause`, not the SDK's error: the SDK error's name,
 * code, HTTP status and request id, and its message with every value of the request redacted
 * (the SDK error may quote the request or carry stored items).
 */
export class StorageError extends PatError {
  override readonly name = "StorageError";
  readonly storageErrorName: string;
  constructor(message: string, storageErrorName: string, options?: ErrorOptions) {
    super("STORAGE_ERROR", message, options);
    this.storageErrorName = storageErrorName;
  }
}

/**
 * Why a token's state refuses an operation (see {@link TokenStateError}): revoked, expired,
 * rotated already (the successor exists: the loser of two concurrent rotations gets this), or a
 * successor that still awaits its first use before it retires its predecessor.
 */
export type TokenStateCode =
  "TOKEN_REVOKED" | "TOKEN_EXPIRED" | "TOKEN_ROTATED" | "ROTATION_PENDING";

const STATE_MESSAGES: Readonly<Record<TokenStateCode, string>> = {
  TOKEN_REVOKED: "Token is revoked",
  TOKEN_EXPIRED: "Token is expired",
  TOKEN_ROTATED: "Token was rotated already",
  ROTATION_PENDING: "Token awaits its first use to complete a rotation",
};

/**
 * The token exists but its state refuses the operation (today: `rotate`). `code` says which state;
 * the message is `<state>: <id>`, e.g. `Token was rotated already: <id>`. `successorId` names the
 * successor of a rotated token (`TOKEN_ROTATED`), and the predecessor a pending rotation waits to
 * retire (`ROTATION_PENDING`: `predecessorId`).
 */
export class TokenStateError extends PatError {
  override readonly name = "TokenStateError";
  override readonly code: TokenStateCode;
  readonly tokenId: string;
  /** `TOKEN_ROTATED`: the id of the token that replaced this one. */
  readonly successorId: string | undefined;
  /** `ROTATION_PENDING`: the id of the token this one will retire on its first use. */
  readonly predecessorId: string | undefined;
  constructor(
    code: TokenStateCode,
    tokenId: string,
    related: { readonly successorId?: string; readonly predecessorId?: string } = {},
    options?: ErrorOptions,
  ) {
    super(code, `${STATE_MESSAGES[code]}: ${tokenId}`, options);
    this.code = code;
    this.tokenId = tokenId;
    this.successorId = related.successorId;
    this.predecessorId = related.predecessorId;
  }
}
