/**
 * The README's examples, run: every ```sh block (but those marked `<!-- not run: why -->`) in
 * order as one bash script (`set -euo pipefail`, so any failing command fails the test) with
 * `pat` being the built binary, against DynamoDB Local (`DYNAMODB_ENDPOINT`, a fresh `PAT_TABLE`)
 * and a real @pat/http server on that table (`API_URL`); then every ```ts block, imported as a
 * module with `@pat/cli` pointed at the source.
 */
import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { uniqueTableName } from "@pat/tooling/dynamodb";
import { afterAll, beforeAll, describe, expect, inject, it, vi } from "vitest";
import { startPatServer, type PatServer } from "./helpers/pat-server";
import { assertFreshBuild, binPath } from "./helpers/run-pat";

const packageDir = fileURLToPath(new URL("..", import.meta.url));
const endpoint = inject("dynamodbEndpoint");

interface Block {
  readonly line: number;
  readonly language: string;
  readonly code: string;
  /** Why it is not run, when the README says so. */
  readonly notRun?: string;
}

/** The fenced blocks of README.md, with the `<!-- not run: ... -->` mark of the lines before. */
async function readmeBlocks(): Promise<Block[]> {
  const lines = (await readFile(join(packageDir, "README.md"), "utf8")).split("\n");
  const blocks: Block[] = [];
  for (let index = 0; index < lines.length; index++) {
    const open = /^```(\w+)\s*$/.exec(lines[index] ?? "");
    if (open === null) continue;
    const start = index;
    const body: string[] = [];
    for (index++; index < lines.length && lines[index] !== "```"; index++)
      body.push(lines[index] ?? "");
    const before = lines.slice(Math.max(0, start - 2), start).join("\n");
    const notRun = /<!-- not run: (.+?) -->/.exec(before)?.[1];
    blocks.push({
      line: start + 1,
      language: open[1] ?? "",
      code: body.join("\n"),
      ...(notRun ? { notRun } : {}),
    });
  }
  return blocks;
}

let server: PatServer;
let dir: string;
let blocks: Block[];
const table = uniqueTableName("cli-readme");

beforeAll(async () => {
  assertFreshBuild();
  blocks = await readmeBlocks();
  dir = await mkdtemp(join(tmpdir(), "pat-cli-readme-"));
  server = await startPatServer(endpoint, { tableName: table, accessKeyId: "local" });
});

afterAll(async () => {
  vi.unstubAllEnvs();
  await server?.close();
  await rm(dir, { recursive: true, force: true });
});

describe("README", () => {
  it("runs every sh block in order as one script", async () => {
    const shell = blocks.filter((block) => block.language === "sh" && block.notRun === undefined);
    expect(shell.length).toBeGreaterThanOrEqual(15);
    for (const block of shell)
      expect(block.code, `block at line ${block.line}`).not.toMatch(/^\$ /m);
    const script = [
      "set -euo pipefail",
      `pat() { node ${JSON.stringify(binPath)} "$@"; }`,
      `trap 'code=$?; [ "$code" -eq 0 ] || echo "README block at line $block failed (exit $code)" >&2' EXIT`,
      ...shell.flatMap((block) => [`block=${block.line}`, block.code]),
      "",
    ].join("\n");
    await writeFile(join(dir, "readme.sh"), script);
    const result = await new Promise<{ code: number; stdout: string; stderr: string }>(
      (resolve) => {
        execFile(
          "bash",
          [join(dir, "readme.sh")],
          {
            cwd: dir,
            timeout: 240_000,
            maxBuffer: 16 * 1024 * 1024,
            env: {
              PATH: process.env["PATH"] ?? "",
              HOME: dir,
              NO_COLOR: "1",
              DYNAMODB_ENDPOINT: endpoint,
              PAT_TABLE: table,
              PAT_SCRYPT_COST: "16",
              API_URL: server.url,
            },
          },
          (error, stdout, stderr) =>
            resolve({
              code: error === null ? 0 : typeof error.code === "number" ? error.code : -1,
              stdout,
              stderr,
            }),
        );
      },
    );
    expect(result.code, `${result.stderr}\n--- stdout:\n${result.stdout}`).toBe(0);
    // The sync example ends in sync: the last direct `pat sync tokens.yaml` found nothing to do.
    expect(result.stdout).toContain("Nothing to change.");
  }, 300_000);

  it("runs every ts block", async () => {
    const code = blocks.filter((block) => block.language === "ts" && block.notRun === undefined);
    expect(code.length).toBeGreaterThanOrEqual(1);
    vi.stubEnv("DYNAMODB_ENDPOINT", endpoint);
    vi.stubEnv("PAT_TABLE", table);
    const moduleDir = await mkdtemp(join(packageDir, "test", ".readme-"));
    try {
      const index = relative(moduleDir, join(packageDir, "src", "index.ts")).replace(/\\/g, "/");
      for (const block of code) {
        const file = join(moduleDir, `block-line-${block.line}.ts`);
        await writeFile(
          file,
          `${block.code.replace(/from "@pat\/cli"/g, `from "${index}"`)}\nexport {};\n`,
        );
        await import(pathToFileURL(file).href);
      }
    } finally {
      await rm(moduleDir, { recursive: true, force: true });
    }
  });
});
