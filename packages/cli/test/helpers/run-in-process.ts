/**
 * Runs the BUILT program (`runPat` of dist/index.js, the function dist/bin.js calls) inside the
 * test worker, with the same clean environment, captured output and exit code as
 * {@link runPat} in `run-pat.ts`, without starting a Node process per command. Suites about
 * the process itself (stdin, closed pipes, signals, the README's shell script, the environment
 * the AWS SDK reads) spawn the binary; suites about what commands do run here, which saves the
 * second or so each process spends loading its modules.
 */
import { join } from "node:path";
import { Readable } from "node:stream";
import { pathToFileURL } from "node:url";
import type { runPat as RunPat } from "../../src/index.js";
import { binPath, mergeEnv, type PatRun, type RunOptions } from "./run-pat";

let program: Promise<typeof RunPat> | undefined;

/** The built `runPat` (dist/index.js, beside dist/bin.js), loaded once per worker. */
function loadProgram(): Promise<typeof RunPat> {
  const entry = pathToFileURL(join(binPath, "..", "index.js")).href;
  program ??= import(/* @vite-ignore */ entry).then(
    (module: { runPat: typeof RunPat }) => module.runPat,
  );
  return program;
}

/** Text written to a sink, kept in order. */
class Buffered {
  #chunks: string[] = [];
  write(text: string): boolean {
    this.#chunks.push(text);
    return true;
  }
  toString(): string {
    return this.#chunks.join("");
  }
}

/**
 * Runs `pat ...args` in this worker with environment `env` (plus `options.env`, where undefined
 * removes a variable) and resolves its exit code and output. `options.timeoutMs` is not
 * applied: a hung command fails by the test's own timeout.
 */
export async function runPatInProcess(
  args: readonly string[],
  env: Record<string, string>,
  options: Omit<RunOptions, "timeoutMs"> = {},
): Promise<PatRun> {
  const stdout = new Buffered();
  const stderr = new Buffered();
  const run = await loadProgram();
  const code = await run(args, {
    stdout,
    stderr,
    stdin: Readable.from(options.input === undefined ? [] : [options.input]),
    env: mergeEnv(env, options.env),
  });
  return { code, stdout: stdout.toString(), stderr: stderr.toString() };
}
