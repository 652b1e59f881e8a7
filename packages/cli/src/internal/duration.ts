/**
 * Durations on the command line (`--expires-in 90d`, `--cleanup-in 2w`): one or more groups of a
 * positive whole number and a unit, largest unit first, e.g. `90d`, `1w2d`, `1h30m`. Units are
 * s (second), m (minute), h (hour), d (day of 86 400 s) and w (week of 7 days); months and years
 * are refused on purpose, because their length varies. The result is whole seconds, bounded
 * so that "now + duration" stays a sane Unix time.
 */
import { quoteArgument, usageError } from "./exit-codes.js";

const UNIT_SECONDS = { w: 604_800, d: 86_400, h: 3_600, m: 60, s: 1 } as const;
type Unit = keyof typeof UNIT_SECONDS;
const UNIT_ORDER: readonly Unit[] = ["w", "d", "h", "m", "s"];

/** The longest duration accepted: 100 years of 365 days. */
export const MAX_DURATION_SECONDS = 100 * 365 * 86_400;

const GROUP = /(\d+)([a-zA-Z]+)/y;

/**
 * Parses a duration such as `90d` or `1h30m` into seconds.
 *
 * @param text - the value given on the command line.
 * @param flag - the flag it came from, named in the error (e.g. `--expires-in`).
 * @throws CliError (exit code 2) naming the flag, the value (only its length when it is long or
 *   holds unusual characters, as a misplaced token would) and the accepted form when `text` is
 *   empty, has an unknown unit, repeats or misorders units, is zero, or exceeds 100 years.
 * @example
 * ```ts
 * parseDuration("90d", "--expires-in"); // 7776000
 * parseDuration("1h30m", "--expires-in"); // 5400
 * ```
 */
export function parseDuration(text: string, flag: string): number {
  // A value that could be a misplaced token is named by its length only, never echoed.
  const quotable = text === "" || quoteArgument(text).startsWith('"');
  const fail = (why: string): never => {
    throw usageError(
      `Invalid duration ${quotable ? `"${text}"` : quoteArgument(text)} for ${flag}` +
        `${quotable ? `: ${why}` : ""}. ` +
        `Expected a whole number and a unit (s, m, h, d, w), e.g. 90d or 1h30m.`,
    );
  };
  const trimmed = text.trim();
  if (trimmed === "") fail("it is empty");
  let total = 0;
  let position = 0;
  let lastUnitIndex = -1;
  while (position < trimmed.length) {
    GROUP.lastIndex = position;
    const match = GROUP.exec(trimmed);
    if (match === null) fail(`unexpected "${trimmed.slice(position)}"`);
    const [whole, digits, unitText] = match as RegExpExecArray & [string, string, string];
    const unit = unitText.toLowerCase();
    if (!(unit in UNIT_SECONDS)) {
      fail(
        unit === "mo" || unit === "y"
          ? `"${unitText}" is not supported (months and years vary in length; use d or w)`
          : `unknown unit "${unitText}"`,
      );
    }
    const unitIndex = UNIT_ORDER.indexOf(unit as Unit);
    if (unitIndex <= lastUnitIndex) fail("units must appear once each, largest first");
    lastUnitIndex = unitIndex;
    // Digits beyond 12 would exceed the bound whatever the unit; refuse before Number() rounds.
    if (digits.length > 12) fail(`longer than ${MAX_DURATION_SECONDS / 86_400 / 365} years`);
    total += Number(digits) * UNIT_SECONDS[unit as Unit];
    position += whole.length;
  }
  if (total === 0) fail("it must be greater than zero");
  if (total > MAX_DURATION_SECONDS) fail("it is longer than 100 years");
  return total;
}

/**
 * Writes seconds for people, in at most two units from days down, e.g. `7776000` → `90d`,
 * `5400` → `1h30m`, `93784` → `1d2h` (rounded down).
 *
 * @example
 * ```ts
 * formatDuration(93784); // "1d2h"
 * ```
 */
export function formatDuration(seconds: number): string {
  let rest = Math.floor(seconds);
  if (rest <= 0) return "0s";
  const parts: string[] = [];
  for (const unit of ["d", "h", "m", "s"] as const) {
    const count = Math.floor(rest / UNIT_SECONDS[unit]);
    if (count > 0 || parts.length > 0) {
      if (count > 0) parts.push(`${count}${unit}`);
      rest -= count * UNIT_SECONDS[unit];
      if (parts.length === 2 || (parts.length === 1 && count === 0)) break;
    }
  }
  return parts.join("");
}
