#!/usr/bin/env node
/**
 * Runs the `unit` vitest project of the package in the current directory on the other supported
 * Node majors (22 and 24), using the `node@<major>` npm packages through `npx -y`. The machine's
 * Node (20) runs the full suite in the package's own `vitest run`.
 *
 * Usage (from a package's `test` script): `vitest run && node ../../tooling/scripts/node-matrix.mjs`
 * Environment: `PAT_NODE_MATRIX="22 24"` picks the majors; `PAT_NODE_MATRIX=off` skips the matrix.
 * Packages without unit test files (`test/**\/*.test.ts` other than `*.ddb` and `*.slow`) are
 * skipped.
 */
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

const cwd = process.cwd();
const setting = (process.env.PAT_NODE_MATRIX ?? "22 24").trim();
if (setting === "off" || setting === "") {
  console.log("node-matrix: skipped (PAT_NODE_MATRIX=off)");
  process.exit(0);
}
const majors = setting.split(/[\s,]+/);

function hasUnitTests(dir) {
  if (!existsSync(dir)) return false;
  for (const entry of readdirSync(dir)) {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) {
      if (hasUnitTests(path)) return true;
    } else if (
      entry.endsWith(".test.ts") &&
      !entry.endsWith(".ddb.test.ts") &&
      !entry.endsWith(".slow.test.ts")
    ) {
      return true;
    }
  }
  return false;
}

const name = (() => {
  try {
    return createRequire(join(cwd, "package.json"))("./package.json").name;
  } catch {
    return cwd;
  }
})();

if (!hasUnitTests(join(cwd, "test"))) {
  console.log(`node-matrix: ${name} has no unit tests, skipped`);
  process.exit(0);
}

let vitestEntry;
try {
  const require = createRequire(join(cwd, "package.json"));
  vitestEntry = join(dirname(require.resolve("vitest/package.json")), "vitest.mjs");
} catch {
  console.error(`node-matrix: vitest is not installed in ${name}`);
  process.exit(1);
}

const npx = process.platform === "win32" ? "npx.cmd" : "npx";
for (const major of majors) {
  const started = Date.now();
  // The Node that `npx -y node@<major>` actually runs, asked of the same command that runs the
  // tests: a cached or mis-resolved package must not pass for the major under test.
  const probe = spawnSync(npx, ["-y", `node@${major}`, "-p", "process.version"], {
    cwd,
    encoding: "utf8",
    env: { ...process.env, npm_config_update_notifier: "false" },
  });
  const version = (probe.stdout ?? "").trim().split(/\s+/).pop() ?? "";
  if (probe.error || probe.status !== 0 || !/^v\d+\./.test(version)) {
    console.error(
      `node-matrix: ${name}: could not start Node ${major}` +
        (probe.error
          ? ` (${probe.error.message})`
          : ` (exit ${probe.status}, output "${version}")`),
    );
    process.exit(probe.status || 1);
  }
  if (version.slice(1).split(".")[0] !== String(major).replace(/^v/, "")) {
    console.error(`node-matrix: ${name}: expected Node ${major} but ${version} ran`);
    process.exit(1);
  }
  console.log(`node-matrix: ${name}: unit tests on Node ${major} (${version})`);
  const result = spawnSync(
    npx,
    ["-y", `node@${major}`, vitestEntry, "run", "--project", "unit", "--reporter=dot"],
    {
      cwd,
      stdio: "inherit",
      env: { ...process.env, npm_config_update_notifier: "false" },
    },
  );
  if (result.error || result.status !== 0) {
    console.error(
      `node-matrix: ${name}: unit tests FAILED on Node ${major}` +
        (result.error ? ` (${result.error.message})` : ` (exit ${result.status})`),
    );
    process.exit(result.status || 1);
  }
  console.log(
    `node-matrix: ${name}: Node ${major} (${version}) passed in ${Date.now() - started} ms`,
  );
}
