/**
 * YAML files `pat` reads (the sync file, the endpoints config file): parsed with the `yaml`
 * package (YAML 1.2 core schema, duplicate keys refused), then checked against a zod schema.
 * Every problem is reported with its line and the path of the field (`tokens[2].owner`), and
 * never with a value from the file: these files hold hashes and admin tokens.
 */
import { LineCounter, parseDocument, type Document } from "yaml";
import type { z } from "zod";
import { quoteArgument, usageError } from "./exit-codes.js";

/** Problems listed in one error message at most; the rest are counted. */
const SHOWN_PROBLEMS = 5;

/** A path into the parsed value, as zod reports it. */
type Path = readonly PropertyKey[];

/** `tokens[2].owner` for `["tokens", 2, "owner"]`; odd keys are shown by length only. */
export function formatPath(path: Path): string {
  let text = "";
  for (const key of path) {
    if (typeof key === "number") text += `[${key}]`;
    else {
      const name = String(key);
      const shown = /^[A-Za-z0-9_-]{1,40}$/.test(name) ? name : quoteArgument(name);
      text += text === "" ? shown : `.${shown}`;
    }
  }
  return text === "" ? "(top level)" : text;
}

/** The 1-based line where the node at `path` starts, or of its closest ancestor in the file. */
function lineOf(doc: Document, lines: LineCounter, path: Path): number | undefined {
  for (let length = path.length; length >= 0; length--) {
    const node = doc.getIn(path.slice(0, length) as unknown[], true) as
      { range?: [number, number, number] } | undefined;
    const start = node?.range?.[0];
    if (start !== undefined) return lines.linePos(start).line;
  }
  return undefined;
}

/**
 * The message of a zod issue without the value it was given. Zod's own messages describe the
 * expectation ("expected string, received number"), never the input, except those listing
 * unknown keys, which are rewritten here with {@link formatPath}'s care for odd names.
 */
function issueMessage(issue: z.core.$ZodIssue): string {
  if (issue.code === "unrecognized_keys") {
    const keys = issue.keys.map((key) => formatPath([key]));
    return `unknown key${keys.length === 1 ? "" : "s"} ${keys.join(", ")}`;
  }
  return issue.message;
}

/**
 * Parses `text` (the content of `path`) as YAML and validates it with `schema`.
 *
 * @param what - how the file is named in messages, e.g. "sync file".
 * @throws CliError (exit code 2) naming the file, and for each problem (at most five shown) its
 *   line and field: YAML syntax errors, duplicate keys, and schema violations.
 */
export function parseYamlFile<T>(
  text: string,
  path: string,
  what: string,
  schema: z.ZodType<T>,
): T {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  const fail = (problems: readonly string[]): never => {
    const shown = problems.slice(0, SHOWN_PROBLEMS);
    const more =
      problems.length > SHOWN_PROBLEMS ? `; and ${problems.length - SHOWN_PROBLEMS} more` : "";
    throw usageError(`Invalid ${what} ${path}: ${shown.join("; ")}${more}`);
  };
  if (doc.errors.length > 0) {
    fail(
      doc.errors.map((error) => {
        // Messages such as `Unexpected scalar token in YAML stream: "…"` quote the file's text.
        const message = error.message.replace(/:\s*".*$/s, "");
        return `line ${lines.linePos(error.pos[0]).line}: ${message}`;
      }),
    );
  }
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: 100 });
  } catch (error) {
    // An unresolved or excessive alias; the library's message names the alias, not file values.
    fail([
      error instanceof Error
        ? (error.message.split("\n")[0] ?? "unreadable YAML")
        : "unreadable YAML",
    ]);
  }
  const result = schema.safeParse(value ?? {});
  if (result.success) return result.data;
  fail(
    result.error.issues.map((issue) => {
      const line = lineOf(doc, lines, issue.path);
      return `${line !== undefined ? `line ${line}: ` : ""}${formatPath(issue.path)}: ${issueMessage(issue)}`;
    }),
  );
  // Unreachable: fail() throws.
  throw new Error("unreachable");
}
