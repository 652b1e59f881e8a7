import type { Options } from "tsup";
import { patTsupConfig } from "../../tooling/tsup.shared";

// `neutral`: the client runs in browsers and workers as well as Node, so the build must not
// assume Node built-ins.
const config: Options[] = patTsupConfig({ entry: { index: "src/index.ts" }, platform: "neutral" });
export default config;
