/**
 * The built package without `@opentelemetry/api`: it is an optional peer dependency, so both
 * builds (ESM `dist/index.js`, CommonJS `dist/index.cjs`) must load and work, events included,
 * in a process where the package cannot be resolved at all. A child Node process blocks its
 * resolution for `require` (a patch of the CommonJS resolver) and for `import` (a module resolve
 * hook), both preloaded, then loads each build, issues and verifies a token, and prints the events.
 */
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { ensureBuilt as ensureBuiltAt } from "@pat/tooling/build";
import { beforeAll, describe, expect, it } from "vitest";

const root = fileURLToPath(new URL("..", import.meta.url));
const dist = join(root, "dist");
const outputs = ["index.js", "index.cjs", "index.d.ts", "index.d.cts"];

/** Builds dist with tsup when it is missing or older than any source file. */
const ensureBuilt = () => ensureBuiltAt(root, outputs);

/** Preloaded with `--import`: makes `@opentelemetry/*` unresolvable for require and import. */
const BLOCK = `
import Module from "node:module";
const blocked = (specifier) => typeof specifier === "string" && specifier.startsWith("@opentelemetry/");
const resolve = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  if (blocked(request)) {
    const error = new Error("Cannot find module '" + request + "' (blocked by the test)");
    error.code = "MODULE_NOT_FOUND";
    throw error;
  }
  return resolve.call(this, request, ...rest);
};
const hooks = "export async function resolve(specifier, context, next) {" +
  " if (specifier.startsWith('@opentelemetry/')) {" +
  "  const error = new Error('Cannot find package ' + specifier + ' (blocked by the test)');" +
  "  error.code = 'ERR_MODULE_NOT_FOUND'; throw error; }" +
  " return next(specifier, context); }";
Module.register("data:text/javascript," + encodeURIComponent(hooks));
`;

/** Run in the child: the API is really missing, then the build works, events included. */
function program(load: string): string {
  return `
const missing = await import("@opentelemetry/api").then(() => false, () => true);
let requireMissing = false;
try { (await import("node:module")).createRequire(${JSON.stringify(join(root, "package.json"))})("@opentelemetry/api"); } catch { requireMissing = true; }
const core = ${load};
const events = [];
const pat = new core.Pat({
  store: new core.MemoryTokenStore(),
  scryptOptions: { cost: 16, blockSize: 8 },
  onEvent: (event) => { events.push(event.type); },
});
const { token } = await pat.issue({ owner: "dist" });
const result = await pat.verify(token);
console.log(JSON.stringify({ missing, requireMissing, valid: result.valid, events }));
`;
}

function runChild(load: string): unknown {
  const output = execFileSync(
    process.execPath,
    [
      "--import",
      `data:text/javascript,${encodeURIComponent(BLOCK)}`,
      "--input-type=module",
      "--eval",
      program(load),
    ],
    { cwd: root, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] },
  );
  return JSON.parse(output.trim().split("\n").pop() ?? "null");
}

const EXPECTED = {
  missing: true,
  requireMissing: true,
  valid: true,
  events: ["issued", "verified"],
};

describe("built package without @opentelemetry/api", () => {
  beforeAll(ensureBuilt, 120_000);

  it("never imports @opentelemetry/api (its telemetry types are structural)", () => {
    for (const file of outputs) {
      // Code lines only: doc comments show `import * as otel from "@opentelemetry/api"`.
      const code = readFileSync(join(dist, file), "utf8")
        .split("\n")
        .filter((line) => !/^\s*(\*|\/\*|\/\/)/.test(line));
      const specifier = /(?:\bfrom|\brequire\(|\bimport\(|^\s*import)\s*["']@opentelemetry\//;
      expect(code.filter((line) => specifier.test(line))).toEqual([]);
    }
  });

  it("loads and works with import from dist/index.js", () => {
    const url = pathToFileURL(join(dist, "index.js")).href;
    expect(runChild(`await import(${JSON.stringify(url)})`)).toEqual(EXPECTED);
  });

  it("loads and works with require() from dist/index.cjs", () => {
    const path = join(dist, "index.cjs");
    expect(
      runChild(
        `(await import("node:module")).createRequire(import.meta.url)(${JSON.stringify(path)})`,
      ),
    ).toEqual(EXPECTED);
  });
});
