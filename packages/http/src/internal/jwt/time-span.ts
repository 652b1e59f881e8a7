/**
 * Time spans of configuration (`"90s"`, `"5m"`, `"1h"`, `"1d"`, `"1w"`, `"1y"`, or a number of
 * seconds): the whole-number part of jose's span syntax, which @access-tokens/express passes its
 * `ttl` to, with jose's units (a year is 365.25 days, as jose counts it).
 */
import { InvalidConfigError } from "@pat/core";

const UNITS: Readonly<Record<string, number>> = {
  s: 1,
  sec: 1,
  secs: 1,
  second: 1,
  seconds: 1,
  m: 60,
  min: 60,
  mins: 60,
  minute: 60,
  minutes: 60,
  h: 3600,
  hr: 3600,
  hrs: 3600,
  hour: 3600,
  hours: 3600,
  d: 86400,
  day: 86400,
  days: 86400,
  w: 604800,
  week: 604800,
  weeks: 604800,
  y: 31557600,
  yr: 31557600,
  yrs: 31557600,
  year: 31557600,
  years: 31557600,
};

const SPAN = /^(\d{1,9})\s*([a-z]+)$/i;

/** Seconds of a span; throws `INVALID_CONFIG` naming `name` for anything else. */
export function parseTimeSpan(value: unknown, name: string): number {
  if (typeof value === "number") {
    if (Number.isInteger(value) && value >= 0) return value;
  } else if (typeof value === "string") {
    const match = SPAN.exec(value.trim());
    const unit = match ? UNITS[(match[2] ?? "").toLowerCase()] : undefined;
    if (match && unit !== undefined) return Number(match[1]) * unit;
  }
  throw new InvalidConfigError(
    `${name} must be whole seconds or a span such as "90s", "5m", "1h", "1d", "1w"`,
  );
}
