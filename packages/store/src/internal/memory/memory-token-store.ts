/**
 * The in-memory adapter: the reference semantics of the TokenStore port.
 *
 * Items live in a `Map` in the same shape the DynamoDB adapter stores (see `../item.ts`). Every
 * method runs its check and its write in one synchronous step after validation, so on one event
 * loop each call is atomic exactly like a conditional write. Items the store writes are frozen
 * and their validated records cached once (keyed by the item object), so a read neither clones
 * nor validates again; each read returns a fresh copy of the record (its `roles` a fresh array),
 * so a caller can never change stored state through a returned object. Items put into the map
 * from outside are validated on every read. Scans page in ascending token
 * id order (UTF-16 code unit order), which makes `afterTokenId` deterministic; an ordered index
 * of the keys (`key-index.ts`) makes each page a binary search, so a full listing is linear.
 */
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
  applyLabelChanges,
  BOOTSTRAP_MARKER_ID,
  type Item,
  recordToItem,
  restoreItem,
  revokeItem,
} from "../item.js";
import { confirmedItem, rotatedItem } from "../rotation-item.js";
import {
  checkOwner,
  checkRotateRequest,
  checkRoleCount,
  checkScanOptions,
  checkTime,
  checkTokenIdList,
  copyRecord,
  DEFAULT_PAGE_SIZE,
  matchesScan,
  normaliseChanges,
  sameAnswerFields,
  rotationRefusal,
  successorRecord,
  tryParseRecord,
  validateRecord,
} from "../token-model/index.js";
import { KeyIndex } from "./key-index.js";

/** Options of {@link MemoryTokenStore}. */
export interface MemoryTokenStoreOptions {
  /**
   * The backing map (token id → stored item). Pass one to share state between stores or to
   * inspect what was stored; items put into it directly are validated when read, like any
   * storage. Items the store writes are frozen: replace an item rather than change it in place.
   */
  readonly items?: Map<string, Record<string, unknown>>;
}

function copy(item: Item): Item {
  return structuredClone(item);
}

/**
 * A {@link TokenStore} in process memory: the reference semantics of the port, for tests and for
 * embedding. Scans page in ascending token id order. State lives only as long as the process.
 *
 * Throws the port's codes: `TOKEN_EXISTS`, `TOKEN_NOT_FOUND`, `INVALID_RECORD`, `INVALID_INPUT`.
 *
 * @example
 * ```ts
 * const store = new MemoryTokenStore();
 * await store.create({ tokenId: "AAAAAAAAAAAAAAAAAAAAA", secretPhc: phc, owner: "alice",
 *   isAdmin: false, createdAt: 1767225600 });
 * const record = await store.get("AAAAAAAAAAAAAAAAAAAAA");
 * ```
 */
export class MemoryTokenStore implements TokenStore {
  readonly #items: Map<string, Item>;
  /** Validated records of the (frozen) items this store wrote, keyed by the item object. */
  readonly #records = new WeakMap<Item, TokenRecord>();
  /** The keys in scan order, so a page costs a binary search, not a sort of every key. */
  readonly #index: KeyIndex;

  constructor(options: MemoryTokenStoreOptions = {}) {
    this.#items = options.items ?? new Map();
    this.#index = new KeyIndex(this.#items);
  }

  async create(record: TokenRecord): Promise<void> {
    const valid = validateRecord(record, "store");
    if (this.#items.has(valid.tokenId)) throw new TokenExistsError(valid.tokenId);
    this.#store(recordToItem(valid), valid);
  }

  /**
   * Writes `item` (a fresh object no caller holds) frozen, with its record when known. The
   * record is cached only for an item that validates, so an invalid item keeps failing reads.
   */
  #store(item: Item, record?: TokenRecord): void {
    if (Array.isArray(item.roles)) Object.freeze(item.roles);
    Object.freeze(item);
    const valid = record ?? tryParseRecord(item);
    if (valid !== null) this.#records.set(item, valid);
    this.#set(item.tokenId as string, item);
  }

  /** Puts `item` in the map under `key`, keeping the order index in step. */
  #set(key: string, item: Item): void {
    const added = !this.#items.has(key);
    this.#items.set(key, item);
    if (added) this.#index.added(key);
  }

  /** The record of a stored item (validating an item put into the map from outside). */
  #record(item: Item): TokenRecord {
    return this.#records.get(item) ?? validateRecord(item);
  }

  async get(tokenId: string): Promise<TokenRecord | null> {
    const item = this.#items.get(tokenId);
    return item === undefined ? null : copyRecord(this.#record(item));
  }

  async update(
    tokenId: string,
    changes: TokenChanges,
    conditions: UpdateConditions = {},
  ): Promise<TokenRecord | null> {
    const normal = normaliseChanges(changes);
    const item = this.#items.get(tokenId);
    if (item === undefined) throw new TokenNotFoundError(tokenId);
    const expected = conditions.expectedSecretPhc;
    if (expected !== undefined && item.secretPhc !== expected) return null;
    if (normal.empty) return copyRecord(this.#record(item));

    const next = copy(item);
    if (normal.owner !== undefined) next.owner = normal.owner;
    if (normal.isAdmin !== undefined) next.isAdmin = normal.isAdmin;
    if (normal.secretPhc !== undefined) next.secretPhc = normal.secretPhc;
    if (normal.expiresAt !== undefined) {
      // An explicit expiry wins over the one a later restore would give back. A cleared expiry
      // is stored as null, as the DynamoDB adapter stores NULL.
      next.expiresAt = normal.expiresAt;
      delete next.expiresAtBeforeRevoke;
    }
    applyLabelChanges(next, normal);
    if (normal.roles !== undefined) {
      // Read through validation: an injected item may hold roles as a Set, as lib-dynamodb does.
      const current = new Set(this.#record(item).roles ?? []);
      let roles: string[];
      if (normal.roles.kind === "replace") roles = [...normal.roles.roles];
      else if (normal.roles.kind === "add")
        roles = [...new Set([...current, ...normal.roles.roles])];
      else {
        const removed = new Set(normal.roles.roles);
        roles = [...current].filter((role) => !removed.has(role));
      }
      checkRoleCount(roles.length);
      if (roles.length === 0) delete next.roles;
      else next.roles = roles;
    }
    const record = validateRecord(next);
    this.#store(next, record);
    return copyRecord(record);
  }

  async revoke(tokenId: string, options: { revokedAt: number; cleanupAt?: number }): Promise<void> {
    const revokedAt = checkTime(options?.revokedAt, "revokedAt");
    const cleanupAt =
      options.cleanupAt === undefined ? undefined : checkTime(options.cleanupAt, "cleanupAt");
    const item = this.#items.get(tokenId);
    if (item === undefined) throw new TokenNotFoundError(tokenId);
    const next = revokeItem(item, revokedAt, cleanupAt);
    if (next !== item) this.#store(next);
  }

  async restore(tokenId: string): Promise<void> {
    const item = this.#items.get(tokenId);
    if (item === undefined) throw new TokenNotFoundError(tokenId);
    const next = restoreItem(item);
    if (next !== item) this.#store(next);
  }

  async touch(tokenId: string, lastUsedAt: number, expected?: TokenRecord): Promise<TouchOutcome> {
    checkTime(lastUsedAt, "lastUsedAt");
    const item = this.#items.get(tokenId);
    if (item === undefined) return "not_found";
    if (item.revokedAt !== undefined && item.revokedAt !== null) return "revoked";
    // A rotated token whose grace is over is revoked for every purpose (as DynamoDB's condition).
    if (typeof item.graceEndsAt === "number" && item.graceEndsAt <= lastUsedAt) return "revoked";
    if (expected !== undefined) {
      const current = this.#tryRecord(item);
      if (current === null || !sameAnswerFields(current, expected)) return "changed";
    }
    const next = { ...item, lastUsedAt };
    const before = this.#records.get(item);
    this.#store(next, before === undefined ? undefined : { ...before, lastUsedAt });
    return "touched";
  }

  scan(options: ScanOptions = {}): AsyncIterable<TokenRecord> {
    return this.#page(options, () => true);
  }

  queryByOwner(owner: string, options: ScanOptions = {}): AsyncIterable<TokenRecord> {
    return this.#page(
      options,
      (record) => record.owner === owner,
      () => checkOwner(owner),
    );
  }

  /** Pages lazily; the checks run at the first step, like every storage call of a listing. */
  async *#page(
    options: ScanOptions,
    keep: (record: TokenRecord) => boolean,
    check?: () => void,
  ): AsyncGenerator<TokenRecord> {
    checkScanOptions(options);
    check?.();
    const pageSize = options.pageSize ?? DEFAULT_PAGE_SIZE;
    let cursor = options.afterTokenId;
    for (;;) {
      // One page per step, taken when the consumer asks: later writes are seen, like a scan.
      const page = this.#index.page(cursor, pageSize);
      const records: TokenRecord[] = [];
      for (const id of page) {
        const item = this.#items.get(id);
        const record = item === undefined ? null : this.#tryRecord(item);
        if (record === null || !keep(record)) continue;
        if (!matchesScan(record, options)) continue;
        records.push(copyRecord(record));
      }
      yield* records;
      if (page.length < pageSize) return;
      cursor = page[page.length - 1];
    }
  }

  async batchGet(tokenIds: readonly string[]): Promise<BatchGetResult> {
    const found: TokenRecord[] = [];
    const notFound: string[] = [];
    for (const id of new Set(checkTokenIdList(tokenIds))) {
      const item = this.#items.get(id);
      const record = item === undefined ? null : this.#tryRecord(item);
      if (record === null) notFound.push(id);
      else found.push(copyRecord(record));
    }
    return { found, notFound };
  }

  async approximateCount(): Promise<number> {
    let count = 0;
    for (const item of this.#items.values()) if (this.#tryRecord(item) !== null) count += 1;
    return count;
  }

  #tryRecord(item: Item): TokenRecord | null {
    return this.#records.get(item) ?? tryParseRecord(item);
  }

  async isEmpty(): Promise<boolean> {
    return this.#holdsNoToken();
  }

  #holdsNoToken(): boolean {
    for (const item of this.#items.values()) if (this.#tryRecord(item) !== null) return false;
    return true;
  }

  async createFirst(record: TokenRecord): Promise<boolean> {
    const valid = validateRecord(record, "store");
    // No await between the checks and the writes: this is one atomic step.
    if (this.#items.has(BOOTSTRAP_MARKER_ID) || !this.#holdsNoToken()) return false;
    if (this.#items.has(valid.tokenId)) return false;
    this.#set(BOOTSTRAP_MARKER_ID, {
      tokenId: BOOTSTRAP_MARKER_ID,
      bootstrapTokenId: valid.tokenId,
      createdAt: valid.createdAt,
    });
    this.#store(recordToItem(valid), valid);
    return true;
  }

  async rotate(tokenId: string, request: RotateRequest): Promise<RotatedRecords> {
    const checked = checkRotateRequest(request);
    // No await from here on: the checks and both writes are one atomic step.
    const item = this.#items.get(tokenId);
    if (item === undefined) throw new TokenNotFoundError(tokenId);
    const record = this.#record(item);
    const refusal = rotationRefusal(record, checked.rotatedAt);
    if (refusal !== undefined) throw refusal;
    if (this.#items.has(checked.successorId)) throw new TokenExistsError(checked.successorId);
    const successor = validateRecord(successorRecord(record, checked), "store");
    const next = rotatedItem(item, checked);
    const predecessor = validateRecord(next);
    this.#store(recordToItem(successor), successor);
    this.#store(next, predecessor);
    return { predecessor: copyRecord(predecessor), successor: copyRecord(successor) };
  }

  async confirmRotation(successorId: string, predecessorId: string, at: number): Promise<void> {
    checkTime(at, "at");
    const old = this.#items.get(predecessorId);
    if (old !== undefined) {
      const next = confirmedItem(old, successorId, at);
      if (next !== old) this.#store(next);
    }
    const successor = this.#items.get(successorId);
    if (successor?.awaitingFirstUse !== undefined) {
      const next = { ...successor };
      delete next.awaitingFirstUse;
      this.#store(next);
    }
  }
}
