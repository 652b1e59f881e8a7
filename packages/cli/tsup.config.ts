import { readFileSync } from "node:fs";
import { patTsupConfig } from "../../tooling/tsup.shared";

const { version } = JSON.parse(
  readFileSync(new URL("./package.json", import.meta.url), "utf8"),
) as {
  version: string;
};

// `pat --version` prints the package version, fixed at build time.
export default patTsupConfig({
  entry: { index: "src/index.ts", bin: "src/bin.ts" },
  define: { __PAT_VERSION__: JSON.stringify(version) },
});
