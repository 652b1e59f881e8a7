/** Reading one value (a token, a hash) from standard input. */
import { createInterface } from "node:readline";
import type { Readable } from "node:stream";
import { usageError } from "./exit-codes.js";

/**
 * Reads the first non-empty line of `stdin`, trimmed; `what` names the value in the error.
 *
 * @throws CliError (exit code 2) when standard input ends without a non-empty line.
 */
export async function readLine(stdin: Readable, what: string): Promise<string> {
  const lines = createInterface({ input: stdin, crlfDelay: Infinity });
  try {
    for await (const line of lines) {
      if (line.trim() !== "") return line.trim();
    }
  } finally {
    lines.close();
  }
  throw usageError(`No ${what} on standard input`);
}
