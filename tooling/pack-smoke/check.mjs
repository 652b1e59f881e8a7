#!/usr/bin/env node
/**
 * Packaging smoke test. For every publishable package in packages/*: `pnpm pack` (which rewrites
 * `workspace:` ranges), install all tarballs together with npm into a scratch project under the
 * OS temp dir (outside the workspace, so nothing resolves through workspace links), then load
 * each entry point from an `.mjs` file (import) and a `.cjs` file (require) on Node 20 (this
 * machine), 22 and 24 (`npx -y node@22|24`), and compare the export names with the table below.
 *
 * Environment: `PAT_PACK_SMOKE_NODES="22 24"` picks the extra Node majors (`off` for none);
 * `PAT_PACK_SMOKE_KEEP=1` keeps the scratch dir.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/**
 * Entry points to load and the export names each must have. `enforce: false` only reports
 * missing names (for packages still being written); flip it to `true` once the API exists.
 * Entries of packages that are not packed (private, missing) are ignored.
 */
const EXPECTED = {
  "@pat/crypto": {
    names: [
      "hashSecret",
      "verifySecret",
      "generateTokenId",
      "formatToken",
      "parseToken",
      "parsePhc",
      "serializePhc",
      "scrypt",
      "timingSafeEqual",
    ],
    enforce: true,
  },
  "@pat/crypto/browser": {
    names: ["hashSecret", "verifySecret", "generateTokenId", "parseToken"],
    enforce: true,
  },
  "@pat/store": {
    names: ["MemoryTokenStore", "DynamoDBTokenStore", "createTokenTable", "PatError"],
    enforce: true,
  },
  "@pat/core": { names: ["DynamoDBPat", "Pat", "PatError"], enforce: true },
  "@pat/http": {
    names: [
      "createPatHandler",
      "requireToken",
      "buildSignerVerifier",
      "generateKeySet",
      "createOpenApiDocument",
    ],
    enforce: true,
  },
  ...Object.fromEntries(
    ["express", "fastify", "hono"].map((framework) => [
      `@pat/http/${framework}`,
      {
        names: [
          "createAuthRouter",
          "createAdminTokensRouter",
          "createRequireJwt",
          "createRequireAdmin",
          "createRequireRole",
          "requireToken",
          "buildSignerVerifier",
          "generateKeySet",
        ],
        enforce: true,
      },
    ]),
  ),
  "@pat/client": {
    names: [
      "AccessTokensClient",
      "PatClientError",
      "HttpError",
      "NetworkError",
      "InvalidResponseError",
      "isApiError",
      "tokenRecordSchema",
    ],
    enforce: true,
  },
  "@pat/cli": { names: [], enforce: false },
};

/** Executables that installed packages must link into node_modules/.bin. */
const EXPECTED_BINS = { "@pat/cli": ["pat"] };

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, "..", "..");
const extraNodes = (process.env.PAT_PACK_SMOKE_NODES ?? "22 24").trim();
const majors = extraNodes === "off" || extraNodes === "" ? [] : extraNodes.split(/[\s,]+/);
const npx = process.platform === "win32" ? "npx.cmd" : "npx";
const pnpm = process.platform === "win32" ? "pnpm.cmd" : "pnpm";
const started = Date.now();
const problems = [];
const notes = [];

function log(message) {
  console.log(`pack-smoke: ${message}`);
}

// 1. Publishable packages.
const packages = readdirSync(join(root, "packages"))
  .map((dir) => join(root, "packages", dir))
  .filter((dir) => existsSync(join(dir, "package.json")))
  .map((dir) => ({ dir, manifest: JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) }))
  .filter(({ manifest }) => manifest.name && !manifest.private);
if (packages.length === 0) {
  console.error("pack-smoke: no publishable package under packages/");
  process.exit(1);
}

const scratch = mkdtempSync(join(tmpdir(), "pat-pack-smoke-"));
const tarballs = join(scratch, "tarballs");
const project = join(scratch, "project");
mkdirSync(tarballs);
mkdirSync(project);
let ok = false;
try {
  // 2. Pack.
  const dependencies = {};
  for (const { dir, manifest } of packages) {
    const before = new Set(readdirSync(tarballs));
    execFileSync(pnpm, ["pack", "--pack-destination", tarballs], { cwd: dir, stdio: "pipe" });
    const created = readdirSync(tarballs).filter((file) => !before.has(file));
    if (created.length !== 1) throw new Error(`pnpm pack of ${manifest.name} made ${created}`);
    dependencies[manifest.name] = `file:../tarballs/${created[0]}`;
  }
  // Optional peer dependencies (the frameworks of @pat/http's adapters) are installed too, at the
  // range the package tests with, so the entries that need them can load.
  for (const { manifest } of packages) {
    for (const [name, meta] of Object.entries(manifest.peerDependenciesMeta ?? {})) {
      if (meta?.optional && !(name in dependencies)) {
        dependencies[name] = manifest.devDependencies?.[name] ?? manifest.peerDependencies[name];
      }
    }
  }
  log(
    `packed ${Object.keys(dependencies)
      .filter((name) => name.startsWith("@pat/"))
      .join(", ")}`,
  );

  // 3. Install the tarballs together; overrides make @pat/* dependencies between them resolve
  //    to the tarballs, never to the registry.
  const overrides = Object.fromEntries(Object.keys(dependencies).map((name) => [name, `$${name}`]));
  writeFileSync(
    join(project, "package.json"),
    JSON.stringify({ name: "pat-pack-smoke-project", private: true, dependencies, overrides }),
  );
  execFileSync(
    "npm",
    ["install", "--no-audit", "--no-fund", "--prefer-offline", "--loglevel=error"],
    { cwd: project, stdio: ["ignore", "inherit", "inherit"] },
  );
  log(`installed into ${project}`);

  for (const [name, bins] of Object.entries(EXPECTED_BINS)) {
    if (!(name in dependencies)) continue;
    for (const bin of bins) {
      if (!existsSync(join(project, "node_modules", ".bin", bin))) {
        problems.push(`${name}: bin "${bin}" is not linked`);
      }
    }
  }

  // 4. Load every entry from ESM and CJS.
  const entries = Object.keys(EXPECTED).filter((entry) =>
    Object.keys(dependencies).some((name) => entry === name || entry.startsWith(`${name}/`)),
  );
  const list = JSON.stringify(entries);
  writeFileSync(
    join(project, "smoke.mjs"),
    `const out = {};
for (const entry of ${list}) {
  try { out[entry] = Object.keys(await import(entry)).sort(); }
  catch (error) { out[entry] = { error: String(error && error.stack || error) }; }
}
console.log(JSON.stringify({ node: process.version, out }));
`,
  );
  writeFileSync(
    join(project, "smoke.cjs"),
    `const out = {};
for (const entry of ${list}) {
  try { out[entry] = Object.keys(require(entry)).sort(); }
  catch (error) { out[entry] = { error: String(error && error.stack || error) }; }
}
console.log(JSON.stringify({ node: process.version, out }));
`,
  );

  const runners = [
    { label: `Node ${process.versions.node}`, command: process.execPath, args: [] },
    ...majors.map((major) => ({
      label: `Node ${major}`,
      command: npx,
      args: ["-y", `node@${major}`],
    })),
  ];
  for (const runner of runners) {
    const seen = {};
    for (const file of ["smoke.mjs", "smoke.cjs"]) {
      const result = spawnSync(runner.command, [...runner.args, file], {
        cwd: project,
        encoding: "utf8",
        env: { ...process.env, npm_config_update_notifier: "false" },
      });
      const line = result.stdout.trim().split("\n").pop() ?? "";
      if (result.status !== 0 || !line.startsWith("{")) {
        problems.push(`${runner.label} ${file}: exit ${result.status}\n${result.stderr}`);
        continue;
      }
      const { node, out } = JSON.parse(line);
      for (const [entry, names] of Object.entries(out)) {
        if (!Array.isArray(names)) {
          problems.push(`${node} ${file}: cannot load ${entry}: ${names.error}`);
          continue;
        }
        (seen[entry] ??= {})[file] = names;
        const missing = EXPECTED[entry].names.filter((name) => !names.includes(name));
        if (missing.length > 0) {
          const message = `${entry} lacks ${missing.join(", ")}`;
          if (EXPECTED[entry].enforce) problems.push(`${message} (${file}, ${node})`);
          else notes.push(message);
        }
      }
    }
    for (const [entry, byFile] of Object.entries(seen)) {
      const esm = JSON.stringify(byFile["smoke.mjs"]);
      const cjs = JSON.stringify(byFile["smoke.cjs"]);
      if (byFile["smoke.mjs"] && byFile["smoke.cjs"] && esm !== cjs) {
        problems.push(`${entry} on ${runner.label}: ESM exports ${esm} but CJS exports ${cjs}`);
      }
      if (runner === runners[0]) {
        const names = byFile["smoke.mjs"] ?? byFile["smoke.cjs"] ?? [];
        log(`${entry}: ${names.length} exports${names.length ? `: ${names.join(", ")}` : ""}`);
      }
    }
    log(`${runner.label}: import and require checked`);
  }
  ok = problems.length === 0;
} catch (error) {
  problems.push(String(error && error.stack ? error.stack : error));
} finally {
  for (const note of [...new Set(notes)]) log(`not yet exported (enforce: false): ${note}`);
  if (ok && !process.env.PAT_PACK_SMOKE_KEEP) rmSync(scratch, { recursive: true, force: true });
  else log(`scratch dir kept: ${scratch}`);
}

if (problems.length > 0) {
  for (const problem of problems) console.error(`pack-smoke: FAIL ${problem}`);
  process.exit(1);
}
log(`passed in ${((Date.now() - started) / 1000).toFixed(1)} s`);
