/**
 * The Fetch entry runs on workers and edge runtimes: an app that imports `@pat/http` with
 * `Pat` and `MemoryTokenStore` from `@pat/core`, bundled by esbuild for the browser platform
 * with the `worker` and `browser` conditions (what Wrangler, Vercel's edge build and Vite's
 * worker build resolve), has no Node built-in and no AWS code in its output, and the bundle
 * answers bearer-authenticated requests, the token exchange and the admin API inside a `node:vm`
 * context that holds only what a worker provides.
 *
 * It bundles the BUILT packages (`dist/`), as an application's bundler would, so it proves the
 * published layout; it refuses to run on a missing or stale build.
 */
import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import vm from "node:vm";
import { build } from "esbuild";
import { describe, expect, it } from "vitest";

const packagesDir = fileURLToPath(new URL("../..", import.meta.url));

function newest(dir: string): number {
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(path) : statSync(path).mtimeMs);
  }
  return latest;
}

/** Throws unless every package in the bundle has a build newer than its sources. */
function assertFreshBuilds(): void {
  for (const name of ["crypto", "store", "core", "http"]) {
    const dist = join(packagesDir, name, "dist", "index.js");
    let built: number;
    try {
      built = statSync(dist).mtimeMs;
    } catch {
      throw new Error(`${dist} is missing: run \`pnpm build\` (pnpm test does)`);
    }
    if (newest(join(packagesDir, name, "src")) > built) {
      throw new Error(`${dist} is older than its src/: run \`pnpm build\``);
    }
  }
}

/** A worker's module: one exported function that the test calls inside the sandbox. */
const WORKER = `
import { MemoryTokenStore, Pat } from "@pat/core";
import {
  buildSignerVerifier,
  createPatHandler,
  generateKeySet,
  requireToken,
} from "@pat/http";

globalThis.runWorker = async () => {
  const pat = new Pat({ store: new MemoryTokenStore(), scryptOptions: { cost: 16, blockSize: 1 } });
  const { token } = await pat.issue({ owner: "edge@example.com", roles: ["reader"] });
  const { token: admin } = await pat.issue({ owner: "root@example.com", isAdmin: true });
  const auth = requireToken({ pat, role: "reader" });
  const bearer = (t) => ({ headers: { authorization: "Bearer " + t } });
  const ok = await auth(new Request("https://edge.example/api", bearer(token)));
  const refused = await auth(new Request("https://edge.example/api", bearer(token + "x")));
  const signerVerifier = await buildSignerVerifier({
    keySet: await generateKeySet("edge-1"),
    issuer: "edge",
  });
  const handler = createPatHandler({ pat, signerVerifier });
  const exchange = await handler(
    new Request("https://edge.example/auth/token", { method: "POST", ...bearer(token) }),
  );
  const { access_token } = await exchange.json();
  const listed = await handler(new Request("https://edge.example/admin/tokens", bearer(admin)));
  return {
    ok: ok.ok && ok.user.owner,
    refused: refused.ok ? 0 : refused.response.status,
    challenge: refused.ok ? "" : refused.response.headers.get("www-authenticate"),
    exchange: exchange.status,
    jwtOwner: (await signerVerifier.verify(access_token)).payload.owner,
    listed: listed.status,
    owners: (await listed.json()).records.map((r) => r.owner).sort(),
  };
};
`;

async function bundleWorker() {
  assertFreshBuilds();
  const result = await build({
    stdin: { contents: WORKER, resolveDir: join(packagesDir, "http"), loader: "js" },
    absWorkingDir: packagesDir,
    bundle: true,
    platform: "browser",
    conditions: ["worker", "browser"],
    format: "iife",
    write: false,
    metafile: true,
    logLevel: "silent",
  });
  const [file] = result.outputFiles;
  if (!file) throw new Error("esbuild produced no output");
  const output = Object.values(result.metafile.outputs)[0];
  const inOutput = Object.entries(output?.inputs ?? {})
    .filter(([, input]) => input.bytesInOutput > 0)
    .map(([path]) => path);
  return { code: file.text, inOutput };
}

describe("@pat/http on a worker platform", () => {
  it("bundles with @pat/core for browser/worker conditions with no Node built-in and no AWS code", async () => {
    const { inOutput } = await bundleWorker();
    for (const built of ["http/dist/index.js", "core/dist/index.js", "crypto/dist/browser.js"]) {
      expect(inOutput).toContain(built);
    }
    expect(inOutput).toContain("store/dist/internal/memory/memory-token-store.js");
    expect(
      inOutput.filter((path) => /^node:|@aws-sdk|@smithy|backend-node|dynamodb/i.test(path)),
    ).toEqual([]);
  });

  it("authenticates, exchanges and serves the admin API in a context with only worker globals", async () => {
    const { code } = await bundleWorker();
    // What a worker (and a browser) provides: Web Crypto, the Fetch API, streams, text codecs,
    // base64 helpers and timers. No require, process, Buffer or module.
    const context = vm.createContext({
      crypto: globalThis.crypto,
      Request,
      Response,
      Headers,
      URL,
      URLSearchParams,
      ReadableStream,
      TextEncoder,
      TextDecoder,
      atob,
      btoa,
      setTimeout,
      clearTimeout,
      queueMicrotask,
      structuredClone,
    });
    expect(
      vm.runInContext("[typeof require, typeof process, typeof Buffer, typeof module]", context),
    ).toEqual(["undefined", "undefined", "undefined", "undefined"]);
    vm.runInContext(code, context);
    const run = vm.runInContext("runWorker()", context) as Promise<Record<string, unknown>>;
    expect(await run).toEqual({
      ok: "edge@example.com",
      refused: 401,
      challenge: 'Bearer realm="pat", error="invalid_token"',
      exchange: 200,
      jwtOwner: "edge@example.com",
      listed: 200,
      owners: ["edge@example.com", "root@example.com"],
    });
  });
});
