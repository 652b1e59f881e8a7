import type { PatTsupOptions } from "../../tooling/tsup.shared";
import { patTsupConfig } from "../../tooling/tsup.shared";

// jose 6 is ESM-only: the CommonJS build inlines it so `require("@pat/http")` works on every
// supported Node. The frameworks stay external (optional peer dependencies).
const config: PatTsupOptions[] = patTsupConfig({
  entry: {
    index: "src/index.ts",
    express: "src/express.ts",
    fastify: "src/fastify.ts",
    hono: "src/hono.ts",
  },
  bundleIntoCjs: ["jose"],
});
export default config;
