/**
 * The ```ts blocks of packages/client/README.md, run by the shared README runner with
 * `@pat/client` pointed at the source.
 */
import { fileURLToPath } from "node:url";
import {
  readmeBlocks as blocksOf,
  runReadmeBlock as run,
  type ReadmeBlock,
} from "@pat/tooling/readme";

const packageDir = fileURLToPath(new URL("../..", import.meta.url));

/** Every ```ts block of the README, in order. */
export function readmeBlocks(): ReadmeBlock[] {
  return blocksOf(packageDir);
}

/** Runs `block` with `@pat/client` pointed at the source. */
export function runReadmeBlock(block: ReadmeBlock): Promise<void> {
  return run(packageDir, "@pat/client", block);
}
