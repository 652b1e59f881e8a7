import { patVitestConfig } from "./vitest.shared";

export default patVitestConfig();
