#!/usr/bin/env node
/**
 * Entry of the `pat` executable: runs the program on the real process and exits with its code
 * once output is flushed (setting `process.exitCode` instead of calling `process.exit`).
 */
import { runPat } from "./internal/main.js";

// The AWS SDK prints a multi-line notice on Node < 22 at the first client; Node 20 is supported
// by pat, and the notice would land in every command's stderr. A user's explicit setting wins.
process.env["AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED"] ??= "true";

// `pat list | head` closes the pipe early: that is the reader being done, not a failure.
process.stdout.on("error", (error: NodeJS.ErrnoException) => {
  if (error.code !== "EPIPE") process.stderr.write(`pat: cannot write output: ${error.message}\n`);
  process.exit(error.code === "EPIPE" ? 0 : 1);
});

void runPat(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  stdin: process.stdin,
  env: process.env,
}).then((code) => {
  process.exitCode = code;
});
