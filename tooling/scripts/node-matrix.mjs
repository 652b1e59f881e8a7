#!/usr/bin/env node
/**
 * Runs the `unit` vitest project of the package in the current directory on the other supported
 * Node majors (22 and 24), using the `node@<major>` npm packages through `npx -y`. The machine's
 * Node (20) runs the full suite in the package's own `vitest run`. The binary npx finds for a
 * major is remembered in `node_modules/.cache/pat-node-matrix.json` and asked for its version
 * before every use, so later packages of the run start it directly.
 *
 * Usage (from a package's `test` script): `vitest run && node ../../tooling/scripts/node-matrix.mjs`
 * Environment: `PAT_NODE_MATRIX="22 24"` picks the majors; `PAT_NODE_MATRIX=off` skips the matrix;
 * `PAT_NODE_MATRIX_CACHE` is the file that remembers each major's binary.
 * Packages without unit test files (`test/**\/*.test.ts` other than `*.ddb` and `*.slow`) are
 * skipped.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

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
// The Node binary of each major, found once per checkout through `npx -y node@<major>` and kept
// in node_modules/.cache, so the packages of one run do not each pay npx's start-up twice.
// `PAT_NODE_MATRIX_CACHE` names another file (the script's own tests use one of their own).
const cacheFile =
  process.env.PAT_NODE_MATRIX_CACHE ??
  fileURLToPath(new URL("../../node_modules/.cache/pat-node-matrix.json", import.meta.url));

function readCache() {
  try {
    return JSON.parse(readFileSync(cacheFile, "utf8"));
  } catch {
    return {};
  }
}

/** `{ version }` of the Node that `command args` runs, or `{ problem }`. */
function askVersion(command, args) {
  const probe = spawnSync(command, [...args, "-p", "process.execPath + ' ' + process.version"], {
    cwd,
    encoding: "utf8",
    env: { ...process.env, npm_config_update_notifier: "false" },
  });
  // The last line is "<execPath> <version>"; the path may hold spaces, the version does not.
  const line = (probe.stdout ?? "").trim().split("\n").pop() ?? "";
  const execPath = line.slice(0, line.lastIndexOf(" "));
  const version = line.slice(line.lastIndexOf(" ") + 1);
  if (probe.error || probe.status !== 0 || !/^v\d+\./.test(version)) {
    return {
      problem: probe.error
        ? probe.error.message
        : `exit ${probe.status}, output "${(probe.stdout ?? "").trim()}"`,
      status: probe.status,
    };
  }
  return { execPath, version };
}

for (const major of majors) {
  const started = Date.now();
  const wanted = String(major).replace(/^v/, "");
  // The binary that will run the tests is itself asked for its version: a cached path, or a
  // mis-resolved npx package, must not pass for the major under test.
  const cached = readCache()[wanted];
  let found = typeof cached === "string" && existsSync(cached) ? askVersion(cached, []) : undefined;
  if (found?.version?.slice(1).split(".")[0] !== wanted) {
    found = askVersion(npx, ["-y", `node@${major}`]);
    if (found.problem !== undefined) {
      console.error(`node-matrix: ${name}: could not start Node ${major} (${found.problem})`);
      process.exit(found.status || 1);
    }
    mkdirSync(dirname(cacheFile), { recursive: true });
    writeFileSync(cacheFile, JSON.stringify({ ...readCache(), [wanted]: found.execPath }));
  }
  const { execPath, version } = found;
  if (version.slice(1).split(".")[0] !== wanted) {
    console.error(`node-matrix: ${name}: expected Node ${major} but ${version} ran`);
    process.exit(1);
  }
  console.log(`node-matrix: ${name}: unit tests on Node ${major} (${version})`);
  const result = spawnSync(execPath, [vitestEntry, "run", "--project", "unit", "--reporter=dot"], {
    cwd,
    stdio: "inherit",
    env: { ...process.env, npm_config_update_notifier: "false" },
  });
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
