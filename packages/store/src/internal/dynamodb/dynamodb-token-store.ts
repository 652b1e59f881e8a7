/**
 * The DynamoDB adapter of the TokenStore port, on `@aws-sdk/lib-dynamodb`.
 *
 * Invariants live in condition expressions: create is `attribute_not_exists(tokenId)`, every
 * update, revoke, restore and touch is `attribute_exists(tokenId)` (an UpdateItem without it would
 * create a stub item). When the caller needs to know why a write was refused, the write asks for
 * `ReturnValuesOnConditionCheckFailure: "ALL_OLD"` instead of reading again.
 *
 * Two transitions have no single expression: DynamoDB has no `min()` for "lower the expiry to the
 * cleanup time unless it is earlier already", and `if_not_exists(a, b)` fails when the path `b`
 * is absent. So revoke, restore and a role add near the 50-role limit write the case that fits
 * the item's shape, each guarded by a condition that holds exactly for that shape; when the guess
 * was wrong the refused write returns the current image, the matching case is written next, and
 * after a bounded number of attempts (only under constant concurrent change) a `StorageError` is
 * thrown. Every write is still one atomic conditional UpdateItem, so no interleaving leaves a
 * half-done record.
 */
import {
  type AttributeValue,
  DescribeTableCommand,
  type DynamoDBClient,
  GetItemCommand,
  type GetItemCommandOutput,
  UpdateItemCommand,
  type UpdateItemCommandOutput,
} from "@aws-sdk/client-dynamodb";
import { unmarshall } from "@aws-sdk/util-dynamodb";
import type { BatchGetCommandOutput, DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import {
  BatchGetCommand,
  PutCommand,
  QueryCommand,
  ScanCommand,
  TransactWriteCommand,
  UpdateCommand,
} from "@aws-sdk/lib-dynamodb";
import {
  InvalidConfigError,
  InvalidInputError,
  StorageError,
  TokenExistsError,
  TokenNotFoundError,
} from "../../errors.js";
import type {
  BatchGetResult,
  ScanOptions,
  TokenChanges,
  TokenRecord,
  TokenStore,
  TouchOutcome,
  UpdateConditions,
} from "../../port.js";
import { checkTime, type NormalChanges, normaliseChanges } from "../changes.js";
import { BEFORE_REVOKE, BOOTSTRAP_MARKER_ID, type Item, recordToItem } from "../item.js";
import { MAX_ROLES, tryParseRecord, validateRecord } from "../record.js";
import { checkScanOptions } from "../scan-options.js";
import {
  backoffDelay,
  type RetryOptions,
  type RetryPolicy,
  retryPolicy,
  sleep,
} from "./backoff.js";
import {
  cancellationCodes,
  conditionFailureItem,
  errorName,
  isConditionalCheckFailed,
  isRetryable,
  translateError,
} from "./errors.js";
import { storeClients } from "./client-copy.js";
import { UpdateBuilder } from "./update-builder.js";

/** Options of {@link DynamoDBTokenStore}. Give exactly one of `ddbClient` and `docClient`. */
export interface DynamoDBTokenStoreOptions {
  /** The table (partition key `tokenId`, type S). */
  readonly tableName: string;
  /**
   * A DynamoDB client; the store wraps it in a document client (`removeUndefinedValues`). A
   * client of another copy of the AWS SDK works too: the store then sends through a client of
   * its own copy with the same region, credentials, endpoint, retries and HTTP handler (the
   * other copy's middleware stack does not take our commands), so middleware added to that
   * client's stack does not see the store's requests.
   */
  readonly ddbClient?: DynamoDBClient;
  /** A document client to use as it is (of another SDK copy: as for `ddbClient`). */
  readonly docClient?: DynamoDBDocumentClient;
  /** The GSI with partition key `owner` that backs `queryByOwner`; default `"owner-index"`. */
  readonly ownerIndexName?: string;
  /**
   * Strongly consistent `get`, `scan` and `batchGet`; default `true`. (`isEmpty` is always
   * consistent; a GSI query can never be.)
   */
  readonly consistentRead?: boolean;
  /** Bounds of the retries of BatchGetItem's UnprocessedKeys and of conflicting transactions. */
  readonly retry?: RetryOptions;
}

/** Attempts of a shape-guarded write (revoke, restore, role add near the limit) before giving up. */
const MAX_GUARDED_ATTEMPTS = 10;
/** BatchGetItem takes at most 100 keys a request. */
const BATCH_GET_LIMIT = 100;
/**
 * Attempts in all of a BatchGetItem chunk whose request threw: the first and 3 retries, as
 * @access-tokens/core makes. The SDK has retried each request already, so more would multiply.
 */
const MAX_THROWN_BATCH_ATTEMPTS = 4;

type RoleGuard =
  | { readonly kind: "room"; readonly adding: number }
  | { readonly kind: "exact"; readonly old: ReadonlySet<string> };

type RevokeCase = "lower" | "lowerFromNone" | "keep";
type RestoreCase = "plain" | "number" | "null";

function rolesOfItem(item: Item): Set<string> {
  const roles = item.roles;
  if (roles instanceof Set) return new Set([...roles].map(String));
  if (Array.isArray(roles)) return new Set(roles.map(String));
  return new Set();
}

/**
 * Attribute holding a random value unique to one write call. The SDK retries a write whose answer
 * was lost; when the first attempt committed, the retry is refused by its own condition and
 * returns the stored image. Only an image carrying this call's nonce is "our own write": a
 * genuine duplicate with identical content carries another nonce (or none). Record validation
 * drops unknown attributes, so the nonce never reaches a record; @access-tokens/core ignores it.
 */
const WRITE_NONCE = "writeNonce";

function newNonce(): string {
  return globalThis.crypto.randomUUID();
}

function carriesNonce(item: Item | null, nonce: string): boolean {
  return item !== null && item[WRITE_NONCE] === nonce;
}

/**
 * The hot read path's unmarshalling: the attribute types of a token item (S, N, BOOL, NULL, SS)
 * converted by hand, exactly as lib-dynamodb's `unmarshall` converts them; any other type, or a
 * number beyond the safe integer range, hands the whole item to `unmarshall`.
 */
function unmarshallItem(wire: Record<string, AttributeValue>): Item {
  const item: Item = {};
  for (const key in wire) {
    const value = wire[key] as AttributeValue;
    if (value.S !== undefined) item[key] = value.S;
    else if (value.N !== undefined) {
      const n = Number(value.N);
      if (!(n <= Number.MAX_SAFE_INTEGER && n >= Number.MIN_SAFE_INTEGER)) return unmarshall(wire);
      item[key] = n;
    } else if (value.BOOL !== undefined) item[key] = value.BOOL;
    else if (value.NULL !== undefined) item[key] = null;
    else if (value.SS !== undefined) item[key] = new Set(value.SS);
    else return unmarshall(wire);
  }
  return item;
}

/** The constant parts of touch's UpdateItem: set lastUsedAt on an existing, unrevoked item. */
const TOUCH_UPDATE = "SET #lastUsedAt = :lastUsedAt";
// NULL is "not revoked" in items written by @access-tokens/core.
const TOUCH_CONDITION = "attribute_exists(#tokenId) AND NOT attribute_type(#revokedAt, :N)";
const TOUCH_NAMES = Object.freeze({
  "#tokenId": "tokenId",
  "#revokedAt": "revokedAt",
  "#lastUsedAt": "lastUsedAt",
});
const TYPE_N: AttributeValue = Object.freeze({ S: "N" }) as AttributeValue;

/** The client surface of the hot paths: low-level commands, no document marshalling. */
interface LowLevelClient {
  send(command: GetItemCommand): Promise<GetItemCommandOutput>;
  send(command: UpdateItemCommand): Promise<UpdateItemCommandOutput>;
}

function configError(message: string): never {
  throw new InvalidConfigError(`DynamoDBTokenStore: ${message}`);
}

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
  readonly #table: string;
  readonly #doc: DynamoDBDocumentClient;
  /**
   * The same client for the hot paths (get, touch): a document client shares its wrapped
   * client's middleware stack and configuration, so low-level commands run through it unchanged.
   */
  readonly #low: LowLevelClient;
  readonly #ownerIndex: string;
  readonly #consistent: boolean;
  readonly #retry: RetryPolicy;

  constructor(options: DynamoDBTokenStoreOptions) {
    if (typeof options !== "object" || options === null) configError("options are required");
    const { tableName, ddbClient, docClient, ownerIndexName, consistentRead, retry } = options;
    if (typeof tableName !== "string" || tableName.length < 3 || tableName.length > 255) {
      configError("tableName must be a string of 3-255 characters");
    }
    if ((ddbClient === undefined) === (docClient === undefined)) {
      configError("give exactly one of ddbClient and docClient");
    }
    if (ownerIndexName !== undefined && (typeof ownerIndexName !== "string" || !ownerIndexName)) {
      configError("ownerIndexName must be a non-empty string");
    }
    if (consistentRead !== undefined && typeof consistentRead !== "boolean") {
      configError("consistentRead must be a boolean");
    }
    this.#table = tableName;
    const clients = storeClients(ddbClient, docClient);
    this.#doc = clients.doc;
    this.#low = clients.low as unknown as LowLevelClient;
    this.#ownerIndex = ownerIndexName ?? "owner-index";
    this.#consistent = consistentRead ?? true;
    this.#retry = retryPolicy(retry, configError);
  }

  /** Runs one request; conditional and transaction refusals pass raw, the rest is translated. */
  async #call<T>(operation: string, request: () => Promise<T>): Promise<T> {
    try {
      return await request();
    } catch (error) {
      const name = errorName(error);
      if (name === "ConditionalCheckFailedException" || name === "TransactionCanceledException") {
        throw error;
      }
      throw translateError(error, { operation, tableName: this.#table });
    }
  }

  #fail(operation: string, error: unknown): never {
    throw translateError(error, { operation, tableName: this.#table });
  }

  #storedItem(record: TokenRecord): Item {
    const item = recordToItem(record);
    if (Array.isArray(item.roles)) item.roles = new Set(item.roles as string[]);
    return item;
  }

  async create(record: TokenRecord): Promise<void> {
    const valid = validateRecord(record, "store");
    const nonce = newNonce();
    try {
      await this.#call("PutItem", () =>
        this.#doc.send(
          new PutCommand({
            TableName: this.#table,
            Item: { ...this.#storedItem(valid), [WRITE_NONCE]: nonce },
            ConditionExpression: "attribute_not_exists(#tokenId)",
            ExpressionAttributeNames: { "#tokenId": "tokenId" },
            ReturnValuesOnConditionCheckFailure: "ALL_OLD",
          }),
        ),
      );
    } catch (error) {
      if (!isConditionalCheckFailed(error)) this.#fail("PutItem", error);
      // The SDK retries a PutItem whose answer was lost; if the first attempt committed, the
      // retry finds our own item, recognised by this call's nonce. Anything else, even an
      // identical record written by another call, is a duplicate.
      if (carriesNonce(conditionFailureItem(error), nonce)) return;
      throw new TokenExistsError(valid.tokenId);
    }
  }

  async #getItem(tokenId: string, consistent = this.#consistent): Promise<Item | null> {
    let out: GetItemCommandOutput;
    try {
      out = await this.#low.send(
        new GetItemCommand({
          TableName: this.#table,
          Key: { tokenId: { S: tokenId } },
          ConsistentRead: consistent,
        }),
      );
    } catch (error) {
      this.#fail("GetItem", error);
    }
    return out.Item === undefined ? null : unmarshallItem(out.Item);
  }

  async get(tokenId: string): Promise<TokenRecord | null> {
    const item = await this.#getItem(tokenId);
    return item === null ? null : validateRecord(item);
  }

  /**
   * One conditional UpdateItem with `ReturnValues: ALL_NEW`. Returns the new image, or the old
   * image (`null` when absent) when the condition was false.
   */
  async #update(
    tokenId: string,
    operation: string,
    build: (b: UpdateBuilder) => void,
    returnNew: boolean,
  ): Promise<{ ok: true; item: Item | null } | { ok: false; old: Item | null }> {
    const builder = new UpdateBuilder();
    builder.condition(`attribute_exists(${builder.name("tokenId")})`);
    build(builder);
    try {
      const out = await this.#call("UpdateItem", () =>
        this.#doc.send(
          new UpdateCommand({
            TableName: this.#table,
            Key: { tokenId },
            ...builder.build(),
            ReturnValues: returnNew ? "ALL_NEW" : "NONE",
            ReturnValuesOnConditionCheckFailure: "ALL_OLD",
          }),
        ),
      );
      return { ok: true, item: (out.Attributes as Item | undefined) ?? null };
    } catch (error) {
      if (isConditionalCheckFailed(error)) return { ok: false, old: conditionFailureItem(error) };
      this.#fail(`UpdateItem (${operation})`, error);
    }
  }

  #gaveUp(operation: string, tokenId: string): StorageError {
    return new StorageError(
      `DynamoDB ${operation} of ${tokenId} on table ${this.#table} gave up after ` +
        `${MAX_GUARDED_ATTEMPTS} attempts refused by concurrent changes`,
      "ConditionalCheckFailedException",
    );
  }

  async update(
    tokenId: string,
    changes: TokenChanges,
    conditions: UpdateConditions = {},
  ): Promise<TokenRecord | null> {
    const normal = normaliseChanges(changes);
    const expected = conditions.expectedSecretPhc;
    if (normal.empty) {
      // Nothing to write: a consistent read answers existence and the condition.
      const item = await this.#getItem(tokenId);
      if (item === null) throw new TokenNotFoundError(tokenId);
      if (expected !== undefined && item.secretPhc !== expected) return null;
      return validateRecord(item);
    }
    // With a condition on the secret, a refused SDK retry of our committed write must be told
    // apart from a concurrent writer: the write carries this call's nonce.
    const nonce = expected === undefined ? undefined : newNonce();
    let guard: RoleGuard | undefined =
      normal.roles?.kind === "add"
        ? { kind: "room", adding: normal.roles.roles.length }
        : undefined;
    for (let attempt = 0; attempt < MAX_GUARDED_ATTEMPTS; attempt++) {
      const result = await this.#update(
        tokenId,
        "update",
        (b) => {
          this.#buildChanges(b, normal, expected, guard);
          if (nonce !== undefined) b.set(`${b.name(WRITE_NONCE)} = ${b.value(nonce)}`);
        },
        true,
      );
      if (result.ok) return validateRecord(result.item);
      const old = result.old;
      if (old === null) throw new TokenNotFoundError(tokenId);
      if (expected !== undefined && old.secretPhc !== expected) {
        // An SDK retry of our committed write also lands here: the item then carries our
        // nonce (and every change), so report it as written. Any other writer wins: null.
        if (!carriesNonce(old, nonce as string)) return null;
        return tryParseRecord(old);
      }
      if (normal.roles?.kind === "add") {
        const current = rolesOfItem(old);
        const after = new Set([...current, ...normal.roles.roles]);
        if (after.size > MAX_ROLES) {
          throw new InvalidInputError(`roles would hold more than ${MAX_ROLES} roles`);
        }
        guard = { kind: "exact", old: current };
      }
    }
    throw this.#gaveUp("update", tokenId);
  }

  #buildChanges(
    b: UpdateBuilder,
    normal: NormalChanges,
    expected: string | undefined,
    guard: RoleGuard | undefined,
  ): void {
    if (expected !== undefined) b.condition(`${b.name("secretPhc")} = ${b.value(expected)}`);
    if (normal.owner !== undefined) b.set(`${b.name("owner")} = ${b.value(normal.owner)}`);
    if (normal.isAdmin !== undefined) b.set(`${b.name("isAdmin")} = ${b.value(normal.isAdmin)}`);
    if (normal.secretPhc !== undefined) {
      b.set(`${b.name("secretPhc")} = ${b.value(normal.secretPhc)}`);
    }
    if (normal.expiresAt !== undefined) {
      // An explicit expiry wins over the one a later restore would give back. A cleared expiry
      // is stored as NULL, as @access-tokens/core stores it (TTL ignores non-numbers).
      b.set(`${b.name("expiresAt")} = ${b.value(normal.expiresAt)}`);
      b.remove(BEFORE_REVOKE);
    }
    const roles = normal.roles;
    if (roles === undefined) return;
    const path = b.name("roles");
    if (roles.kind === "replace") {
      if (roles.roles.length === 0) b.remove("roles");
      else b.set(`${path} = ${b.value(new Set(roles.roles))}`);
    } else if (roles.kind === "remove") {
      b.delete(`${path} ${b.value(new Set(roles.roles))}`);
    } else {
      b.add(`${path} ${b.value(new Set(roles.roles))}`);
      if (guard?.kind === "room") {
        // Room for every added role even if none is held yet: the common case, one write.
        b.condition(
          `attribute_not_exists(${path}) OR size(${path}) <= ${b.value(MAX_ROLES - guard.adding)}`,
        );
      } else if (guard?.kind === "exact") {
        // The set is exactly as last seen (size and membership of each added role), so the
        // union size computed from that image is the size this write produces.
        if (guard.old.size === 0) b.condition(`attribute_not_exists(${path})`);
        else b.condition(`size(${path}) = ${b.value(guard.old.size)}`);
        for (const role of roles.roles) {
          const has = `contains(${path}, ${b.value(role)})`;
          b.condition(guard.old.has(role) ? has : `NOT ${has}`);
        }
      }
    }
  }

  async revoke(tokenId: string, options: { revokedAt: number; cleanupAt?: number }): Promise<void> {
    const revokedAt = checkTime(options?.revokedAt, "revokedAt");
    const cleanupAt =
      options.cleanupAt === undefined ? undefined : checkTime(options.cleanupAt, "cleanupAt");
    // Two facts pick the write: whether the item is revoked already (a number; @access-tokens/core
    // writes NULL for "not revoked") and how its expiry compares with the cleanup time. Guess the
    // common case first: not revoked, expiring later than the cleanup time.
    let revoked = false;
    let shape: RevokeCase = "lower";
    for (let attempt = 0; attempt < MAX_GUARDED_ATTEMPTS; attempt++) {
      const result = await this.#update(
        tokenId,
        "revoke",
        (b) => {
          const revokedPath = b.name("revokedAt");
          const isRevoked = `attribute_type(${revokedPath}, ${b.value("N")})`;
          if (revoked) {
            b.condition(isRevoked);
          } else {
            b.condition(`NOT ${isRevoked}`);
            b.set(`${revokedPath} = ${b.value(revokedAt)}`);
          }
          if (cleanupAt === undefined) return;
          const expiry = b.name("expiresAt");
          const cleanup = b.value(cleanupAt);
          const before = (): string => b.name(BEFORE_REVOKE);
          if (shape === "lower") {
            b.condition(`${expiry} > ${cleanup}`);
            b.set(`${before()} = if_not_exists(${before()}, ${expiry})`);
            b.set(`${expiry} = ${cleanup}`);
          } else if (shape === "lowerFromNone") {
            b.condition(`NOT attribute_type(${expiry}, ${b.value("N")})`);
            b.set(`${before()} = if_not_exists(${before()}, ${b.value(null)})`);
            b.set(`${expiry} = ${cleanup}`);
          } else {
            b.condition(`${expiry} <= ${cleanup}`);
          }
        },
        false,
      );
      if (result.ok) return;
      const old = result.old;
      if (old === null) throw new TokenNotFoundError(tokenId);
      revoked = typeof old.revokedAt === "number";
      const expiry = old.expiresAt;
      shape =
        cleanupAt === undefined || (typeof expiry === "number" && cleanupAt >= expiry)
          ? "keep"
          : typeof expiry === "number"
            ? "lower"
            : "lowerFromNone";
      // Revoked already and nothing to lower: the revoke is done (idempotent).
      if (revoked && shape === "keep") return;
    }
    throw this.#gaveUp("revoke", tokenId);
  }

  async restore(tokenId: string): Promise<void> {
    // Most revokes leave the expiry alone: guess "plain" first.
    let shape: RestoreCase = "plain";
    for (let attempt = 0; attempt < MAX_GUARDED_ATTEMPTS; attempt++) {
      const result = await this.#update(
        tokenId,
        "restore",
        (b) => {
          const before = b.name(BEFORE_REVOKE);
          const isNumber = (): string => `attribute_type(${before}, ${b.value("N")})`;
          const isNull = (): string => `attribute_type(${before}, ${b.value("NULL")})`;
          b.condition(`attribute_type(${b.name("revokedAt")}, ${b.value("N")})`);
          b.remove("revokedAt");
          b.remove(BEFORE_REVOKE);
          if (shape === "plain") {
            b.condition(`NOT (${isNumber()} OR ${isNull()})`);
          } else if (shape === "number") {
            b.condition(isNumber());
            b.set(`${b.name("expiresAt")} = ${before}`);
          } else {
            b.condition(isNull());
            b.remove("expiresAt");
          }
        },
        false,
      );
      if (result.ok) return;
      const old = result.old;
      if (old === null) throw new TokenNotFoundError(tokenId);
      // Not revoked (absent, or NULL as @access-tokens/core writes it): nothing to restore.
      if (typeof old.revokedAt !== "number") return;
      const before = old[BEFORE_REVOKE];
      shape = typeof before === "number" ? "number" : before === null ? "null" : "plain";
    }
    throw this.#gaveUp("restore", tokenId);
  }

  async touch(tokenId: string, lastUsedAt: number): Promise<TouchOutcome> {
    checkTime(lastUsedAt, "lastUsedAt");
    try {
      await this.#low.send(
        new UpdateItemCommand({
          TableName: this.#table,
          Key: { tokenId: { S: tokenId } },
          UpdateExpression: TOUCH_UPDATE,
          ConditionExpression: TOUCH_CONDITION,
          ExpressionAttributeNames: TOUCH_NAMES,
          ExpressionAttributeValues: {
            ":lastUsedAt": { N: String(lastUsedAt) },
            ":N": TYPE_N,
          },
          ReturnValues: "NONE",
          ReturnValuesOnConditionCheckFailure: "ALL_OLD",
        }),
      );
      return "touched";
    } catch (error) {
      if (!isConditionalCheckFailed(error)) this.#fail("UpdateItem (touch)", error);
      return conditionFailureItem(error) === null ? "not_found" : "revoked";
    }
  }

  scan(options: ScanOptions = {}): AsyncIterable<TokenRecord> {
    return this.#pages("Scan", options, (startKey, filter) =>
      this.#doc.send(
        new ScanCommand({
          TableName: this.#table,
          ConsistentRead: this.#consistent,
          // No page size given: DynamoDB's own pages (up to 1 MB), the fewest requests.
          ...(options.pageSize === undefined ? {} : { Limit: options.pageSize }),
          ...(startKey ? { ExclusiveStartKey: startKey } : {}),
          ...filter,
        }),
      ),
    );
  }

  queryByOwner(owner: string, options: ScanOptions = {}): AsyncIterable<TokenRecord> {
    return this.#pages(
      "Query",
      options,
      (startKey, filter) =>
        this.#doc.send(
          new QueryCommand({
            TableName: this.#table,
            IndexName: this.#ownerIndex,
            // Global secondary indexes only support eventually consistent reads.
            KeyConditionExpression: "#owner = :owner",
            ...filter,
            ExpressionAttributeNames: { ...filter.ExpressionAttributeNames, "#owner": "owner" },
            ExpressionAttributeValues: { ...filter.ExpressionAttributeValues, ":owner": owner },
            // No page size given: DynamoDB's own pages (up to 1 MB), the fewest requests.
            ...(options.pageSize === undefined ? {} : { Limit: options.pageSize }),
            ...(startKey ? { ExclusiveStartKey: startKey } : {}),
          }),
        ),
      owner,
    );
  }

  /** Pages lazily: the next request is sent only when the consumer asks past the current page. */
  async *#pages(
    operation: string,
    options: ScanOptions,
    send: (
      startKey: Record<string, unknown> | undefined,
      filter: {
        FilterExpression?: string;
        ExpressionAttributeNames?: Record<string, string>;
        ExpressionAttributeValues?: Record<string, unknown>;
      },
    ) => Promise<{
      Items?: Record<string, unknown>[] | undefined;
      LastEvaluatedKey?: Record<string, unknown> | undefined;
    }>,
    owner?: string,
  ): AsyncGenerator<TokenRecord> {
    checkScanOptions(options);
    if (owner !== undefined && (typeof owner !== "string" || owner.length === 0)) {
      throw new InvalidInputError("owner must be a non-empty string");
    }
    const filter =
      options.hasRole === undefined
        ? {}
        : {
            FilterExpression: "contains(#roles, :role)",
            ExpressionAttributeNames: { "#roles": "roles" },
            ExpressionAttributeValues: { ":role": options.hasRole },
          };
    let startKey: Record<string, unknown> | undefined =
      options.afterTokenId === undefined
        ? undefined
        : owner === undefined
          ? { tokenId: options.afterTokenId }
          : { tokenId: options.afterTokenId, owner };
    do {
      const out = await this.#call(operation, () => send(startKey, filter));
      for (const item of out.Items ?? []) {
        const record = tryParseRecord(item);
        if (record !== null) yield record;
      }
      startKey = out.LastEvaluatedKey;
    } while (startKey !== undefined);
  }

  async batchGet(tokenIds: readonly string[]): Promise<BatchGetResult> {
    const unique = [...new Set(tokenIds)];
    const chunks: string[][] = [];
    for (let i = 0; i < unique.length; i += BATCH_GET_LIMIT) {
      chunks.push(unique.slice(i, i + BATCH_GET_LIMIT));
    }
    const items = new Map<string, Item>();
    await Promise.all(chunks.map((chunk) => this.#batchGetChunk(chunk, items)));
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

  /**
   * Reads one chunk of at most 100 ids, sending again what DynamoDB left unprocessed and, up to
   * {@link MAX_THROWN_BATCH_ATTEMPTS} times in all, a request that threw a retryable error (the
   * SDK has retried it already), with backoff; both within `retry.maxAttempts`.
   */
  async #batchGetChunk(ids: readonly string[], into: Map<string, Item>): Promise<void> {
    const requested = new Set(ids);
    let pending: readonly string[] = ids;
    const { maxAttempts } = this.#retry;
    for (let attempt = 0; ; attempt++) {
      let out: BatchGetCommandOutput;
      try {
        out = await this.#sendBatchGet(pending);
      } catch (error) {
        const bound = Math.min(maxAttempts, MAX_THROWN_BATCH_ATTEMPTS);
        if (!isRetryable(error) || attempt + 1 >= bound) this.#fail("BatchGetItem", error);
        await sleep(backoffDelay(this.#retry, attempt));
        continue;
      }
      for (const item of out.Responses?.[this.#table] ?? []) {
        if (typeof item.tokenId === "string") into.set(item.tokenId, item);
      }
      // Only keys this chunk asked for are sent again (DynamoDB never returns others).
      pending = (out.UnprocessedKeys?.[this.#table]?.Keys ?? [])
        .map((key) => key.tokenId)
        .filter((id): id is string => typeof id === "string" && requested.has(id));
      if (pending.length === 0) return;
      if (attempt + 1 >= maxAttempts) {
        throw new StorageError(
          `Max retries reached with ${pending.length} unprocessed items: DynamoDB BatchGetItem ` +
            `on table ${this.#table} left ${pending.length} unprocessed keys after ${maxAttempts} attempts`,
          "UnprocessedKeys",
        );
      }
      await sleep(backoffDelay(this.#retry, attempt));
    }
  }

  /** One BatchGetItem request of `ids`, errors untranslated (the caller decides on a retry). */
  #sendBatchGet(ids: readonly string[]): Promise<BatchGetCommandOutput> {
    return this.#doc.send(
      new BatchGetCommand({
        RequestItems: {
          [this.#table]: {
            Keys: ids.map((tokenId) => ({ tokenId })),
            ConsistentRead: this.#consistent,
          },
        },
      }),
    );
  }

  async approximateCount(): Promise<number> {
    const out = await this.#call("DescribeTable", () =>
      this.#doc.send(new DescribeTableCommand({ TableName: this.#table })),
    );
    const items = out.Table?.ItemCount ?? 0;
    if (items === 0) return 0;
    // The bootstrap marker is an item, not a token: one consistent read tells whether to
    // leave it out (DescribeTable's count is refreshed only about every six hours anyway).
    const marker = await this.#getItem(BOOTSTRAP_MARKER_ID, true);
    return marker === null ? items : Math.max(0, items - 1);
  }

  async isEmpty(): Promise<boolean> {
    let startKey: Record<string, unknown> | undefined;
    do {
      const out = await this.#call("Scan", () =>
        this.#doc.send(
          new ScanCommand({
            TableName: this.#table,
            ConsistentRead: true,
            Limit: 25,
            ...(startKey ? { ExclusiveStartKey: startKey } : {}),
          }),
        ),
      );
      if ((out.Items ?? []).some((item) => tryParseRecord(item) !== null)) return false;
      startKey = out.LastEvaluatedKey;
    } while (startKey !== undefined);
    return true;
  }

  async createFirst(record: TokenRecord): Promise<boolean> {
    const valid = validateRecord(record, "store");
    if (!(await this.isEmpty())) return false;
    const absent = {
      ConditionExpression: "attribute_not_exists(#tokenId)",
      ExpressionAttributeNames: { "#tokenId": "tokenId" },
    };
    const nonce = newNonce();
    const marker = {
      tokenId: BOOTSTRAP_MARKER_ID,
      bootstrapTokenId: valid.tokenId,
      createdAt: valid.createdAt,
      [WRITE_NONCE]: nonce,
    };
    for (let attempt = 0; ; attempt++) {
      try {
        await this.#call("TransactWriteItems", () =>
          this.#doc.send(
            new TransactWriteCommand({
              TransactItems: [
                { Put: { TableName: this.#table, Item: marker, ...absent } },
                {
                  Put: {
                    TableName: this.#table,
                    Item: { ...this.#storedItem(valid), [WRITE_NONCE]: nonce },
                    ...absent,
                  },
                },
              ],
            }),
          ),
        );
        return true;
      } catch (error) {
        if (errorName(error) !== "TransactionCanceledException") {
          this.#fail("TransactWriteItems", error);
        }
        const codes = cancellationCodes(error);
        if (codes.includes("ConditionalCheckFailed")) {
          // An SDK retry of our committed transaction also lands here: the marker then carries
          // this call's nonce. A concurrent bootstrap with the very same record does not.
          const stored = await this.#getItem(BOOTSTRAP_MARKER_ID, true);
          return carriesNonce(stored, nonce);
        }
        // A conflict with a concurrent transaction decides nothing yet: try again, bounded.
        if (!codes.includes("TransactionConflict") || attempt + 1 >= this.#retry.maxAttempts) {
          this.#fail("TransactWriteItems", error);
        }
        await sleep(backoffDelay(this.#retry, attempt));
      }
    }
  }
}
