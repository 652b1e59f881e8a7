import { patTsupConfig } from "../../tooling/tsup.shared";

// @noble/hashes 2.x is ESM-only: the CommonJS build inlines it so `require("@pat/crypto")` loads.
export default patTsupConfig({
  entry: { index: "src/index.ts", browser: "src/browser.ts" },
  bundleIntoCjs: ["@noble/hashes"],
});
