import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type * as ResvgJs from "@resvg/resvg-js";
import { FONT_FAMILY, FONT_FILES, releaseFonts } from "./fonts.js";
import { buildFullSvg, buildSectionPages, type TableLabels, type TableSection, type TableSvg } from "./svg.js";

export {
  balanced,
  buildFullSvg,
  buildSectionPages,
  buildSectionSvg,
  PICTURE_WIDTH,
  TELEGRAM_PHOTO_SIDE,
  telegramScale,
  type TableCell,
  type TableLabels,
  type TableRow,
  type TableSection,
  type TableSvg,
} from "./svg.js";

const require = createRequire(import.meta.url);
/** Loaded on the first picture: most runs never draw one. */
let resvgJs: typeof ResvgJs | undefined;

/** Options for {@link renderPng}. */
export interface RenderOptions {
  /**
   * Width of the PNG in px; the height follows the same scale. Defaults to
   * the layout's own width. Smaller values serve quick previews and tests.
   */
  width?: number;
}

/**
 * Rasterises a laid-out picture as PNG. Pure and deterministic: the same
 * SVG and options always give the same bytes, on any machine, because the
 * fonts come from an npm package and system fonts are never loaded.
 */
export function renderPng(picture: TableSvg, options: RenderOptions = {}): Buffer {
  resvgJs ??= require("@resvg/resvg-js") as typeof ResvgJs;
  const resvg = new resvgJs.Resvg(picture.svg, {
    font: { fontFiles: [...FONT_FILES], loadSystemFonts: false, defaultFontFamily: FONT_FAMILY },
    fitTo: options.width === undefined ? { mode: "original" } : { mode: "width", value: options.width },
    logLevel: "off",
  });
  return resvg.render().asPng();
}

/** What to draw of a table: all its sections are given, so that each knows its number. */
export interface DrawRequest {
  sections: readonly TableSection[];
  labels: TableLabels;
  /** Zero-based indices of the sections whose pictures are wanted. */
  draw: readonly number[];
  /** Whether the whole table, as one tall picture, is wanted too. */
  full: boolean;
}

/** The PNGs of a {@link DrawRequest}. */
export interface DrawResult {
  /** Per section asked for: its pictures, one per part. */
  sections: { index: number; pngs: Buffer[] }[];
  /** The whole table, when asked for. */
  full?: Buffer;
}

/**
 * Lays out and draws the pictures asked for, then lets the fonts go. Runs
 * in a process of its own when the bot draws (see `drawing.ts`), and
 * directly in scripts and tests.
 */
export function drawPictures(request: DrawRequest): DrawResult {
  const total = request.sections.length;
  try {
    const result: DrawResult = { sections: [] };
    for (const index of request.draw) {
      const section = request.sections[index];
      if (section === undefined) throw new RangeError(`there is no section ${index}`);
      const pages = buildSectionPages(section, request.labels, index + 1, total);
      result.sections.push({ index, pngs: pages.map((page) => renderPng(page)) });
    }
    if (request.full) result.full = renderPng(buildFullSvg(request.sections, request.labels));
    return result;
  } finally {
    releaseFonts();
  }
}

let fingerprint: string | undefined;

/** The modules of this folder whose code decides how a picture looks, hashed by {@link drawingFingerprint}. */
export const DRAWING_MODULES: readonly string[] = ["svg", "wrap", "fonts", "render"];

/**
 * In the bundle `npm run build` makes, the hash of {@link DRAWING_MODULES}
 * as they were bundled (see `scripts/bundle-bot.ts`): there they are no
 * longer files of their own. Not defined when run from the sources.
 */
declare const BUNDLED_DRAWING_CODE: string | undefined;

/**
 * Changes whenever the same data would be drawn differently: a hash of the
 * drawing code (this folder's layout, wrapping, fonts and rendering, as
 * they are on disk) and of the versions of the rasteriser and the fonts.
 * Keys of pictures include it, so that Telegram's file_id of an old
 * drawing is never reused for a new one.
 */
export function drawingFingerprint(): string {
  if (fingerprint !== undefined) return fingerprint;
  const hash = createHash("sha256");
  if (typeof BUNDLED_DRAWING_CODE === "string") hash.update(BUNDLED_DRAWING_CODE);
  else {
    const here = fileURLToPath(import.meta.url);
    const extension = /\.[cm]?[jt]s$/.exec(here)?.[0] ?? ".js";
    for (const module of DRAWING_MODULES) hash.update(readFileSync(join(dirname(here), `${module}${extension}`)));
  }
  const version = (file: string) => (JSON.parse(readFileSync(file, "utf8")) as { version?: string }).version ?? "";
  hash.update(version(require.resolve("@resvg/resvg-js/package.json")));
  hash.update(version(join(dirname(dirname(FONT_FILES[0] ?? "")), "package.json")));
  fingerprint = hash.digest("hex").slice(0, 16);
  return fingerprint;
}

/**
 * A short hash (16 hex characters) of what a picture shows and how it is
 * drawn: the data, the labels, its position and the drawing code. Use it to
 * reuse Telegram's file_id of a picture already sent.
 */
export function pictureKey(...parts: unknown[]): string {
  return createHash("sha256").update(JSON.stringify(parts)).update(drawingFingerprint()).digest("hex").slice(0, 16);
}
