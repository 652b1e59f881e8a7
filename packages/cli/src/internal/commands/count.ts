/**
 * `pat count`: the number of tokens. By default DynamoDB's ItemCount (DescribeTable), which is
 * free but refreshed only about every six hours; `--exact` reads every token instead (a scan:
 * read capacity grows with the table).
 */
import { flag } from "../args.js";
import type { Command } from "../context.js";
import { ExitCode } from "../exit-codes.js";
import { Progress, progressTiming } from "../output.js";
import { booleanFlag } from "../flags.js";

export const countCommand: Command = {
  name: "count",
  summary: "Count tokens (approximate unless --exact)",
  usage: ["pat count [--exact]"],
  notes: [
    "Over HTTP (--url, --endpoint-name) every count is exact: the admin API lists the tokens.",
    "With --json: {count, approximate}.",
  ],
  flags: [booleanFlag("exact", "count by reading every token (a full scan) instead of ItemCount")],
  maxPositionals: 0,
  http: true,
  async run(context) {
    // The admin API has no approximate count: over HTTP, every count is exact.
    const exact = flag(context.values, "exact") || context.mode.kind === "http";
    let count = 0;
    if (exact) {
      const progress = new Progress(context.out.stderr, "Counting", progressTiming(context.io.env));
      try {
        for await (const _record of (await context.backend()).list({})) progress.update(++count);
      } finally {
        progress.done();
      }
    } else {
      count = await context.pat().getCount();
    }
    if (context.out.json) context.out.writeJson({ count, approximate: !exact });
    else if (exact) context.out.line(`${count} token${count === 1 ? "" : "s"}`);
    else {
      context.out.line(`~${count} token${count === 1 ? "" : "s"}`);
      context.out.note(
        context.out.errColours.dim(
          "Approximate: DynamoDB refreshes this about every six hours (use --exact to scan).",
        ),
      );
    }
    return ExitCode.ok;
  },
};
