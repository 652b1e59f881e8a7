// Why: every bench prints its figures as the same markdown table, pasted into the READMEs.

/** Column alignment: `left` writes `---`, `right` writes `---:`. */
export type Align = "left" | "right";

/** One markdown table row: `| a | b |`. */
export function markdownRow(cells: readonly string[]): string {
  return `| ${cells.join(" | ")} |`;
}

/** The header row and its separator (`---`, or `---:` for right-aligned columns). */
export function markdownHeader(header: readonly string[], align: readonly Align[] = []): string {
  const rule = header.map((_, i) => (align[i] === "right" ? "---:" : "---"));
  return `${markdownRow(header)}\n${markdownRow(rule)}`;
}

/** A whole markdown table: header, separator, rows. */
export function markdownTable(
  header: readonly string[],
  rows: readonly (readonly string[])[],
  align: readonly Align[] = [],
): string {
  return [markdownHeader(header, align), ...rows.map(markdownRow)].join("\n");
}

/** The "met" column: `yes`, or a loud `NO`. */
export const verdict = (ok: boolean): string => (ok ? "yes" : "NO");
