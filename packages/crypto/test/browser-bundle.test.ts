import { fileURLToPath } from "node:url";
import vm from "node:vm";
import { build } from "esbuild";
import { describe, expect, it } from "vitest";
import type * as BrowserApi from "../src/browser.js";

const entry = fileURLToPath(new URL("../src/browser.ts", import.meta.url));

/** The browser entry bundled for the browser, as an app's bundler would see it. */
async function bundleBrowserEntry() {
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    platform: "browser",
    format: "iife",
    globalName: "patCrypto",
    write: false,
    metafile: true,
    logLevel: "silent",
  });
  const [file] = result.outputFiles;
  if (!file) throw new Error("esbuild produced no output");
  return { code: file.text, inputs: Object.keys(result.metafile.inputs) };
}

describe("browser entry", () => {
  it("bundles for the browser with no node:* module in its graph", async () => {
    const { inputs } = await bundleBrowserEntry();
    expect(inputs.some((path) => path.includes("noble/hashes"))).toBe(true);
    expect(
      inputs.filter((path) => path.startsWith("node:") || path.includes("backend-node")),
    ).toEqual([]);
  });

  it("runs in a context without require, process or Buffer", async () => {
    const { code } = await bundleBrowserEntry();
    // Only what browsers and workers provide: Web Crypto, TextEncoder, timers.
    const context = vm.createContext({
      crypto: globalThis.crypto,
      TextEncoder,
      TextDecoder,
      setTimeout,
      clearTimeout,
      queueMicrotask,
    });
    vm.runInContext(code, context);
    const check = vm.runInContext(
      `(async () => {
        const hex = (u) => Array.from(u, (b) => b.toString(16).padStart(2, "0")).join("");
        const api = patCrypto;
        const out = {};
        out.globals = [typeof require, typeof process, typeof Buffer, typeof module];
        out.vector = hex(await api.scrypt("password", "NaCl", { N: 1024, r: 8, p: 16, dkLen: 64 }));
        const phc = await api.hashSecret("s", { cost: 16, blockSize: 1 });
        out.verifyOk = (await api.verifySecret("s", phc)).ok;
        out.verifyBad = (await api.verifySecret("t", phc)).reason;
        const fast = await api.hashSecretHmac("s");
        out.fastOk = (await api.verifySecretHmac("s", fast)).ok;
        out.fastBad = (await api.verifySecretHmac("t", fast)).reason;
        const token = api.formatToken("pat_", api.generateTokenId(), api.generateSecret());
        out.parsed = api.parseToken("pat_", token).secret.length;
        out.phc = api.serializePhc(api.parsePhc("$scrypt$ln=4,r=8,p=1$AQID$BA"));
        try { await api.scrypt("a", "b", { N: 16, r: 1, p: 1, dkLen: 16, backend: "node" }); }
        catch (e) { out.nodeBackend = e.code; }
        return out;
      })()`,
      context,
    ) as Promise<Record<string, unknown>>;
    const out = await check;
    expect(out).toEqual({
      globals: ["undefined", "undefined", "undefined", "undefined"],
      // RFC 7914 section 12, second vector.
      vector:
        "fdbabe1c9d3472007856e7190d01e9fe7c6ad7cbc8237830e77376634b373162" +
        "2eaf30d92e22a3886ff109279d9830dac727afb94a83ee6d8360cbdfa2cc0640",
      verifyOk: true,
      verifyBad: "invalid_secret",
      fastOk: true,
      fastBad: "invalid_secret",
      parsed: 32,
      phc: "$scrypt$ln=4,r=8,p=1$AQID$BA",
      nodeBackend: "INVALID_INPUT",
    });
  });

  it("offers the same exports as the Node entry", async () => {
    const browser: typeof BrowserApi = await import("../src/browser.js");
    const node = await import("../src/index.js");
    expect(Object.keys(browser).sort()).toEqual(Object.keys(node).sort());
  });
});
