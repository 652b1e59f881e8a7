// Why: concurrent figures need `total` tasks spread over a fixed number of workers.

/** Runs `task(0)` … `task(total - 1)` with `concurrency` workers, each taking the next index. */
export async function pool(
  concurrency: number,
  total: number,
  task: (i: number) => Promise<unknown>,
): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (let i = next++; i < total; i = next++) await task(i);
    }),
  );
}
