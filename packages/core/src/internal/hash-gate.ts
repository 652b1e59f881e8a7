/**
 * A counting semaphore for scrypt. Node's native scrypt runs on the libuv pool (4 threads by
 * default) and never blocks the event loop, but with more hashes in flight than CPU cores the
 * hashing threads crowd out the thread that runs the event loop: measured on a 2-core machine,
 * 4 concurrent scrypts (N=16384) gave lower throughput and a higher event-loop delay p99 than 2.
 * So Pat runs at most `os.availableParallelism()` hashes at once by default; the others wait in
 * FIFO order. Waiting costs no memory (a hash allocates 128·N·r only when it starts).
 */
export class HashGate {
  readonly #limit: number;
  #running = 0;
  readonly #waiting: (() => void)[] = [];

  constructor(limit: number) {
    this.#limit = limit;
  }

  /** Runs `task` when a slot is free. */
  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.#running >= this.#limit) {
      await new Promise<void>((resolve) => this.#waiting.push(resolve));
    } else {
      this.#running += 1;
    }
    try {
      return await task();
    } finally {
      const next = this.#waiting.shift();
      // Hand the slot straight to the next waiter; only free it when nobody waits.
      if (next) next();
      else this.#running -= 1;
    }
  }
}
