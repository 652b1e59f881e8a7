/**
 * A TokenStore that delegates to a real store, counts calls per method, and can run a hook right
 * after `get` resolves (to make a concurrent change land between verify's read and its write).
 * It changes no behaviour of the store it wraps.
 */
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
} from "../../src/index.js";

type Method = keyof TokenStore;

export class CountingStore implements TokenStore {
  readonly calls: Record<Method, number> = {
    create: 0,
    get: 0,
    update: 0,
    revoke: 0,
    restore: 0,
    touch: 0,
    scan: 0,
    queryByOwner: 0,
    batchGet: 0,
    approximateCount: 0,
    isEmpty: 0,
    createFirst: 0,
    rotate: 0,
    confirmRotation: 0,
  };
  afterGet: (() => Promise<void>) | undefined;

  constructor(private readonly inner: TokenStore) {}

  total(): number {
    return Object.values(this.calls).reduce((a, b) => a + b, 0);
  }

  create(record: TokenRecord): Promise<void> {
    this.calls.create++;
    return this.inner.create(record);
  }
  async get(tokenId: string): Promise<TokenRecord | null> {
    this.calls.get++;
    const record = await this.inner.get(tokenId);
    if (this.afterGet) await this.afterGet();
    return record;
  }
  update(
    tokenId: string,
    changes: TokenChanges,
    conditions?: UpdateConditions,
  ): Promise<TokenRecord | null> {
    this.calls.update++;
    return this.inner.update(tokenId, changes, conditions);
  }
  revoke(tokenId: string, options: { revokedAt: number; cleanupAt?: number }): Promise<void> {
    this.calls.revoke++;
    return this.inner.revoke(tokenId, options);
  }
  restore(tokenId: string): Promise<void> {
    this.calls.restore++;
    return this.inner.restore(tokenId);
  }
  touch(tokenId: string, lastUsedAt: number, expected?: TokenRecord): Promise<TouchOutcome> {
    this.calls.touch++;
    return this.inner.touch(tokenId, lastUsedAt, expected);
  }
  scan(options?: ScanOptions): AsyncIterable<TokenRecord> {
    this.calls.scan++;
    return this.inner.scan(options);
  }
  queryByOwner(owner: string, options?: ScanOptions): AsyncIterable<TokenRecord> {
    this.calls.queryByOwner++;
    return this.inner.queryByOwner(owner, options);
  }
  batchGet(tokenIds: readonly string[]): Promise<BatchGetResult> {
    this.calls.batchGet++;
    return this.inner.batchGet(tokenIds);
  }
  approximateCount(): Promise<number> {
    this.calls.approximateCount++;
    return this.inner.approximateCount();
  }
  isEmpty(): Promise<boolean> {
    this.calls.isEmpty++;
    return this.inner.isEmpty();
  }
  createFirst(record: TokenRecord): Promise<boolean> {
    this.calls.createFirst++;
    return this.inner.createFirst(record);
  }
  rotate(tokenId: string, request: RotateRequest): Promise<RotatedRecords> {
    this.calls.rotate++;
    return this.inner.rotate(tokenId, request);
  }
  confirmRotation(successorId: string, predecessorId: string, at: number): Promise<void> {
    this.calls.confirmRotation++;
    return this.inner.confirmRotation(successorId, predecessorId, at);
  }
}
