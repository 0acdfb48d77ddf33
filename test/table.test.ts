import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { Resvg } from "@resvg/resvg-js";
import { PNG } from "pngjs";
import { describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import { Renderer } from "../src/render/renderer.js";
import { drawInChildProcess } from "../src/table/drawing.js";
import { FONT_FAMILY, FONT_FILES, measureText, releaseFonts } from "../src/table/fonts.js";
import { TablePictures } from "../src/table/pictures.js";
import {
  buildFullSvg,
  buildSectionPages,
  drawPictures,
  PICTURE_WIDTH,
  pictureKey,
  renderPng,
  TELEGRAM_PHOTO_SIDE,
  telegramScale,
  type TableLabels,
  type TableSection,
  type TableSvg,
} from "../src/table/render.js";
import { escapeXml } from "../src/table/svg.js";
import { wrapText } from "../src/table/wrap.js";
import { testCatalog, tr } from "./harness.js";

/**
 * Reference pictures live in test/fixtures/table/. After a deliberate change
 * to the drawing, regenerate them and look at them before committing:
 *
 *   UPDATE_TABLE_FIXTURES=1 npx vitest run test/table.test.ts
 */
const FIXTURES = join(import.meta.dirname, "fixtures", "table");
const UPDATE = process.env.UPDATE_TABLE_FIXTURES === "1";
/** Pictures are compared at half size, which is quicker and still shows every row. */
const COMPARE_WIDTH = PICTURE_WIDTH / 2;
/** The whole table is compared at a quarter of its size: it is a stack of the sections compared above. */
const COMPARE_FULL_WIDTH = PICTURE_WIDTH / 4;
/** A pixel differs when one of its channels moves by more than this (0-255). */
const CHANNEL_THRESHOLD = 48;
/** Pictures match while fewer than this share of pixels differ; one changed word moves about 0.2%. */
const TOLERANCE = 0.0005;
/** The least size in px of any text once Telegram has scaled a photo to 1280 px on its long side. */
const LEGIBLE = 22;

const LOCALES = ["en", "ru"] as const;
type Locale = (typeof LOCALES)[number];

const LABELS: Record<Locale, TableLabels> = {
  en: {
    title: "Bot API, a bot over MTProto, a user account: how far each goes",
    columns: ["Bot API", "Bot over MTProto", "User account"],
    footer: "Sources: core.telegram.org · papercraft.tmat.me · table by @vanutp · CC BY-NC 4.0",
  },
  ru: {
    title: "Bot API, бот через MTProto, аккаунт пользователя: кто что умеет",
    columns: ["Bot API", "Бот через MTProto", "Аккаунт пользователя"],
    footer: "Источники: core.telegram.org · papercraft.tmat.me · таблица @vanutp · CC BY-NC 4.0",
  },
};

/** Three sections as the bot draws them: a short one, one with a local-server mark, one in two parts. */
const SECTIONS: Record<Locale, TableSection[]> = {
  en: parseYaml(readFileSync(join(FIXTURES, "sections.en.yaml"), "utf8")) as TableSection[],
  ru: parseYaml(readFileSync(join(FIXTURES, "sections.ru.yaml"), "utf8")) as TableSection[],
};

function pages(locale: Locale, sections = SECTIONS[locale], labels = LABELS[locale]): TableSvg[][] {
  try {
    return sections.map((section, i) => buildSectionPages(section, labels, i + 1, sections.length));
  } finally {
    releaseFonts();
  }
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

/** Compares `png` with the reference picture `name`, or writes it with UPDATE_TABLE_FIXTURES=1. */
function expectReference(png: Buffer, name: string): void {
  const reference = join(FIXTURES, name);
  if (UPDATE || !existsSync(reference)) {
    if (!UPDATE) throw new Error(`${reference} is missing: run with UPDATE_TABLE_FIXTURES=1 to create it`);
    writeFileSync(reference, png);
  }
  expect(difference(png, readFileSync(reference))).toBeLessThan(TOLERANCE);
}

const small = (page: TableSvg): Buffer => renderPng(page, { width: COMPARE_WIDTH });

/** Every text of a picture at the size a reader gets once Telegram has scaled it. */
function scaledSizes(page: TableSvg): { body: number; smallest: number } {
  const scale = telegramScale(page.width, page.height);
  return { body: page.bodySize * scale, smallest: page.smallestSize * scale };
}

describe("section pictures", () => {
  for (const locale of LOCALES) {
    it(`match the reference pictures, section by section (${locale})`, () => {
      pages(locale).forEach((parts, s) =>
        parts.forEach((page, p) => expectReference(small(page), `section-${s + 1}.${p + 1}.${locale}.png`)),
      );
    });

    it(`are legible once Telegram has scaled them (${locale})`, () => {
      for (const page of pages(locale).flat()) {
        expect(page.width).toBe(PICTURE_WIDTH);
        expect(page.height).toBeLessThanOrEqual(TELEGRAM_PHOTO_SIDE);
        expect(scaledSizes(page).body).toBeGreaterThanOrEqual(LEGIBLE);
        expect(scaledSizes(page).smallest).toBeGreaterThanOrEqual(LEGIBLE);
      }
    });
  }

  it("split a section too long for one picture into even parts that say so", () => {
    const [short, , long] = pages("en");
    expect(short).toHaveLength(1);
    expect(long).toHaveLength(2);
    expect(long?.[0]?.svg).toContain(">Groups and channels (1/2)<");
    expect(long?.[1]?.svg).toContain(">Groups and channels (2/2)<");
    expect(short?.[0]?.svg).toContain(">1/3<");
    // Six rows, then five: the sixth row closes the first part, the seventh opens the second.
    const titles = SECTIONS.en[2]?.rows.map((r) => r.title);
    expect(titles?.slice(5, 7)).toEqual(["Bots talking to other bots", "Moderate a group"]);
    expect(long?.[0]?.svg).toContain(">Bots talking to other bots<");
    expect(long?.[0]?.svg).not.toContain(">Moderate a\u00a0group<");
    expect(long?.[1]?.svg).toContain(">Moderate a\u00a0group<");
  });

  it("are legible from the bot's own data, every section in both languages", () => {
    const renderer = new Renderer(testCatalog(), tr);
    const pictures = new TablePictures(renderer, tr);
    for (const locale of LOCALES) {
      const plan = pictures.plan(locale);
      const drawn = pages(locale, [...plan.sections], plan.labels);
      expect(drawn).toHaveLength(testCatalog().sectionSlugs.length);
      for (const page of drawn.flat()) {
        expect(page.height).toBeLessThanOrEqual(TELEGRAM_PHOTO_SIDE);
        expect(scaledSizes(page).smallest).toBeGreaterThanOrEqual(LEGIBLE);
      }
    }
  });

  it("draw a PNG as large as the layout, or scaled to a width asked for", () => {
    const page = pages("en")[0]?.[0];
    if (page === undefined) throw new Error("no page");
    expect(pngSize(renderPng(page))).toEqual({ width: page.width, height: page.height });
    expect(pngSize(small(page))).toEqual({
      width: COMPARE_WIDTH,
      height: Math.round((page.height * COMPARE_WIDTH) / page.width),
    });
    expect(small(page).equals(small(page))).toBe(true);
  });

  it("show a changed title and a changed mark", () => {
    const [section] = SECTIONS.en;
    if (section === undefined) throw new Error("no section");
    const draw = (s: TableSection) => small(pages("en", [s])[0]?.[0] as TableSvg);
    const before = draw(section);
    const [first, ...rest] = section.rows;
    if (first === undefined) throw new Error("no row");
    const retitled = { ...section, rows: [{ ...first, title: "Look up accounts" }, ...rest] };
    const remarked = {
      ...section,
      rows: [
        { ...first, cells: [{ mark: "no" as const, text: "Only from updates" }, ...first.cells.slice(1)] },
        ...rest,
      ],
    };
    expect(difference(before, draw(retitled))).toBeGreaterThan(TOLERANCE);
    expect(difference(before, draw(remarked))).toBeGreaterThan(TOLERANCE);
  });

  it("escape markup in the text", () => {
    const [section] = SECTIONS.en;
    if (section === undefined) throw new Error("no section");
    const odd = { ...section, title: `<b>"Bots" & 'clients'</b>` };
    const page = pages("en", [odd])[0]?.[0];
    expect(page?.svg).toContain("&#60;b&#62;&#34;Bots&#34; &#38; &#39;clients&#39;&#60;/b&#62;");
    expect(escapeXml("a<b")).toBe("a&#60;b");
  });
});

describe("the whole table", () => {
  for (const locale of LOCALES) {
    it(`matches the reference picture (${locale})`, () => {
      const full = buildFullSvg(SECTIONS[locale], LABELS[locale]);
      releaseFonts();
      expect(full.width).toBe(PICTURE_WIDTH);
      expectReference(renderPng(full, { width: COMPARE_FULL_WIDTH }), `whole.${locale}.png`);
    });
  }
});

describe("drawPictures", () => {
  it("draws only the sections asked for, and the whole table when asked", () => {
    const drawn = drawPictures({ sections: SECTIONS.en, labels: LABELS.en, draw: [2], full: false });
    expect(drawn.sections.map((s) => [s.index, s.pngs.length])).toEqual([[2, 2]]);
    expect(drawn.full).toBeUndefined();
    const whole = drawPictures({ sections: SECTIONS.en, labels: LABELS.en, draw: [], full: true });
    expect(whole.sections).toEqual([]);
    expect(pngSize(whole.full ?? Buffer.alloc(0)).width).toBe(PICTURE_WIDTH);
  });

  it("draws the same bytes in a process of its own", { timeout: 60_000 }, async () => {
    const request = { sections: SECTIONS.ru, labels: LABELS.ru, draw: [0], full: false };
    const [child, here] = [await drawInChildProcess(request), drawPictures(request)];
    expect(child.sections[0]?.pngs[0]?.equals(here.sections[0]?.pngs[0] ?? Buffer.alloc(0))).toBe(true);
  });

  it("reports a drawing that fails in the child", { timeout: 60_000 }, async () => {
    await expect(
      drawInChildProcess({ sections: SECTIONS.en, labels: LABELS.en, draw: [7], full: false }),
    ).rejects.toThrow(/there is no section 7/);
  });
});

describe("pictureKey", () => {
  const key = pictureKey(SECTIONS.en[0], LABELS.en, 0, 3);

  it("is a short stable hash", () => {
    expect(key).toMatch(/^[0-9a-f]{16}$/);
    expect(pictureKey(SECTIONS.en[0], LABELS.en, 0, 3)).toBe(key);
  });

  it("changes with the data, the labels and the position", () => {
    const [section] = SECTIONS.en;
    if (section === undefined) throw new Error("no section");
    const keys = [
      pictureKey({ ...section, title: `${section.title}!` }, LABELS.en, 0, 3),
      pictureKey(section, { ...LABELS.en, footer: "Other footer" }, 0, 3),
      pictureKey(section, LABELS.en, 1, 3),
      pictureKey(section, LABELS.en, 0, 4),
      pictureKey(SECTIONS.ru[0], LABELS.ru, 0, 3),
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

  it("breaks a word that is wider than the line after its hyphen, else anywhere", () => {
    const style = { size: 24, weight: 400 } as const;
    expect(wrapText("Только ссылки-приглашения", 220, style)).toEqual(["Только ссылки-", "приглашения"]);
    const lines = wrapText("https://papercraft.tmat.me/book/api-comparison#limitations", 200, style);
    expect(lines.length).toBeGreaterThan(1);
    for (const line of lines) expect(measureText(line, 24, 400)).toBeLessThanOrEqual(200);
    expect(lines.join("")).toBe("https://papercraft.tmat.me/book/api-comparison#limitations");
  });
});
