/**
 * Shared vitest configuration for every @pat package.
 *
 * Tests read workspace packages from source through the `@pat/source` export condition, so no
 * build step runs before a test. Projects split the suites by cost:
 * - `unit`: pure code, no endpoint, runs on every supported Node (20, 22, 24);
 * - `dynamodb`: files named `*.ddb.test.ts`, against one real DynamoDB endpoint per run
 *   (see `src/dynamodb/global-setup.ts`);
 * - `slow`: files named `*.slow.test.ts` (real-cost scrypt and other heavy checks).
 * Workers are capped at two: the machine has two cores, and DynamoDB Local (a JVM) shares them.
 *
 * Config files import this module by relative path (`../../tooling/vitest.shared`); the package
 * exports no path for it, so there is one way to import it.
 */
import { fileURLToPath } from "node:url";
import { defaultServerConditions, type UserConfig } from "vite";
import { defineConfig } from "vitest/config";

const globalSetup = fileURLToPath(new URL("./src/dynamodb/global-setup.ts", import.meta.url));

// Without `module`: packages such as @aws-sdk/core map `module` to bundler-only ESM (extensionless
// relative imports) that Node cannot load once vitest externalizes the dependency.
export const sourceConditions = [
  "@pat/source",
  ...defaultServerConditions.filter((condition) => condition !== "module"),
];

export function patVitestConfig(): UserConfig {
  return defineConfig({
    resolve: { conditions: sourceConditions },
    ssr: { resolve: { conditions: sourceConditions } },
    test: {
      maxWorkers: 2,
      // A package may have no test of some kind yet (or none at all, e.g. a fresh package);
      // that is not a failure of the run.
      passWithNoTests: true,
      testTimeout: 20_000,
      hookTimeout: 120_000,
      // The AWS SDK warns once per process that its 2027 releases will need Node 22; Node 20 is
      // a supported target of ours until then, so the notice is noise in every test worker.
      env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true" },
      projects: [
        {
          extends: true,
          test: {
            name: "unit",
            include: ["test/**/*.test.ts"],
            exclude: ["test/**/*.ddb.test.ts", "test/**/*.slow.test.ts"],
          },
        },
        {
          extends: true,
          test: {
            name: "slow",
            include: ["test/**/*.slow.test.ts"],
            testTimeout: 120_000,
          },
        },
        {
          extends: true,
          test: {
            name: "dynamodb",
            include: ["test/**/*.ddb.test.ts"],
            globalSetup: [globalSetup],
            testTimeout: 60_000,
          },
        },
      ],
    },
  }) as UserConfig;
}
