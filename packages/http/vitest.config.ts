import { patVitestConfig } from "../../tooling/vitest.shared";

export default patVitestConfig();
