import { spawnSync } from "node:child_process";
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { delimiter, dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const toolingDir = join(dirname(fileURLToPath(import.meta.url)), "..");
const script = join(toolingDir, "scripts", "node-matrix.mjs");

// A package directory below tooling/node_modules (ignored by git), so that the script finds
// vitest from it, and a fake `npx` that answers `-y node@<major> ...` with this machine's Node:
// the version probe reports process.version of whatever Node actually ran.
let pkg: string;
let bin: string;

beforeAll(() => {
  const base = join(toolingDir, "node_modules", ".cache");
  mkdirSync(base, { recursive: true });
  const root = mkdtempSync(join(base, "node-matrix-"));
  pkg = join(root, "pkg");
  bin = join(root, "bin");
  mkdirSync(join(pkg, "test"), { recursive: true });
  mkdirSync(bin);
  writeFileSync(join(pkg, "package.json"), JSON.stringify({ name: "matrix-fixture" }));
  writeFileSync(join(pkg, "test", "a.test.ts"), "");
  // Runs the probe (`-p ...`) on the real Node; stands in for the vitest run.
  writeFileSync(
    join(bin, "npx"),
    [
      "#!/bin/sh",
      "shift 2",
      'if [ "$1" = "-p" ]; then exec "$FAKE_NODE" "$@"; fi',
      'echo "fake vitest run"',
    ].join("\n") + "\n",
  );
  chmodSync(join(bin, "npx"), 0o755);
});

afterAll(() => {
  rmSync(dirname(pkg), { recursive: true, force: true });
});

function runMatrix(majors: string): { status: number | null; out: string } {
  const result = spawnSync(process.execPath, [script], {
    cwd: pkg,
    encoding: "utf8",
    env: {
      ...process.env,
      PATH: `${bin}${delimiter}${process.env.PATH ?? ""}`,
      FAKE_NODE: process.execPath,
      PAT_NODE_MATRIX: majors,
    },
  });
  return { status: result.status, out: `${result.stdout}${result.stderr}` };
}

describe("node-matrix", () => {
  const major = process.versions.node.split(".")[0] as string;
  const other = String(Number(major) + 2);

  it("prints the version of the Node that actually ran", () => {
    const { status, out } = runMatrix(major);
    expect(out).toContain(`unit tests on Node ${major} (${process.version})`);
    expect(out).toContain("fake vitest run");
    expect(out).toContain(`Node ${major} (${process.version}) passed`);
    expect(status).toBe(0);
  });

  it("fails when the Node that ran is not the expected major", () => {
    const { status, out } = runMatrix(other);
    expect(status).not.toBe(0);
    expect(out).toContain(`expected Node ${other} but ${process.version} ran`);
    expect(out).not.toContain("fake vitest run");
  });
});
