import type { Matrix, Row } from "../matrix/load.js";
import type { Mark } from "../matrix/schema.js";
import type { TableCell, TableSection } from "./svg.js";

/**
 * A row's three cells as the pictures show them: each side's mark with its
 * headline, or the mark's word where the row has none. A side that is the
 * same as the one before it repeats that side's text, so that a column
 * reads on its own.
 */
export function tableCells(row: Row, marks: Readonly<Record<Mark, string>>): TableCell[] {
  const cells: TableCell[] = [];
  for (const side of row.sides) {
    const before = cells.at(-1);
    const text = side.headline ?? (side.same && before !== undefined ? before.text : marks[side.mark]);
    cells.push({ mark: side.mark, text });
  }
  return cells;
}

/** The sections of `matrix` as the pictures show them: titles, summaries and each row's short cells. */
export function tableSections(matrix: Matrix, marks: Readonly<Record<Mark, string>>): TableSection[] {
  return matrix.sections.map((section) => ({
    title: section.title,
    summary: section.summary,
    rows: section.rows.map((row) => ({ title: row.title, cells: tableCells(row, marks) })),
  }));
}
