// Why: times of ours and of its floor drift with other load; timing them back to back in pairs
// and reporting the median of the pair ratios cancels most of that drift.
import { median } from "./stats";
import { time } from "./time";

/**
 * Which of a pair runs first: `random` (a coin toss each round), `alternate` (the floor on even
 * rounds, ours on odd ones) or `floor-first` (always the floor).
 */
export type PairOrder = "random" | "alternate" | "floor-first";

export interface CompareOptions {
  /** Who goes first in each round; default `random`. */
  order?: PairOrder;
  /** Run ours, then the floor, once untimed before the rounds; default false. */
  warmUp?: boolean;
}

export interface Comparison {
  /** Median time of ours, ms. */
  ours: number;
  /** Median time of the floor, ms. */
  floor: number;
  /** Median of the per-round ratios ours / floor. */
  ratio: number;
  /** Ratio of the two medians, `ours / floor`. */
  ratioOfMedians: number;
}

/** Times `rounds` pairs of (ours, floor), each given the round index, in the given order. */
export async function compare(
  rounds: number,
  ours: (round: number) => Promise<unknown>,
  floor: (round: number) => Promise<unknown>,
  { order = "random", warmUp = false }: CompareOptions = {},
): Promise<Comparison> {
  if (warmUp) {
    await ours(0);
    await floor(0);
  }
  const a: number[] = [];
  const b: number[] = [];
  const ratios: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const floorFirst =
      order === "floor-first" || (order === "alternate" ? i % 2 === 0 : Math.random() >= 0.5);
    let x: number;
    let y: number;
    if (floorFirst) {
      y = await time(() => floor(i));
      x = await time(() => ours(i));
    } else {
      x = await time(() => ours(i));
      y = await time(() => floor(i));
    }
    a.push(x);
    b.push(y);
    ratios.push(x / y);
  }
  const medianOurs = median(a);
  const medianFloor = median(b);
  return {
    ours: medianOurs,
    floor: medianFloor,
    ratio: median(ratios),
    ratioOfMedians: medianOurs / medianFloor,
  };
}
