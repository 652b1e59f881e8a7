import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { ensureBuilt as ensureBuiltAt } from "@pat/tooling/build";
import { beforeAll, describe, expect, it } from "vitest";
import type * as BrowserApi from "../src/browser.js";
import type * as NodeApi from "../src/index.js";

const root = fileURLToPath(new URL("..", import.meta.url));
const dist = join(root, "dist");
const outputs = ["index.js", "index.cjs", "index.d.ts", "index.d.cts", "browser.js", "browser.cjs"];

/** Builds dist with tsup when it is missing or older than any source file. */
const ensureBuilt = () => ensureBuiltAt(root, outputs);

const VECTOR_2 =
  "fdbabe1c9d3472007856e7190d01e9fe7c6ad7cbc8237830e77376634b373162" +
  "2eaf30d92e22a3886ff109279d9830dac727afb94a83ee6d8360cbdfa2cc0640";

describe("built package", () => {
  beforeAll(ensureBuilt, 120_000);

  it("loads with require() from dist/index.cjs, with @noble/hashes inlined", async () => {
    const require = createRequire(import.meta.url);
    const api = require(join(dist, "index.cjs")) as typeof NodeApi;
    for (const backend of ["node", "noble"] as const) {
      const dk = await api.scrypt("password", "NaCl", { N: 1024, r: 8, p: 16, dkLen: 64, backend });
      expect(Buffer.from(dk).toString("hex")).toBe(VECTOR_2);
    }
    const code = readFileSync(join(dist, "index.cjs"), "utf8");
    expect(code).not.toMatch(/require\(["']@noble\/hashes/);
    const browser = require(join(dist, "browser.cjs")) as typeof BrowserApi;
    expect(browser.parsePhc("$scrypt$ln=4,r=8,p=1$AQID$BA").id).toBe("scrypt");
    expect(readFileSync(join(dist, "browser.cjs"), "utf8")).not.toMatch(/require\(["']node:/);
  });

  it("hashes and verifies the fast hash from both CommonJS builds", async () => {
    const require = createRequire(import.meta.url);
    const node = require(join(dist, "index.cjs")) as typeof NodeApi;
    const browser = require(join(dist, "browser.cjs")) as typeof BrowserApi;
    const fromNode = await node.hashSecretHmac("s");
    const fromBrowser = await browser.hashSecretHmac("s");
    expect(fromNode).toMatch(/^\$hmac-sha256\$v=1\$/);
    expect((await browser.verifySecretHmac("s", fromNode)).ok).toBe(true);
    expect((await node.verifySecretHmac("s", fromBrowser)).ok).toBe(true);
    expect((await node.verifySecretHmac("t", fromBrowser)).ok).toBe(false);
    expect(node.SCRYPT_CONCURRENCY).toBeGreaterThanOrEqual(1);
    expect(browser.SCRYPT_CONCURRENCY).toBe(2);
  });

  it("loads with import from dist/index.js", async () => {
    const api = (await import(pathToFileURL(join(dist, "index.js")).href)) as typeof NodeApi;
    const phc = await api.hashSecret("x", { cost: 16, blockSize: 1 });
    expect((await api.verifySecret("x", phc)).ok).toBe(true);
    expect(readFileSync(join(dist, "browser.js"), "utf8")).not.toMatch(/from ["']node:/);
  });
});
