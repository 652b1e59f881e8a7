/**
 * Configuration errors never echo a value that could be a token: a token given by mistake as the
 * prefix (`--prefix`, `PAT_PREFIX`) or as the DynamoDB endpoint (`--endpoint`,
 * `DYNAMODB_ENDPOINT`) shows up as its length only, in text, `--json` and `--debug` output.
 * Runs the program in-process: these errors come before any storage call.
 */
import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { runPat } from "../../src/internal/main.js";

// Shaped like a token; made at run time so no fixture holds one.
const SECRET = Buffer.from(crypto.getRandomValues(new Uint8Array(32))).toString("base64url");
const TOKEN = `pat_${"Zz9".repeat(7)}.${SECRET}`;

async function run(argv: string[], env: Record<string, string> = {}) {
  let stdout = "";
  let stderr = "";
  const code = await runPat(argv, {
    stdout: { write: (text: string) => ((stdout += text), true) },
    stderr: { write: (text: string) => ((stderr += text), true) },
    stdin: Readable.from([]),
    env: { PAT_TABLE: "echo-table", AWS_REGION: "us-east-1", NO_COLOR: "1", ...env },
  });
  return { code, stdout, stderr };
}

const OUTPUTS = ["text", "--json", "--debug"];
const flagsOf = (output: string): string[] => (output === "text" ? [] : [output]);

describe("configuration errors with a token as the value", () => {
  it.each(OUTPUTS)(
    "shows a token given as --prefix or PAT_PREFIX by its length only %s",
    async (output) => {
      const flags = flagsOf(output);
      for (const attempt of [
        () => run(["verify", TOKEN, "--prefix", TOKEN, ...flags]),
        () => run(["verify", TOKEN, ...flags], { PAT_PREFIX: TOKEN }),
      ]) {
        const { code, stdout, stderr } = await attempt();
        expect(code).not.toBe(0);
        expect(stderr).toContain(
          `tokenPrefix must be 1-32 characters of [A-Za-z0-9_-] (got a string of ${TOKEN.length} characters)`,
        );
        expect(stderr + stdout).not.toContain(SECRET);
      }
    },
  );

  it.each(OUTPUTS)(
    "shows a token given as --endpoint or DYNAMODB_ENDPOINT by its length only %s",
    async (output) => {
      const flags = flagsOf(output);
      for (const attempt of [
        () => run(["list", "--endpoint", TOKEN, ...flags]),
        () => run(["list", ...flags], { DYNAMODB_ENDPOINT: TOKEN }),
      ]) {
        const { code, stdout, stderr } = await attempt();
        expect(code).toBe(2);
        expect(stderr).toContain(
          `Invalid endpoint (an argument of ${TOKEN.length} characters, not shown): expected an http(s) URL`,
        );
        expect(stderr + stdout).not.toContain(SECRET);
      }
    },
  );
});
