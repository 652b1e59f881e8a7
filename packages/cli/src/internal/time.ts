/**
 * Points in time written by people: ISO 8601 dates and date-times (`2027-01-31`,
 * `2027-01-31T12:00:00Z`, `2027-01-31 12:00+02:00`), read as Unix seconds. A time without a zone
 * is UTC, unlike `Date.parse` (which reads it as local time), so a command or a sync file means
 * the same on every machine.
 */

const ISO_TIME =
  /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;

/**
 * Parses an ISO 8601 date or date-time into Unix seconds (rounded down), or answers why not:
 * `"format"` when the text is not of that shape, `"calendar"` when it names no real time
 * (e.g. month 13).
 *
 * @example
 * ```ts
 * parseIsoTime("2027-01-31"); // 1801353600
 * parseIsoTime("31/01/2027"); // "format"
 * ```
 */
export function parseIsoTime(text: string): number | "format" | "calendar" {
  const trimmed = text.trim();
  if (!ISO_TIME.test(trimmed)) return "format";
  const hasZone = trimmed.length > 10 && /(?:Z|[+-]\d{2}:?\d{2})$/.test(trimmed);
  const normalised = trimmed.replace(" ", "T");
  const millis = Date.parse(
    hasZone ? normalised : normalised.length === 10 ? `${normalised}T00:00:00Z` : `${normalised}Z`,
  );
  if (Number.isNaN(millis)) return "calendar";
  return Math.floor(millis / 1000);
}

/** Unix seconds as ISO 8601 without milliseconds, e.g. `2026-11-26T15:00:00Z`. */
export function isoTime(seconds: number): string {
  return new Date(seconds * 1000).toISOString().replace(/\.\d{3}Z$/, "Z");
}
