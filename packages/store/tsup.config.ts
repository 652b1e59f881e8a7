import type { Options } from "tsup";
import { patTsupConfig } from "../../tooling/tsup.shared";

const entry = { index: "src/index.ts", testing: "src/testing.ts" };
const [esm, cjs] = patTsupConfig({ entry }) as [Options, Options];

// The ESM build keeps one file per source module (no bundling), so a bundler that imports only
// `MemoryTokenStore` (a browser or worker build) drops the DynamoDB adapter, and with it every
// import of the AWS SDK: `sideEffects: false` lets it skip modules, not parts of one file.
// The CommonJS build stays one file per entry.
const config: Options[] = [
  { ...esm, entry: ["src/**/*.ts", "!src/**/*.test.ts"], bundle: false, dts: { entry } },
  cjs,
];
export default config;
