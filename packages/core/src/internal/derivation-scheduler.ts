/**
 * Fair scheduling of slow derivations (scrypt, RFC 7914) across token ids, so that a flood of
 * wrong secrets against one id cannot starve the verifies of other tokens.
 *
 * - Each token id has its own FIFO queue; at most one derivation per id is in flight.
 * - Free slots (at most `concurrency` derivations at once, sized to the hashing backend's own
 *   cap) go round-robin to the ids that have work waiting and none in flight: an id moves to
 *   the back of the rotation when it is served and again when its derivation ends. A flood on one id thus holds one slot at most, and every
 *   other id with work is served within one turn of the rotation.
 * - Identical concurrent requests (same key: a keyed digest of the stored hash and the secret)
 *   share one derivation and its answer.
 *
 * Picking a job costs O(concurrency) whatever the number of waiting ids (the ids skipped are
 * the ones in flight). Jobs are never dropped and never time out: a caller waits its turn.
 */

interface Job {
  readonly run: () => Promise<unknown>;
  readonly resolve: (value: unknown) => void;
  readonly reject: (reason: unknown) => void;
}

/** Counts of a {@link DerivationScheduler}, for tests and monitoring. */
export interface SchedulerStats {
  /** Derivations running now. */
  readonly running: number;
  /** Derivations waiting for a slot. */
  readonly waiting: number;
  /** Ids with derivations waiting. */
  readonly waitingIds: number;
}

/** Round-robin per-id queues under a global concurrency limit (see the file comment). */
export class DerivationScheduler {
  readonly #concurrency: number;
  /** Waiting jobs by id, in rotation order (a Map iterates in insertion order). */
  readonly #queues = new Map<string, Job[]>();
  /** Ids with a derivation in flight. */
  readonly #busy = new Set<string>();
  /** Derivations queued or in flight, by key, for sharing. */
  readonly #shared = new Map<string, Promise<unknown>>();
  #running = 0;
  #waiting = 0;

  constructor(concurrency: number) {
    if (!Number.isSafeInteger(concurrency) || concurrency < 1) {
      throw new RangeError(`concurrency must be a positive integer (got ${String(concurrency)})`);
    }
    this.#concurrency = concurrency;
  }

  /** Current counts. */
  get stats(): SchedulerStats {
    return { running: this.#running, waiting: this.#waiting, waitingIds: this.#queues.size };
  }

  /**
   * Runs `task` for `id` in its turn and resolves its result. With a `key`, a request while
   * another with the same key is queued or running gets that one's result instead (the key
   * must determine the result, e.g. a digest of everything the task reads).
   */
  run<T>(id: string, key: string | undefined, task: () => Promise<T>): Promise<T> {
    if (key !== undefined) {
      const shared = this.#shared.get(key);
      if (shared !== undefined) return shared as Promise<T>;
    }
    const result = new Promise<T>((resolve, reject) => {
      const job: Job = { run: task, resolve: resolve as (value: unknown) => void, reject };
      const queue = this.#queues.get(id);
      if (queue === undefined) this.#queues.set(id, [job]);
      else queue.push(job);
      this.#waiting++;
    });
    if (key !== undefined) {
      this.#shared.set(key, result);
      const forget = () => {
        if (this.#shared.get(key) === result) this.#shared.delete(key);
      };
      result.then(forget, forget);
    }
    this.#pump();
    return result;
  }

  /** Starts waiting jobs while slots are free. */
  #pump(): void {
    while (this.#running < this.#concurrency) {
      const next = this.#take();
      if (next === undefined) return;
      this.#start(next.id, next.job);
    }
  }

  /** The first job of the first id in rotation with nothing in flight; rotates that id. */
  #take(): { id: string; job: Job } | undefined {
    for (const [id, queue] of this.#queues) {
      if (this.#busy.has(id)) continue;
      const job = queue.shift();
      this.#queues.delete(id);
      if (queue.length > 0) this.#queues.set(id, queue);
      if (job === undefined) continue;
      this.#waiting--;
      return { id, job };
    }
    return undefined;
  }

  #start(id: string, job: Job): void {
    this.#running++;
    this.#busy.add(id);
    const done = () => {
      this.#running--;
      this.#busy.delete(id);
      // Requests that arrived while it ran wait their turn behind the ids waiting meanwhile.
      const queue = this.#queues.get(id);
      if (queue !== undefined) {
        this.#queues.delete(id);
        this.#queues.set(id, queue);
      }
      this.#pump();
    };
    let started: Promise<unknown>;
    try {
      started = job.run();
    } catch (error) {
      started = Promise.reject(error);
    }
    started.then(
      (value) => {
        done();
        job.resolve(value);
      },
      (error: unknown) => {
        done();
        job.reject(error);
      },
    );
  }
}
