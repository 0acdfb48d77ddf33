import type { Mark } from "../matrix/schema.js";
import { FONT_FAMILY, measureText } from "./fonts.js";
import { type TextStyle, wrapText } from "./wrap.js";

/** One cell of the table: a side's mark and its short text (the headline, or the mark's word). */
export interface TableCell {
  mark: Mark;
  text: string;
}

/** One row of the table: its title and a cell per column. */
export interface TableRow {
  title: string;
  cells: readonly TableCell[];
}

/** A section of the table, already in the reader's language. */
export interface TableSection {
  title: string;
  summary: string;
  rows: readonly TableRow[];
}

/**
 * The words drawn around the data, already in the reader's language: the
 * caller translates them so that this module stays free of locale logic.
 */
export interface TableLabels {
  /** Heading of the whole table, above its first section. */
  title: string;
  /** Headers of the columns, one per cell of a row. */
  columns: readonly string[];
  /** Small credit line under every picture (sources, author, licence). */
  footer: string;
}

/** Where a picture stands among those of the table: its section's number, and its part if the section is split. */
export interface PagePosition {
  /** 1-based number of the section. */
  section: number;
  /** How many sections the table has. */
  sections: number;
  /** 1-based part and number of parts, for a section too long for one picture. */
  part?: { index: number; count: number };
}

/** An SVG document, its size in px and the sizes of the text it sets. */
export interface TableSvg {
  svg: string;
  width: number;
  height: number;
  /** Font size in px of the rows' text (titles and cells). */
  bodySize: number;
  /** Font size in px of the smallest text drawn anywhere. */
  smallestSize: number;
}

/** Width of every picture in px: portrait pictures fill a phone's screen across. */
export const PICTURE_WIDTH = 960;
/**
 * The longest side Telegram keeps of a photo: larger ones are scaled down
 * to it. A section picture stays within it, so that nothing is scaled and
 * its text keeps the sizes below.
 */
export const TELEGRAM_PHOTO_SIDE = 1280;

const MARGIN = 24;
const INNER_WIDTH = PICTURE_WIDTH - 2 * MARGIN;
const PAD_X = 20;
const COLUMN_GAP = 16;
const RADIUS = 18;

const COLOR = {
  canvas: "#f2f4f7",
  card: "#ffffff",
  stripe: "#f6f8fb",
  rule: "#e1e6ed",
  border: "#d5dce5",
  header: "#2467a8",
  headerText: "#ffffff",
  columns: "#e8eef6",
  columnText: "#1e3a5f",
  title: "#0f172a",
  summary: "#475569",
  row: "#0f172a",
  footer: "#64748b",
} as const;

const MARK: Record<Mark, { fill: string; text: string }> = {
  yes: { fill: "#16a34a", text: "#166534" },
  partly: { fill: "#d97706", text: "#92400e" },
  local: { fill: "#2563eb", text: "#1e40af" },
  no: { fill: "#dc2626", text: "#991b1b" },
};

/** Text of the rows: every size here is the size a reader gets, since pictures are never scaled. */
const ROW_TITLE: TextStyle = { size: 26, weight: 600 };
const ROW_TITLE_LINE = 33;
const CELL: TextStyle = { size: 24, weight: 400 };
const CELL_LINE = 30;
const HEADING: TextStyle = { size: 36, weight: 700 };
const HEADING_LINE = 44;
const SUMMARY: TextStyle = { size: 24, weight: 400 };
const SUMMARY_LINE = 30;
const COLUMN: TextStyle = { size: 24, weight: 600 };
const COLUMN_LINE = 30;
const FOOTER: TextStyle = { size: 22, weight: 400 };
const FOOTER_LINE = 28;

const ROW_PAD_TOP = 12;
const ROW_PAD_BOTTOM = 14;
const TITLE_GAP = 4;
const ICON_RADIUS = 12;
const ICON_SPACE = 2 * ICON_RADIUS + 10;

/** Escapes text for use in SVG character data and attribute values. */
export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Rounds a coordinate so that the SVG text is short and stable. */
function n(value: number): string {
  return String(Math.round(value * 100) / 100);
}

/** Baseline that centres a line of `style` text in a line box of height `line`. */
function baseline(top: number, line: number, style: TextStyle): number {
  return top + line / 2 + 0.36 * style.size;
}

function textLine(text: string, x: number, y: number, style: TextStyle, fill: string): string {
  return `<text x="${n(x)}" y="${n(y)}" font-size="${style.size}" font-weight="${style.weight}" fill="${fill}">${escapeXml(text)}</text>`;
}

function textBlock(
  lines: readonly string[],
  x: number,
  top: number,
  style: TextStyle,
  line: number,
  fill: string,
): string {
  return lines.map((l, i) => textLine(l, x, baseline(top + i * line, line, style), style, fill)).join("");
}

/** A filled circle with a white check, exclamation mark, server or cross drawn as strokes. */
function markIcon(mark: Mark, cx: number, cy: number): string {
  const stroke = `fill="none" stroke="#ffffff" stroke-width="2.8" stroke-linecap="round" stroke-linejoin="round"`;
  const circle = `<circle cx="${n(cx)}" cy="${n(cy)}" r="${ICON_RADIUS}" fill="${MARK[mark].fill}"/>`;
  switch (mark) {
    case "yes":
      return `${circle}<path d="M${n(cx - 5.2)} ${n(cy + 0.4)}L${n(cx - 1.6)} ${n(cy + 4)}L${n(cx + 5.6)} ${n(cy - 3.9)}" ${stroke}/>`;
    case "partly":
      return `${circle}<path d="M${n(cx)} ${n(cy - 6)}V${n(cy + 1.3)}" ${stroke}/><circle cx="${n(cx)}" cy="${n(cy + 5.6)}" r="1.8" fill="#ffffff"/>`;
    case "local":
      return `${circle}<path d="M${n(cx - 5.2)} ${n(cy - 3.4)}H${n(cx + 5.2)}M${n(cx - 5.2)} ${n(cy + 3.4)}H${n(cx + 5.2)}" ${stroke}/>`;
    case "no":
      return `${circle}<path d="M${n(cx - 4.3)} ${n(cy - 4.3)}L${n(cx + 4.3)} ${n(cy + 4.3)}M${n(cx + 4.3)} ${n(cy - 4.3)}L${n(cx - 4.3)} ${n(cy + 4.3)}" ${stroke}/>`;
  }
}

/** A part of a picture, stacked top to bottom: its height and how to draw it at a given top. */
interface Block {
  height: number;
  draw(top: number): string;
}

/** x of each column's left edge and the width of each, inside the card. */
function columnGrid(count: number): { x: number[]; width: number } {
  const width = (INNER_WIDTH - 2 * PAD_X - (count - 1) * COLUMN_GAP) / count;
  return { x: Array.from({ length: count }, (_, i) => MARGIN + PAD_X + i * (width + COLUMN_GAP)), width };
}

/** The band on top of a section: its title (with its number) and summary, white on blue. */
function headingBlock(title: string, summary: string, badge: string): Block {
  const badgeWidth = measureText(badge, SUMMARY.size, 600) + 24;
  const titleLines = wrapText(title, INNER_WIDTH - 2 * PAD_X - badgeWidth - 16, HEADING);
  const summaryLines = wrapText(summary, INNER_WIDTH - 2 * PAD_X, SUMMARY);
  const height = 20 + titleLines.length * HEADING_LINE + 4 + summaryLines.length * SUMMARY_LINE + 20;
  return {
    height,
    draw: (top) => {
      const right = MARGIN + INNER_WIDTH - PAD_X;
      return (
        `<rect x="${MARGIN}" y="${n(top)}" width="${INNER_WIDTH}" height="${n(height)}" fill="${COLOR.header}"/>` +
        textBlock(titleLines, MARGIN + PAD_X, top + 20, HEADING, HEADING_LINE, COLOR.headerText) +
        `<rect x="${n(right - badgeWidth)}" y="${n(top + 20 + (HEADING_LINE - 36) / 2)}" width="${n(badgeWidth)}" height="36" rx="18" fill="#ffffff" fill-opacity="0.18"/>` +
        textLine(
          badge,
          right - badgeWidth + 12,
          baseline(top + 20 + (HEADING_LINE - 36) / 2, 36, SUMMARY),
          { size: SUMMARY.size, weight: 600 },
          COLOR.headerText,
        ) +
        textBlock(
          summaryLines,
          MARGIN + PAD_X,
          top + 20 + titleLines.length * HEADING_LINE + 4,
          SUMMARY,
          SUMMARY_LINE,
          "#dbe7f5",
        )
      );
    },
  };
}

/** The column headers under a section's band. */
function columnsBlock(columns: readonly string[]): Block {
  const grid = columnGrid(columns.length);
  const lines = columns.map((c) => wrapText(c, grid.width, COLUMN));
  const height = 12 + Math.max(...lines.map((l) => l.length)) * COLUMN_LINE + 12;
  return {
    height,
    draw: (top) =>
      `<rect x="${MARGIN}" y="${n(top)}" width="${INNER_WIDTH}" height="${n(height)}" fill="${COLOR.columns}"/>` +
      lines.map((l, i) => textBlock(l, grid.x[i] ?? 0, top + 12, COLUMN, COLUMN_LINE, COLOR.columnText)).join(""),
  };
}

/** One row: its title across the card, and under it a mark with its text in each column. */
function rowBlock(row: TableRow, striped: boolean, first: boolean): Block {
  const grid = columnGrid(row.cells.length);
  const titleLines = wrapText(row.title, INNER_WIDTH - 2 * PAD_X, ROW_TITLE);
  const cells = row.cells.map((cell) => wrapText(cell.text, grid.width - ICON_SPACE, CELL));
  const cellsHeight = Math.max(...cells.map((c) => c.length)) * CELL_LINE;
  const height = ROW_PAD_TOP + titleLines.length * ROW_TITLE_LINE + TITLE_GAP + cellsHeight + ROW_PAD_BOTTOM;
  return {
    height,
    draw: (top) => {
      const parts = [
        `<rect x="${MARGIN}" y="${n(top)}" width="${INNER_WIDTH}" height="${n(height)}" fill="${striped ? COLOR.stripe : COLOR.card}"/>`,
      ];
      if (!first) {
        parts.push(
          `<path d="M${MARGIN} ${n(top)}H${MARGIN + INNER_WIDTH}" stroke="${COLOR.rule}" stroke-width="1.5"/>`,
        );
      }
      parts.push(textBlock(titleLines, MARGIN + PAD_X, top + ROW_PAD_TOP, ROW_TITLE, ROW_TITLE_LINE, COLOR.row));
      const cellsTop = top + ROW_PAD_TOP + titleLines.length * ROW_TITLE_LINE + TITLE_GAP;
      row.cells.forEach((cell, i) => {
        const x = grid.x[i] ?? 0;
        parts.push(
          markIcon(cell.mark, x + ICON_RADIUS, cellsTop + CELL_LINE / 2),
          textBlock(cells[i] ?? [], x + ICON_SPACE, cellsTop, CELL, CELL_LINE, MARK[cell.mark].text),
        );
      });
      return parts.join("");
    },
  };
}

/** The credit line under a picture. */
function footerBlock(footer: string): Block {
  const lines = wrapText(footer, INNER_WIDTH, FOOTER);
  const height = 14 + lines.length * FOOTER_LINE + 18;
  return { height, draw: (top) => textBlock(lines, MARGIN, top + 14, FOOTER, FOOTER_LINE, COLOR.footer) };
}

/** A heading above the card, for the whole table. */
function titleBlock(title: string): Block {
  const lines = wrapText(title, INNER_WIDTH, HEADING);
  const height = lines.length * HEADING_LINE + 16;
  return { height, draw: (top) => textBlock(lines, MARGIN, top, HEADING, HEADING_LINE, COLOR.title) };
}

/** The blocks of a section's card: band, column headers, rows. */
function sectionBlocks(section: TableSection, labels: TableLabels, badge: string): Block[] {
  return [
    headingBlock(section.title, section.summary, badge),
    columnsBlock(labels.columns),
    ...section.rows.map((row, i) => rowBlock(row, i % 2 === 1, i === 0)),
  ];
}

/** Draws cards (each a list of blocks with rounded corners) one under another, with blocks before and after. */
function compose(before: readonly Block[], cards: readonly Block[][], after: readonly Block[]): TableSvg {
  const parts: string[] = [];
  let y = MARGIN;
  for (const block of before) {
    parts.push(block.draw(y));
    y += block.height;
  }
  cards.forEach((card, c) => {
    if (c > 0) y += MARGIN;
    const top = y;
    const body: string[] = [];
    for (const block of card) {
      body.push(block.draw(y));
      y += block.height;
    }
    const frame = `x="${MARGIN}" y="${n(top)}" width="${INNER_WIDTH}" height="${n(y - top)}" rx="${RADIUS}"`;
    parts.push(
      `<defs><clipPath id="card${c}"><rect ${frame}/></clipPath></defs>`,
      `<rect ${frame} fill="${COLOR.card}"/>`,
      `<g clip-path="url(#card${c})">${body.join("")}</g>`,
      `<rect ${frame} fill="none" stroke="${COLOR.border}" stroke-width="1.5"/>`,
    );
  });
  for (const block of after) {
    parts.push(block.draw(y));
    y += block.height;
  }
  const height = Math.ceil(y);
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" width="${PICTURE_WIDTH}" height="${height}" viewBox="0 0 ${PICTURE_WIDTH} ${height}" font-family="${FONT_FAMILY}">` +
    `<rect width="${PICTURE_WIDTH}" height="${height}" fill="${COLOR.canvas}"/>` +
    parts.join("") +
    `</svg>`;
  const sizes = [ROW_TITLE, CELL, HEADING, SUMMARY, COLUMN, FOOTER].map((s) => s.size);
  return {
    svg,
    width: PICTURE_WIDTH,
    height,
    bodySize: Math.min(ROW_TITLE.size, CELL.size),
    smallestSize: Math.min(...sizes),
  };
}

/** How much Telegram scales a photo of this size down: it keeps at most {@link TELEGRAM_PHOTO_SIDE} px on the long side. */
export function telegramScale(width: number, height: number): number {
  return Math.min(1, TELEGRAM_PHOTO_SIDE / Math.max(width, height));
}

/** Splits `items` into `parts` runs in order, whose lengths differ by one at most. */
export function balanced<T>(items: readonly T[], parts: number): T[][] {
  const out: T[][] = [];
  let start = 0;
  for (let i = 0; i < parts; i++) {
    const end = start + Math.ceil((items.length - start) / (parts - i));
    out.push(items.slice(start, end));
    start = end;
  }
  return out;
}

/**
 * Lays one section out as an SVG picture: a band with its title, number and
 * summary, the column headers, then each row with its title across the
 * picture and, under it, a coloured mark and a short text per column; the
 * credit line below. Lines are wrapped with the real font metrics, so
 * nothing overflows, and the picture is as tall as its rows.
 */
export function buildSectionSvg(section: TableSection, labels: TableLabels, position: PagePosition): TableSvg {
  const title =
    position.part === undefined ? section.title : `${section.title} (${position.part.index}/${position.part.count})`;
  return compose(
    [],
    [sectionBlocks({ ...section, title }, labels, `${position.section}/${position.sections}`)],
    [footerBlock(labels.footer)],
  );
}

/**
 * The pictures of one section: one, or as few parts as keep each within
 * the size Telegram keeps of a photo, so that no picture is scaled down and
 * its text stays as large as it is laid out. The parts split the rows
 * evenly and say which part they are.
 *
 * @param number 1-based number of the section
 * @param total how many sections the table has
 */
export function buildSectionPages(
  section: TableSection,
  labels: TableLabels,
  number: number,
  total: number,
): TableSvg[] {
  let pages: TableSvg[] = [];
  for (let count = 1; count <= Math.max(1, section.rows.length); count++) {
    pages = balanced(section.rows, count).map((rows, i) =>
      buildSectionSvg({ ...section, rows }, labels, {
        section: number,
        sections: total,
        ...(count > 1 ? { part: { index: i + 1, count } } : {}),
      }),
    );
    if (pages.every((page) => page.height <= TELEGRAM_PHOTO_SIDE)) break;
  }
  return pages;
}

/** Lays the whole table out as one tall SVG: its title, then every section's card, then the credit line. */
export function buildFullSvg(sections: readonly TableSection[], labels: TableLabels): TableSvg {
  return compose(
    [titleBlock(labels.title)],
    sections.map((s, i) => sectionBlocks(s, labels, `${i + 1}/${sections.length}`)),
    [footerBlock(labels.footer)],
  );
}
