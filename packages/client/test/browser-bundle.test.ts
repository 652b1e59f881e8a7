/**
 * The client runs in browsers: its entry bundles for the browser platform with no Node built-in
 * (and no AWS code) in the graph, and the bundle runs in a context that has only what browsers
 * provide (fetch, URL, AbortController, timers), talking to a real server on 127.0.0.1.
 */
import { fileURLToPath } from "node:url";
import vm from "node:vm";
import { build } from "esbuild";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, tokenReply, type TestServer } from "./support/server.js";

const entry = fileURLToPath(new URL("../src/index.ts", import.meta.url));

async function bundle() {
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    platform: "browser",
    format: "iife",
    globalName: "patClient",
    write: false,
    metafile: true,
    logLevel: "silent",
  });
  const [file] = result.outputFiles;
  if (!file) throw new Error("esbuild produced no output");
  return { code: file.text, inputs: Object.keys(result.metafile.inputs) };
}

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

describe("browser bundle", () => {
  it("has no node:* module and no AWS code in its graph", async () => {
    const { inputs } = await bundle();
    expect(inputs.some((path) => path.includes("zod"))).toBe(true);
    expect(inputs.filter((path) => /^node:|@aws-sdk|@pat\/(core|store|crypto)/.test(path))).toEqual(
      [],
    );
  });

  it("runs without require, process or Buffer and talks to a real server", async () => {
    const ID = "abc123def456ghi789jkl";
    server.script("/auth/token", tokenReply("jwt-browser"));
    server.script(
      "/admin/tokens",
      { status: 503 },
      {
        status: 200,
        json: { records: [{ tokenId: ID, owner: "a", isAdmin: false, createdAt: 1 }] },
      },
    );
    server.script(`/admin/tokens/${ID}/restore`, {
      status: 404,
      json: { error: { message: "Token not found" } },
    });
    const { code } = await bundle();
    const context = vm.createContext({
      fetch,
      Headers,
      Request,
      Response,
      URL,
      URLSearchParams,
      AbortController,
      AbortSignal,
      TextEncoder,
      TextDecoder,
      setTimeout,
      clearTimeout,
      queueMicrotask,
      endpoint: server.url,
    });
    vm.runInContext(code, context);
    const out = (await vm.runInContext(
      `(async () => {
        const { AccessTokensClient, HttpError } = patClient;
        const client = new AccessTokensClient({
          endpoint, apiKey: "pat_browserbrowserbrowser1.c2VjcmV0",
          retry: { baseDelayMs: 1, maxDelayMs: 2 },
        });
        const out = { globals: [typeof require, typeof process, typeof Buffer, typeof module] };
        out.ids = (await client.list()).map((r) => r.tokenId);
        try { await client.restore("${ID}"); } catch (e) {
          out.error = [e instanceof HttpError, e.code, e.status, e.message];
        }
        return out;
      })()`,
      context,
    )) as Record<string, unknown>;
    expect(out).toEqual({
      globals: ["undefined", "undefined", "undefined", "undefined"],
      ids: [ID],
      error: [true, "HTTP_ERROR", 404, `Failed to restore token ${ID}: HTTP 404 Token not found`],
    });
  });
});
