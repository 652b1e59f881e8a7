import type { Options } from "tsup";
import { patTsupConfig } from "../../tooling/tsup.shared";

// @noble/hashes 2.x is ESM-only: the CommonJS build inlines it so `require("@pat/crypto")` loads.
const config: Options[] = patTsupConfig({
  entry: { index: "src/index.ts", browser: "src/browser.ts" },
  bundleIntoCjs: ["@noble/hashes"],
});
export default config;
