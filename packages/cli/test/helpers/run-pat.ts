/**
 * Runs the BUILT `pat` binary (dist/bin.js) as a child process, with a clean environment: no
 * AWS settings of the machine leak in, colours are off, and scrypt runs at a test cost. Refuses
 * to run against a missing or stale build, so a test never passes on yesterday's code.
 */
import { execFile } from "node:child_process";
import { statSync } from "node:fs";
import { newestMtime } from "@pat/tooling/build";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const packageDir = fileURLToPath(new URL("../..", import.meta.url));
export const binPath = join(packageDir, "dist", "bin.js");

/** Throws unless dist/bin.js exists and is newer than every file in src/. */
export function assertFreshBuild(): void {
  let built: number;
  try {
    built = statSync(binPath).mtimeMs;
  } catch {
    throw new Error(`${binPath} is missing: run \`pnpm --filter @pat/cli build\` (pnpm test does)`);
  }
  if (newestMtime(join(packageDir, "src")) > built) {
    throw new Error(`${binPath} is older than src/: run \`pnpm --filter @pat/cli build\``);
  }
}

/** The outcome of one run. */
export interface PatRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Options of {@link runPat}. */
export interface RunOptions {
  /** Variables added to (or, when undefined, removed from) the base environment. */
  env?: Record<string, string | undefined>;
  /** Text written to stdin (stdin is closed either way). */
  input?: string;
  /** Kill the process after this many ms (default 30 000); table changes on a busy emulator need more. */
  timeoutMs?: number;
}

/** Base environment: DynamoDB endpoint and table, test scrypt cost, no colours. */
export function baseEnv(endpoint: string, table?: string): Record<string, string> {
  return {
    PATH: process.env["PATH"] ?? "",
    DYNAMODB_ENDPOINT: endpoint,
    ...(table !== undefined ? { PAT_TABLE: table } : {}),
    PAT_SCRYPT_COST: "16",
    NO_COLOR: "1",
  };
}

/** `env` with `overrides` applied (an undefined value removes the variable). */
export function mergeEnv(
  env: Record<string, string>,
  overrides: Record<string, string | undefined> = {},
): Record<string, string> {
  return Object.fromEntries(
    Object.entries({ ...env, ...overrides }).filter(
      (entry): entry is [string, string] => entry[1] !== undefined,
    ),
  );
}

/** Runs `node dist/bin.js ...args` and resolves its exit code and output. */
export function runPat(
  args: readonly string[],
  env: Record<string, string>,
  options: RunOptions = {},
): Promise<PatRun> {
  const merged = mergeEnv(env, options.env);
  return new Promise((resolve, reject) => {
    const child = execFile(
      process.execPath,
      [binPath, ...args],
      { env: merged, timeout: options.timeoutMs ?? 30_000, maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => {
        if (error !== null && typeof error.code !== "number") {
          reject(new Error(`${error.message}\nsignal: ${String(error.signal)}\nstderr: ${stderr}`));
          return;
        }
        resolve({ code: error === null ? 0 : (error.code as number), stdout, stderr });
      },
    );
    child.stdin?.end(options.input ?? "");
  });
}

/** Parses stdout as JSON (failing the test with the output when it is not). */
export function json<T = Record<string, unknown>>(run: PatRun): T {
  try {
    return JSON.parse(run.stdout) as T;
  } catch {
    throw new Error(
      `stdout is not JSON (exit ${run.code}):\n${run.stdout}\nstderr:\n${run.stderr}`,
    );
  }
}
