/**
 * Listing time of `MemoryTokenStore` against its size: a full `scan()` (the default page size,
 * what `Pat.list()` asks for) of 10,000, 20,000 and 40,000 tokens. With the ordered key index a
 * page is a binary search and a slice, so the time grows linearly: 4× the tokens should take
 * about 4× as long (a sort of every key per page made it about 16×). Prints the best of 9 rounds, the time
 * per 1,000 tokens, and the growth against 10,000 tokens (target ≤ 1.5× the linear growth, a
 * margin for a shared machine). Run: `pnpm --filter @pat/store bench:memory-list`.
 */
import { markdownTable, verdict } from "@pat/tooling/bench";
import { MemoryTokenStore } from "../src/index.js";
import { placeholderPhc } from "../src/internal/conformance/fixtures.js";

const SIZES = [10_000, 20_000, 40_000] as const;
const ROUNDS = 9;
const PHC = placeholderPhc(4);

/** Token ids in a scrambled order, so that the index has to sort them. */
function tokenId(i: number): string {
  return `mem${String((i * 7919) % 1_000_003).padStart(18, "0")}`;
}

async function filled(size: number): Promise<MemoryTokenStore> {
  const store = new MemoryTokenStore();
  for (let i = 0; i < size; i++) {
    await store.create({
      tokenId: tokenId(i),
      secretPhc: PHC,
      owner: `owner${i % 50}`,
      isAdmin: false,
      createdAt: 1_700_000_000,
    });
  }
  return store;
}

async function listAll(store: MemoryTokenStore): Promise<number> {
  let count = 0;
  for await (const _record of store.scan()) count++;
  return count;
}

async function main(): Promise<void> {
  const results: { size: number; ms: number }[] = [];
  for (const size of SIZES) {
    const store = await filled(size);
    await listAll(store); // warm-up (and the first merge of the index)
    const times: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const start = performance.now();
      const count = await listAll(store);
      times.push(performance.now() - start);
      if (count !== size) throw new Error(`listed ${count} of ${size} tokens`);
    }
    results.push({ size, ms: Math.min(...times) });
  }
  const base = results[0] as { size: number; ms: number };
  const rows = results.map(({ size, ms }) => {
    const growth = ms / base.ms;
    const linear = size / base.size;
    return [
      `full scan() of ${size.toLocaleString("en-US")} tokens`,
      ms.toFixed(1),
      ((ms / size) * 1000).toFixed(2),
      `${growth.toFixed(2)}× (linear: ${linear}×)`,
      `≤ ${(1.5 * linear).toFixed(1)}×`,
      verdict(growth <= 1.5 * linear),
    ];
  });
  console.log(
    `MemoryTokenStore listing, Node ${process.version}, best of ${ROUNDS} rounds after a warm-up (the least disturbed by other load and GC)\n`,
  );
  console.log(
    markdownTable(["benchmark", "ms", "ms per 1,000", "growth vs 10,000", "target", "met"], rows, [
      "left",
      "right",
      "right",
      "right",
      "left",
      "left",
    ]),
  );
}

await main();
