import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { Resvg } from "@resvg/resvg-js";
import { PNG } from "pngjs";
import { describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import type { Mark } from "../src/matrix/schema.js";
import { FONT_FAMILY, FONT_FILES, measureText } from "../src/table/fonts.js";
import {
  buildTableSvg,
  renderTablePng,
  TABLE_WIDTH,
  tableCacheKey,
  type TableData,
  type TableLabels,
  type TableRow,
} from "../src/table/render.js";
import { escapeXml } from "../src/table/svg.js";
import { wrapText } from "../src/table/wrap.js";

/**
 * Reference pictures live in test/fixtures/table/. After a deliberate change
 * to the drawing, regenerate them and look at them before committing:
 *
 *   UPDATE_TABLE_FIXTURES=1 npx vitest run test/table.test.ts
 */
const FIXTURES = join(import.meta.dirname, "fixtures", "table");
const UPDATE = process.env.UPDATE_TABLE_FIXTURES === "1";
/** Pictures are compared at half size, which is quicker and still shows every row. */
const COMPARE_WIDTH = 540;
/** A pixel differs when one of its channels moves by more than this (0-255). */
const CHANNEL_THRESHOLD = 48;
/** Pictures match while fewer than this share of pixels differ; one changed word moves about 0.2%. */
const TOLERANCE = 0.0005;

const LABELS: Record<"en" | "ru", TableLabels> = {
  en: {
    title: "Bot API vs Telegram API",
    feature: "Feature",
    columns: ["Bot API", "Telegram API"],
    footer: "Source: papercraft.tmat.me/book/api-comparison · table by @vanutp · CC BY-NC 4.0",
    marks: { yes: "Yes", partly: "Partly", local: "Local server", no: "No" },
  },
  ru: {
    title: "Bot API и Telegram API",
    feature: "Возможность",
    columns: ["Bot API", "Telegram API"],
    footer: "Источник: papercraft.tmat.me/book/api-comparison · table by @vanutp · CC BY-NC 4.0",
    marks: { yes: "Да", partly: "Частично", local: "Локальный сервер", no: "Нет" },
  },
};

/** The fixture tables: two columns with a mark and a sentence or a list each, as the picture once had. */
function fixture(locale: "en" | "ru"): TableData {
  type Side = { can: Mark; text: string | string[] };
  const file = parseYaml(readFileSync(join(FIXTURES, `matrix.${locale}.yaml`), "utf8")) as {
    rows: { title: string; bot_api: Side; telegram_api: Side }[];
  };
  const cell = (side: Side) => ({ mark: side.can, lines: typeof side.text === "string" ? [side.text] : side.text });
  return { rows: file.rows.map((r) => ({ title: r.title, cells: [cell(r.bot_api), cell(r.telegram_api)] })) };
}

const matrices = { en: fixture("en"), ru: fixture("ru") };

function withRow(data: TableData, index: number, change: (row: TableRow) => TableRow): TableData {
  return { rows: data.rows.map((row, i) => (i === index ? change(row) : row)) };
}

/** A row with cell `c` changed. */
function withCell(row: TableRow, c: number, change: Partial<TableRow["cells"][number]>): TableRow {
  return { ...row, cells: row.cells.map((cell, i) => (i === c ? { ...cell, ...change } : cell)) };
}

function pngSize(png: Uint8Array): { width: number; height: number } {
  expect([...png.subarray(0, 8)]).toEqual([137, 80, 78, 71, 13, 10, 26, 10]);
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  expect(String.fromCharCode(...png.subarray(12, 16))).toBe("IHDR");
  return { width: view.getUint32(16), height: view.getUint32(20) };
}

/** Share of pixels that differ noticeably; 1 when the sizes differ. */
function difference(a: Uint8Array, b: Uint8Array): number {
  const left = PNG.sync.read(Buffer.from(a));
  const right = PNG.sync.read(Buffer.from(b));
  if (left.width !== right.width || left.height !== right.height) return 1;
  let differing = 0;
  for (let i = 0; i < left.data.length; i += 4) {
    for (let c = 0; c < 4; c++) {
      if (Math.abs((left.data[i + c] ?? 0) - (right.data[i + c] ?? 0)) > CHANNEL_THRESHOLD) {
        differing++;
        break;
      }
    }
  }
  return differing / (left.width * left.height);
}

const small = (data: TableData, labels: TableLabels): Buffer => renderTablePng(data, labels, { width: COMPARE_WIDTH });

describe("renderTablePng", () => {
  it("draws a PNG as wide as the layout and as tall as its rows", () => {
    const png = renderTablePng(matrices.en, LABELS.en);
    const { height } = buildTableSvg(matrices.en, LABELS.en);
    expect(pngSize(png)).toEqual({ width: TABLE_WIDTH, height });
    const decoded = PNG.sync.read(png);
    expect(decoded.width).toBe(TABLE_WIDTH);
    expect(decoded.height).toBe(height);
  });

  it("scales to the requested width", () => {
    const { height } = buildTableSvg(matrices.en, LABELS.en);
    expect(pngSize(small(matrices.en, LABELS.en))).toEqual({
      width: COMPARE_WIDTH,
      height: Math.round((height * COMPARE_WIDTH) / TABLE_WIDTH),
    });
  });

  it("gives the same bytes for the same input", () => {
    expect(small(matrices.ru, LABELS.ru).equals(small(matrices.ru, LABELS.ru))).toBe(true);
  });

  for (const locale of ["en", "ru"] as const) {
    it(`matches the reference picture (${locale})`, () => {
      const png = small(matrices[locale], LABELS[locale]);
      const reference = join(FIXTURES, `table.${locale}.png`);
      if (UPDATE || !existsSync(reference)) {
        if (!UPDATE) throw new Error(`${reference} is missing: run with UPDATE_TABLE_FIXTURES=1 to create it`);
        writeFileSync(reference, png);
      }
      expect(difference(png, readFileSync(reference))).toBeLessThan(TOLERANCE);
    });
  }

  it("shows a changed title", () => {
    const changed = withRow(matrices.en, 0, (row) => ({ ...row, title: "Look up accounts" }));
    expect(difference(small(matrices.en, LABELS.en), small(changed, LABELS.en))).toBeGreaterThan(TOLERANCE);
  });

  it("shows a changed ability", () => {
    const changed = withRow(matrices.en, 1, (row) => withCell(row, 0, { mark: "partly" }));
    expect(difference(small(matrices.en, LABELS.en), small(changed, LABELS.en))).toBeGreaterThan(TOLERANCE);
  });

  it("draws any number of columns, a local-server mark and cells without text", () => {
    const three: TableData = {
      rows: matrices.en.rows.map((row) => ({ ...row, cells: [...row.cells, { mark: "local", lines: [] }] })),
    };
    const labels = { ...LABELS.en, columns: [...LABELS.en.columns, "Third"] };
    const { svg, height } = buildTableSvg(three, labels);
    expect(svg).toContain(">Third<");
    expect(svg.match(/>Local server</g)?.length).toBe(three.rows.length);
    expect(pngSize(small(three, labels)).height).toBe(Math.round((height * COMPARE_WIDTH) / TABLE_WIDTH));
  });

  it("escapes markup in the text", () => {
    const labels = { ...LABELS.en, title: `<b>"Bots" & 'clients'</b>` };
    const { svg } = buildTableSvg(matrices.en, labels);
    expect(svg).toContain("&#60;b&#62;&#34;Bots&#34; &#38; &#39;clients&#39;&#60;/b&#62;");
    expect(pngSize(small(matrices.en, labels)).width).toBe(COMPARE_WIDTH);
    expect(escapeXml("a<b")).toBe("a&#60;b");
  });
});

describe("tableCacheKey", () => {
  const key = tableCacheKey(matrices.en, LABELS.en);

  it("is a short stable hash", () => {
    expect(key).toMatch(/^[0-9a-f]{16}$/);
    expect(tableCacheKey(matrices.en, LABELS.en)).toBe(key);
  });

  it("changes with the data and the labels", () => {
    const keys = [
      tableCacheKey(
        withRow(matrices.en, 2, (row) => ({ ...row, title: `${row.title}!` })),
        LABELS.en,
      ),
      tableCacheKey(
        withRow(matrices.en, 1, (row) => withCell(row, 1, { mark: "partly" })),
        LABELS.en,
      ),
      tableCacheKey(
        withRow(matrices.en, 0, (row) => withCell(row, 0, { lines: ["Other text."] })),
        LABELS.en,
      ),
      tableCacheKey(matrices.en, { ...LABELS.en, footer: "Other footer" }),
      tableCacheKey(matrices.ru, LABELS.ru),
    ];
    expect(new Set([key, ...keys]).size).toBe(keys.length + 1);
  });
});

describe("text layout", () => {
  it("measures text as wide as the rasteriser draws it", () => {
    const samples = [
      "Only the users that appear in updates.",
      "Оба лимита действуют, если бот не работает",
      "WAVE «видел» 200",
    ];
    for (const text of samples) {
      for (const weight of [400, 600, 700] as const) {
        const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="1400" height="80"><text x="20" y="50" font-family="${FONT_FAMILY}" font-size="28" font-weight="${weight}">${escapeXml(text)}</text></svg>`;
        const box = new Resvg(svg, { font: { fontFiles: [...FONT_FILES], loadSystemFonts: false } }).getBBox();
        const measured = measureText(text, 28, weight);
        expect(box).toBeDefined();
        // The drawn ink sits within the advance width and fills nearly all of it.
        expect(box?.width ?? Infinity).toBeLessThanOrEqual(measured);
        expect(box?.width ?? 0).toBeGreaterThan(measured * 0.97);
      }
    }
  });

  it("wraps within the width and keeps short groups together", () => {
    const style = { size: 28, weight: 400 } as const;
    const lines = wrapText(
      "Both limits apply unless the bot talks to its own local Bot API server, up to 20 MB.",
      300,
      style,
    );
    expect(lines.length).toBeGreaterThan(1);
    for (const line of lines) expect(measureText(line, 28, 400)).toBeLessThanOrEqual(300);
    expect(lines.join(" ")).toContain("Bot\u00a0API");
    expect(lines.join(" ")).toContain("20\u00a0MB.");
  });

  it("breaks a word that is wider than the line", () => {
    const lines = wrapText("https://papercraft.tmat.me/book/api-comparison#limitations", 200, {
      size: 28,
      weight: 400,
    });
    expect(lines.length).toBeGreaterThan(1);
    for (const line of lines) expect(measureText(line, 28, 400)).toBeLessThanOrEqual(200);
    expect(lines.join("")).toBe("https://papercraft.tmat.me/book/api-comparison#limitations");
  });
});
