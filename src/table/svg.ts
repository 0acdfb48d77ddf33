import type { Mark } from "../matrix/schema.js";
import { FONT_FAMILY, measureText, releaseFonts } from "./fonts.js";
import { type TextStyle, widestWord, wrapText } from "./wrap.js";

/**
 * The words drawn around the data, already in the reader's language: the
 * caller translates them so that this module stays free of locale logic.
 */
export interface TableLabels {
  /** Heading above the table. */
  title: string;
  /** Header of the first column. */
  feature: string;
  /** Headers of the columns after the first, one per cell of a row. */
  columns: readonly string[];
  /** Small credit line under the table (source, author, licence). */
  footer: string;
  /** Word shown in the pill of each mark, e.g. "Yes", "Partly", "No". */
  marks: Record<Mark, string>;
}

/** One cell of the table: a coloured mark with its word, and lines of text under it. */
export interface TableCell {
  mark: Mark;
  /** One item, or several shown as a bulleted list; may be empty. */
  lines: readonly string[];
}

/** One row of the table: its title and a cell per column. */
export interface TableRow {
  title: string;
  cells: readonly TableCell[];
}

/** What the picture shows, already in the reader's language. */
export interface TableData {
  rows: readonly TableRow[];
}

/** An SVG document and its size in px. */
export interface TableSvg {
  svg: string;
  width: number;
  height: number;
}

/** Width of the picture in px: wide enough for detail, narrow enough for a phone. */
export const TABLE_WIDTH = 1080;

const MARGIN = 32;
const INNER_WIDTH = TABLE_WIDTH - 2 * MARGIN;
/** Bounds of the feature column; the other columns share the rest equally. */
const FEATURE_COLUMN = { min: 260, max: 340 } as const;
const CELL_PAD_X = 24;
const CELL_PAD_Y = 26;
const HEADER_PAD_Y = 22;
const RADIUS = 18;

const COLOR = {
  canvas: "#f2f4f7",
  card: "#ffffff",
  stripe: "#f5f7fa",
  rule: "#e1e6ed",
  border: "#d5dce5",
  header: "#2467a8",
  headerText: "#ffffff",
  title: "#0f172a",
  feature: "#0f172a",
  body: "#334155",
  bullet: "#94a3b8",
  footer: "#64748b",
} as const;

const MARK: Record<Mark, { fill: string; tint: string; text: string }> = {
  yes: { fill: "#16a34a", tint: "#dcfce7", text: "#166534" },
  partly: { fill: "#d97706", tint: "#fef3c7", text: "#92400e" },
  local: { fill: "#2563eb", tint: "#dbeafe", text: "#1e40af" },
  no: { fill: "#dc2626", tint: "#fee2e2", text: "#991b1b" },
};

const TITLE: TextStyle = { size: 40, weight: 700 };
const TITLE_LINE = 50;
const HEADER: TextStyle = { size: 28, weight: 600 };
const HEADER_LINE = 36;
const FEATURE: TextStyle = { size: 30, weight: 600 };
const FEATURE_LINE = 40;
const BODY: TextStyle = { size: 28, weight: 400 };
const BODY_LINE = 38;
const ITEM_GAP = 8;
const BULLET_INDENT = 24;
const PILL_HEIGHT = 44;
const PILL_TEXT: TextStyle = { size: 24, weight: 600 };
const PILL_GAP = 16;
const FOOTER: TextStyle = { size: 22, weight: 400 };
const FOOTER_LINE = 30;

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
function markIcon(can: Mark, cx: number, cy: number): string {
  const stroke = `fill="none" stroke="#ffffff" stroke-width="3.2" stroke-linecap="round" stroke-linejoin="round"`;
  const circle = `<circle cx="${n(cx)}" cy="${n(cy)}" r="14" fill="${MARK[can].fill}"/>`;
  switch (can) {
    case "yes":
      return `${circle}<path d="M${n(cx - 6)} ${n(cy + 0.5)}L${n(cx - 1.8)} ${n(cy + 4.7)}L${n(cx + 6.5)} ${n(cy - 4.5)}" ${stroke}/>`;
    case "partly":
      return `${circle}<path d="M${n(cx)} ${n(cy - 7)}V${n(cy + 1.5)}" ${stroke}/><circle cx="${n(cx)}" cy="${n(cy + 6.5)}" r="2" fill="#ffffff"/>`;
    case "local":
      return `${circle}<path d="M${n(cx - 6)} ${n(cy - 4)}H${n(cx + 6)}M${n(cx - 6)} ${n(cy + 4)}H${n(cx + 6)}" ${stroke}/>`;
    case "no":
      return `${circle}<path d="M${n(cx - 5)} ${n(cy - 5)}L${n(cx + 5)} ${n(cy + 5)}M${n(cx + 5)} ${n(cy - 5)}L${n(cx - 5)} ${n(cy + 5)}" ${stroke}/>`;
  }
}

interface Cell {
  height: number;
  draw(x: number, top: number): string;
}

function featureCell(title: string, width: number): Cell {
  const lines = wrapText(title, width, FEATURE);
  // Centres the first line on the ability pill of the neighbouring cells.
  const offset = (PILL_HEIGHT - FEATURE_LINE) / 2;
  return {
    height: offset + lines.length * FEATURE_LINE,
    draw: (x, top) => textBlock(lines, x, top + offset, FEATURE, FEATURE_LINE, COLOR.feature),
  };
}

function sideCell(side: TableCell, label: string, width: number): Cell {
  const mark = MARK[side.mark];
  const iconSpace = 44;
  const room = width - iconSpace - 18;
  const natural = measureText(label, PILL_TEXT.size, PILL_TEXT.weight);
  const pillText: TextStyle = natural > room ? { ...PILL_TEXT, size: (PILL_TEXT.size * room) / natural } : PILL_TEXT;
  const pillWidth = iconSpace + measureText(label, pillText.size, pillText.weight) + 18;
  const bulleted = side.lines.length > 1;
  const textWidth = bulleted ? width - BULLET_INDENT : width;
  const items = side.lines.map((line) => wrapText(line, textWidth, BODY));
  const itemsHeight = items.reduce((sum, lines) => sum + lines.length * BODY_LINE, 0) + ITEM_GAP * (items.length - 1);
  return {
    height: items.length === 0 ? PILL_HEIGHT : PILL_HEIGHT + PILL_GAP + itemsHeight,
    draw: (x, top) => {
      const parts = [
        `<rect x="${n(x)}" y="${n(top)}" width="${n(pillWidth)}" height="${PILL_HEIGHT}" rx="${PILL_HEIGHT / 2}" fill="${mark.tint}"/>`,
        markIcon(side.mark, x + PILL_HEIGHT / 2, top + PILL_HEIGHT / 2),
        textLine(label, x + iconSpace, baseline(top, PILL_HEIGHT, pillText), pillText, mark.text),
      ];
      let y = top + PILL_HEIGHT + PILL_GAP;
      for (const lines of items) {
        if (bulleted) {
          parts.push(`<circle cx="${n(x + 7)}" cy="${n(y + BODY_LINE / 2)}" r="4" fill="${COLOR.bullet}"/>`);
        }
        parts.push(textBlock(lines, bulleted ? x + BULLET_INDENT : x, y, BODY, BODY_LINE, COLOR.body));
        y += lines.length * BODY_LINE + ITEM_GAP;
      }
      return parts.join("");
    },
  };
}

/** Column widths in px: the feature column fits its longest word, within bounds. */
function columnWidths(data: TableData, labels: TableLabels): number[] {
  const needed = Math.max(widestWord(labels.feature, HEADER), ...data.rows.map((r) => widestWord(r.title, FEATURE)));
  const feature = Math.min(FEATURE_COLUMN.max, Math.max(FEATURE_COLUMN.min, Math.ceil(needed) + 2 * CELL_PAD_X + 2));
  const count = labels.columns.length;
  const side = Math.floor((INNER_WIDTH - feature) / count);
  return [INNER_WIDTH - count * side, ...labels.columns.map(() => side)];
}

/**
 * Lays the data out as an SVG table: a title, a header row, one row per
 * feature with a coloured mark and its text in each column, and a credit
 * line. Every line of text is wrapped with the real font metrics, so
 * nothing overflows its cell, and each row is as tall as its content.
 */
export function buildTableSvg(data: TableData, labels: TableLabels): TableSvg {
  try {
    return layOut(data, labels);
  } finally {
    releaseFonts();
  }
}

function layOut(data: TableData, labels: TableLabels): TableSvg {
  const parts: string[] = [];
  let y = 44;

  const titleLines = wrapText(labels.title, INNER_WIDTH, TITLE);
  parts.push(textBlock(titleLines, MARGIN, y, TITLE, TITLE_LINE, COLOR.title));
  y += titleLines.length * TITLE_LINE + 26;

  const tableTop = y;
  const columns = columnWidths(data, labels);
  const columnX = columns.map((_, c) => MARGIN + columns.slice(0, c).reduce((sum, w) => sum + w, 0));
  const innerWidths = columns.map((w) => w - 2 * CELL_PAD_X);
  const body: string[] = [];

  const headers = [labels.feature, ...labels.columns].map((h, i) => wrapText(h, innerWidths[i] ?? 0, HEADER));
  const headerHeight = Math.max(...headers.map((h) => h.length)) * HEADER_LINE + 2 * HEADER_PAD_Y;
  body.push(
    `<rect x="${MARGIN}" y="${n(y)}" width="${INNER_WIDTH}" height="${n(headerHeight)}" fill="${COLOR.header}"/>`,
  );
  headers.forEach((lines, i) => {
    body.push(
      textBlock(lines, (columnX[i] ?? 0) + CELL_PAD_X, y + HEADER_PAD_Y, HEADER, HEADER_LINE, COLOR.headerText),
    );
  });
  y += headerHeight;

  const rules: number[] = [];
  data.rows.forEach((row, i) => {
    const cells = [
      featureCell(row.title, innerWidths[0] ?? 0),
      ...row.cells.map((cell, c) => sideCell(cell, labels.marks[cell.mark], innerWidths[c + 1] ?? 0)),
    ];
    const height = Math.max(...cells.map((c) => c.height)) + 2 * CELL_PAD_Y;
    body.push(
      `<rect x="${MARGIN}" y="${n(y)}" width="${INNER_WIDTH}" height="${n(height)}" fill="${i % 2 === 0 ? COLOR.card : COLOR.stripe}"/>`,
    );
    if (i > 0) rules.push(y);
    cells.forEach((cell, c) => body.push(cell.draw((columnX[c] ?? 0) + CELL_PAD_X, y + CELL_PAD_Y)));
    y += height;
  });
  const tableBottom = y;

  for (const ruleY of rules) {
    body.push(`<path d="M${MARGIN} ${n(ruleY)}H${MARGIN + INNER_WIDTH}" stroke="${COLOR.rule}" stroke-width="1.5"/>`);
  }
  for (const x of columnX.slice(1)) {
    body.push(
      `<path d="M${x} ${n(tableTop + headerHeight)}V${n(tableBottom)}" stroke="${COLOR.rule}" stroke-width="1.5"/>`,
    );
  }

  const tableHeight = tableBottom - tableTop;
  const frame = `x="${MARGIN}" y="${n(tableTop)}" width="${INNER_WIDTH}" height="${n(tableHeight)}" rx="${RADIUS}"`;
  parts.push(
    `<defs><clipPath id="table"><rect ${frame}/></clipPath></defs>`,
    `<rect ${frame} fill="${COLOR.card}"/>`,
    `<g clip-path="url(#table)">${body.join("")}</g>`,
    `<rect ${frame} fill="none" stroke="${COLOR.border}" stroke-width="1.5"/>`,
  );
  y = tableBottom + 22;

  const footerLines = wrapText(labels.footer, INNER_WIDTH, FOOTER);
  parts.push(textBlock(footerLines, MARGIN, y, FOOTER, FOOTER_LINE, COLOR.footer));
  y += footerLines.length * FOOTER_LINE + 32;

  const height = Math.ceil(y);
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" width="${TABLE_WIDTH}" height="${height}" viewBox="0 0 ${TABLE_WIDTH} ${height}" font-family="${FONT_FAMILY}">` +
    `<rect width="${TABLE_WIDTH}" height="${height}" fill="${COLOR.canvas}"/>` +
    parts.join("") +
    `</svg>`;
  return { svg, width: TABLE_WIDTH, height };
}
