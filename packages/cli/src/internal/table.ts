/**
 * Plain-text tables for terminal output: columns padded to their widest cell, measured without
 * ANSI colour codes so coloured cells line up.
 */

// Matches SGR sequences (ESC [ ... m), the only escapes `pat` emits.
// eslint-disable-next-line no-control-regex
const SGR = /\u001b\[[0-9;]*m/g;

/** Visible width of `text` (ANSI colour codes excluded). */
export function visibleWidth(text: string): number {
  return [...text.replace(SGR, "")].length;
}

/**
 * Renders rows under a header, two spaces between columns, no trailing spaces.
 *
 * @example
 * ```ts
 * renderTable(["ID", "OWNER"], [["a1", "alice"]]); // "ID  OWNER\na1  alice"
 * ```
 */
export function renderTable(
  header: readonly string[],
  rows: readonly (readonly string[])[],
  style: (text: string) => string = (text) => text,
): string {
  const widths = header.map((title, column) =>
    Math.max(visibleWidth(title), ...rows.map((row) => visibleWidth(row[column] ?? ""))),
  );
  const line = (cells: readonly string[]): string =>
    cells
      .map((cell, column) =>
        column === cells.length - 1
          ? cell
          : cell + " ".repeat((widths[column] ?? 0) - visibleWidth(cell)),
      )
      .join("  ")
      .trimEnd();
  return [style(line(header)), ...rows.map(line)].join("\n");
}

/**
 * Renders label/value pairs, labels padded to the longest one.
 *
 * @example
 * ```ts
 * renderPairs([["owner", "alice"], ["admin", "no"]]); // "owner  alice\nadmin  no"
 * ```
 */
export function renderPairs(
  pairs: readonly (readonly [string, string])[],
  style: (text: string) => string = (text) => text,
): string {
  const width = Math.max(0, ...pairs.map(([label]) => visibleWidth(label)));
  return pairs
    .map(([label, value]) => `${style(label.padEnd(width))}  ${value}`.trimEnd())
    .join("\n");
}
