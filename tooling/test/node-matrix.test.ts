import { spawnSync } from "node:child_process";
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { delimiter, dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const toolingDir = join(dirname(fileURLToPath(import.meta.url)), "..");
const script = join(toolingDir, "scripts", "node-matrix.mjs");

// A package directory below tooling/node_modules (ignored by git), so that the script finds
// vitest from it, and a fake `npx` that answers `-y node@<major> -p ...` with this machine's Node
// and logs each call: the version probe reports process.version of whatever Node actually ran,
// and that binary then runs the fixture's (empty) unit project.
let pkg: string;
let bin: string;
let root: string;

beforeAll(() => {
  const base = join(toolingDir, "node_modules", ".cache");
  mkdirSync(base, { recursive: true });
  root = mkdtempSync(join(base, "node-matrix-"));
  pkg = join(root, "pkg");
  bin = join(root, "bin");
  mkdirSync(join(pkg, "test"), { recursive: true });
  mkdirSync(bin);
  writeFileSync(join(pkg, "package.json"), JSON.stringify({ name: "matrix-fixture" }));
  writeFileSync(
    join(pkg, "test", "a.test.ts"),
    'import { it } from "vitest";\nit("ran on", () => console.log(`fixture ran on ${process.version}`));\n',
  );
  writeFileSync(
    join(bin, "npx"),
    [
      "#!/bin/sh",
      'echo "$*" >> "$NPX_LOG"',
      "shift 2",
      'if [ "$1" = "-p" ]; then exec "$FAKE_NODE" "$@"; fi',
      "exit 97",
    ].join("\n") + "\n",
  );
  chmodSync(join(bin, "npx"), 0o755);
});

afterAll(() => {
  rmSync(root, { recursive: true, force: true });
});

/** Runs the script for `majors` with the cache file `cache`; also counts the npx calls. */
function runMatrix(
  majors: string,
  cache: string,
): { status: number | null; out: string; npxCalls: number } {
  const log = join(root, `npx-${Math.random().toString(36).slice(2)}.log`);
  const result = spawnSync(process.execPath, [script], {
    cwd: pkg,
    encoding: "utf8",
    env: {
      ...process.env,
      PATH: `${bin}${delimiter}${process.env.PATH ?? ""}`,
      FAKE_NODE: process.execPath,
      NPX_LOG: log,
      PAT_NODE_MATRIX: majors,
      PAT_NODE_MATRIX_CACHE: cache,
    },
  });
  const calls = existsSync(log) ? readFileSync(log, "utf8").trim().split("\n").length : 0;
  return { status: result.status, out: `${result.stdout}${result.stderr}`, npxCalls: calls };
}

describe("node-matrix", () => {
  const major = process.versions.node.split(".")[0] as string;
  const other = String(Number(major) + 2);

  it("runs the unit tests on the Node that reported the major, found once and then remembered", () => {
    const cache = join(root, "cache-ok.json");
    const first = runMatrix(major, cache);
    expect(first.out).toContain(`unit tests on Node ${major} (${process.version})`);
    expect(first.out).toContain(`fixture ran on ${process.version}`);
    expect(first.out).toContain(`Node ${major} (${process.version}) passed`);
    expect(first.status).toBe(0);
    expect(first.npxCalls).toBe(1);
    expect(JSON.parse(readFileSync(cache, "utf8"))).toEqual({ [major]: process.execPath });
    // The next package of the run asks the remembered binary itself, not npx.
    const second = runMatrix(major, cache);
    expect(second.out).toContain(`fixture ran on ${process.version}`);
    expect(second.status).toBe(0);
    expect(second.npxCalls).toBe(0);
  });

  it("fails when the Node that ran is not the expected major, and runs no test", () => {
    const { status, out } = runMatrix(other, join(root, "cache-other.json"));
    expect(status).not.toBe(0);
    expect(out).toContain(`expected Node ${other} but ${process.version} ran`);
    expect(out).not.toContain("fixture ran on");
  });

  it("does not trust a remembered binary of another major: it asks npx again", () => {
    const cache = join(root, "cache-stale.json");
    writeFileSync(cache, JSON.stringify({ [other]: process.execPath }));
    const { status, out, npxCalls } = runMatrix(other, cache);
    expect(npxCalls).toBe(1);
    expect(status).not.toBe(0);
    expect(out).toContain(`expected Node ${other} but ${process.version} ran`);
    expect(out).not.toContain("fixture ran on");
  });
});
