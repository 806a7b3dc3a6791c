/** A column of {@link textTable}: its header and whether its cells are right-aligned (numbers). */
export interface TextColumn {
  header: string;
  right?: boolean;
}

/**
 * A plain-text table: a header row, a rule, and the rows, each column padded to its widest cell, two spaces apart.
 * Widths count UTF-16 code units, so keep cells to single-width characters.
 *
 * @example
 * textTable([{ header: "a" }, { header: "n", right: true }], [["x", "12"]], "  ")
 * // => "  a   n\n  -  --\n  x  12"
 * @see toTable
 */
export function textTable(columns: readonly TextColumn[], rows: readonly (readonly string[])[], indent = ""): string {
  const widths = columns.map((c, j) => Math.max(c.header.length, ...rows.map((r) => (r[j] ?? "").length)));
  const line = (cells: readonly string[]): string =>
    indent +
    columns
      .map((c, j) => {
        const cell = cells[j] ?? "";
        return c.right ? cell.padStart(widths[j]!) : cell.padEnd(widths[j]!);
      })
      .join("  ")
      .trimEnd();
  const rule = (indent + widths.map((w) => "-".repeat(w)).join("  ")).trimEnd();
  return [line(columns.map((c) => c.header)), rule, ...rows.map(line)].join("\n");
}
