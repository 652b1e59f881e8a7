import type { Options } from "tsup";
import { patTsupConfig } from "../../tooling/tsup.shared";

const config: Options[] = patTsupConfig({ entry: { index: "src/index.ts" } });
export default config;
