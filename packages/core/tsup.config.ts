import type { Options } from "tsup";
import { patTsupConfig } from "../../tooling/tsup.shared";

// @noble/hashes 2.x (the memo's HMAC-SHA256) is ESM-only: the CommonJS build inlines it so
// `require("@pat/core")` loads on every supported Node.
const config: Options[] = patTsupConfig({
  entry: { index: "src/index.ts" },
  bundleIntoCjs: ["@noble/hashes"],
});
export default config;
