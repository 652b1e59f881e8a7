/**
 * A counting semaphore (Dijkstra's P/V) that caps how many scrypt (RFC 7914) derivations a
 * backend runs at once (each backend has its own). A portable derivation holds its memory while
 * it runs, so the cap turns "500 concurrent calls" into at most `limit` live buffers; the native
 * backend's cap keeps a pool thread free (see `backend-node.ts`). Waiters are served first in,
 * first out.
 */
export class Semaphore {
  #available: number;
  readonly #waiters: (() => void)[] = [];

  constructor(readonly limit: number) {
    this.#available = limit;
  }

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.#available > 0) {
      this.#available--;
    } else {
      await new Promise<void>((resolve) => this.#waiters.push(resolve));
    }
    try {
      return await task();
    } finally {
      const next = this.#waiters.shift();
      if (next) next();
      else this.#available++;
    }
  }
}
