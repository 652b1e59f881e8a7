import { patTsupConfig } from "../../tooling/tsup.shared";

export default patTsupConfig({ entry: { index: "src/index.ts" } });
