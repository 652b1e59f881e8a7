#!/usr/bin/env node
/**
 * Entry of the `pat` executable: runs the program on the real process and exits with its code
 * once output is flushed (setting `process.exitCode` instead of calling `process.exit`).
 */
import { onStdoutError } from "./internal/closed-pipe.js";
import { runPat } from "./internal/main.js";

// The AWS SDK prints a multi-line notice on Node < 22 at the first client; Node 20 is supported
// by pat, and the notice would land in every command's stderr. A user's explicit setting wins.
process.env["AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED"] ??= "true";

const argv = process.argv.slice(2);

// `pat list | head` closes the pipe early: the reader being done, not a failure. Any other
// command (`pat verify`) exits with its verdict whether or not its output could be written.
process.stdout.on("error", (error: NodeJS.ErrnoException) => {
  const action = onStdoutError(argv, error);
  if (action.kind === "ignore") return;
  if (action.message !== undefined) process.stderr.write(action.message);
  process.exit(action.code);
});

void runPat(argv, {
  stdout: process.stdout,
  stderr: process.stderr,
  stdin: process.stdin,
  env: process.env,
}).then((code) => {
  process.exitCode = code;
});
