/**
 * The ```ts blocks of packages/core/README.md, run by the shared README runner with `@pat/core`
 * pointed at the source; a block that builds a `DynamoDBPat` or reads `DYNAMODB_ENDPOINT` runs
 * in readme.ddb.test.ts, the others in readme.test.ts.
 */
import { fileURLToPath } from "node:url";
import {
  readmeBlocks as blocksOf,
  runReadmeBlock as run,
  type ReadmeBlock,
} from "@pat/tooling/readme";

const packageDir = fileURLToPath(new URL("../..", import.meta.url));

/** A README block, and whether it talks to DynamoDB. */
export interface CoreReadmeBlock extends ReadmeBlock {
  readonly needsDynamoDB: boolean;
}

/** Every ```ts block of the README, in order. */
export function readmeBlocks(): CoreReadmeBlock[] {
  return blocksOf(packageDir).map((block) => ({
    ...block,
    needsDynamoDB: /DynamoDBPat\(|DYNAMODB_ENDPOINT/.test(block.code),
  }));
}

/** Runs `block` with `@pat/core` pointed at the source. */
export function runReadmeBlock(block: ReadmeBlock): Promise<void> {
  return run(packageDir, "@pat/core", block);
}
