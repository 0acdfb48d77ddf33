import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { parse as parseYaml, stringify as stringifyYaml } from "yaml";
import { loadReferences, MTPROTO_LAYER } from "../scripts/references.js";
import { decodeCallback, encodeAdvisorChoices, encodeCallback } from "../src/callback-data.js";
import { checkFacts, missingNumbers, numbersIn } from "../src/matrix/facts.js";
import { compileReference, loadCatalog, loadReference, MatrixError, readData } from "../src/matrix/load.js";
import { LIMITS, LOCALES, SIDES } from "../src/matrix/schema.js";
import { contentWords, MatrixSearch } from "../src/matrix/search.js";
import { testCatalog } from "./harness.js";

const refs = loadReferences(".");

describe("data/", () => {
  const { files, problems } = readData("data");

  it("follows the format of data/README.md", () => {
    expect(problems.map((p) => p.message)).toEqual([]);
  });

  it("names only Bot API methods, types and fields of the spec", () => {
    expect(refs.botApi.version).toBe("Bot API 10.1");
    const wrong = checkFacts(files, refs).filter((p) => /sides\.bot_api\.methods/.test(p.message));
    expect(wrong.map((p) => p.message)).toEqual([]);
  });

  it(`names only MTProto methods of layer ${MTPROTO_LAYER} (@mtcute/tl)`, () => {
    expect(refs.mtproto.layer).toBe(MTPROTO_LAYER);
    const wrong = checkFacts(files, refs).filter((p) => /sides\.mtproto_\w+\.methods|\.core:/.test(p.message));
    expect(wrong.map((p) => p.message)).toEqual([]);
  });

  it("links only handbook headings and Bot API anchors that exist", () => {
    const wrong = checkFacts(files, refs).filter((p) => /links\.\d+\.(handbook|ru_anchor|botapi)/.test(p.message));
    expect(wrong.map((p) => p.message)).toEqual([]);
  });

  it("keeps every number of the English text in the Russian one, and no version newer than the spec", () => {
    expect(checkFacts(files, refs).map((p) => p.message)).toEqual([]);
  });

  it("has every section and the same rows, sides and links in both languages", () => {
    const catalog = testCatalog();
    expect(catalog.locales).toEqual(LOCALES);
    const [en, ru] = LOCALES.map((l) => catalog.get(l));
    expect(en?.sections.length).toBeGreaterThan(0);
    for (const section of en?.sections ?? []) expect(section.rows.length, section.slug).toBeGreaterThan(0);
    expect(ru?.rows.map((r) => r.slug)).toEqual(catalog.slugs);
    expect(ru?.sections.map((s) => s.slug)).toEqual(catalog.sectionSlugs);
    for (const row of en?.rows ?? []) {
      const twin = ru?.bySlug.get(row.slug);
      expect(twin?.section, row.slug).toBe(row.section);
      expect(twin?.sides.map((s) => [s.name, s.mark, s.methods])).toEqual(
        row.sides.map((s) => [s.name, s.mark, s.methods]),
      );
      expect(twin?.links.map((l) => l.kind)).toEqual(row.links.map((l) => l.kind));
      expect(row.sides.map((s) => s.name)).toEqual([...SIDES]);
      expect(row.links.length).toBeGreaterThan(0);
      for (const side of row.sides) expect(side.lines.length > 0 || side.same, `${row.slug} ${side.name}`).toBe(true);
    }
  });
});

describe("numbers in translation", () => {
  it("reads thousands and decimals the way each language writes them", () => {
    expect(numbersIn("10,000 users, 1.5 s, 20 MB, 1-4096", "en")).toEqual(["10000", "1.5", "20", "1", "4096"]);
    expect(numbersIn("10 000 пользователей, 1,5 с, 20 МБ, 1-4096", "ru")).toEqual(["10000", "1.5", "20", "1", "4096"]);
    expect(missingNumbers("Up to 50 MB in 24 hours", "До 50 МБ за сутки")).toEqual(["24"]);
    expect(missingNumbers("Bot API 10.0", "Bot API 10.0")).toEqual([]);
  });
});

describe("a broken data folder", () => {
  let dir: string;
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  /** Copies data/ and applies `edit` to the first row of the first section. */
  const broken = (edit: (row: Record<string, unknown>) => void) => {
    dir = mkdtempSync(join(tmpdir(), "matrix-"));
    cpSync("data", dir, { recursive: true });
    const section = testCatalog().sectionSlugs[0] ?? "";
    const file = join(dir, "matrix", `${section}.yaml`);
    const rows = parseYaml(readFileSync(file, "utf8")) as Record<string, unknown>[];
    if (rows[0] !== undefined) edit(rows[0]);
    writeFileSync(file, stringifyYaml(rows));
    return { load: () => loadCatalog(dir), file: `matrix/${section}.yaml`, slug: String(rows[0]?.["slug"]) };
  };

  const message = (load: () => unknown) => {
    try {
      load();
    } catch (err) {
      expect(err).toBeInstanceOf(MatrixError);
      return (err as Error).message;
    }
    throw new Error("the broken folder was accepted");
  };

  const sides = (row: Record<string, unknown>) => row["sides"] as Record<string, Record<string, unknown>>;
  const language = (row: Record<string, unknown>, locale: string) => row[locale] as Record<string, unknown>;

  it("names the file, the row and the field, in one line", () => {
    const { load, file, slug } = broken((row) => {
      (sides(row)["bot_api"] as Record<string, unknown>)["mark"] = "maybe";
    });
    const text = message(load);
    expect(text).toContain(
      `${file}: row 1 (${slug}), field sides.bot_api.mark: must be one of: yes, partly, local, no`,
    );
    expect(text).not.toContain("\n");
  });

  it("refuses a question asked that expects a row there is not", () => {
    const { load } = broken(() => undefined);
    const file = join(dir, "asked.yaml");
    const asked = parseYaml(readFileSync(file, "utf8")) as Record<string, unknown>[];
    if (asked[1] !== undefined) asked[1]["expect"] = "no-such-row";
    writeFileSync(file, stringifyYaml(asked));
    expect(message(load)).toMatch(/asked\.yaml: question 2, field expect: no row is slugged "no-such-row"$/);
  });

  it("refuses a reserved slug", () => {
    const { load } = broken((row) => {
      row["slug"] = "table";
    });
    expect(message(load)).toMatch(/row 1 \(table\), field slug: is one of the bot's own deep links or commands/);
  });

  it("refuses texts over their limits", () => {
    const { load, slug } = broken((row) => {
      language(row, "ru")["short"] = "x".repeat(LIMITS.short + 1);
    });
    expect(message(load)).toMatch(new RegExp(`row 1 \\(${slug}\\), field ru\\.short: must be at most ${LIMITS.short}`));
  });

  it("refuses a side written in one language only", () => {
    const { load } = broken((row) => {
      delete sides(row)["bot_api"]?.["ru"];
    });
    expect(message(load)).toMatch(/field sides\.bot_api\.ru: must be given in both languages, or in neither/);
  });

  it("refuses a slug used twice, a missing section file and broken YAML", () => {
    const { load } = broken(() => undefined);
    const second = testCatalog().sectionSlugs[1] ?? "";
    const first = readFileSync(join(dir, "matrix", `${testCatalog().sectionSlugs[0] ?? ""}.yaml`), "utf8");
    writeFileSync(join(dir, "matrix", `${second}.yaml`), first);
    expect(message(load)).toMatch(/is used twice/);
    rmSync(join(dir, "matrix", `${second}.yaml`));
    expect(message(load)).toMatch(new RegExp(`matrix/${second}\\.yaml: the file is missing`));
    writeFileSync(join(dir, "matrix", `${second}.yaml`), "- slug: [");
    expect(message(load)).toMatch(new RegExp(`matrix/${second}\\.yaml: cannot read the file: `));
  });

  it("takes a compiled copy only while the folder is as it was compiled", async () => {
    const { file } = broken(() => undefined);
    const compiled = join(dir, "reference.json");
    writeFileSync(compiled, JSON.stringify(compileReference(dir)));
    const fromYaml = loadCatalog(dir);
    const fromJson = await loadReference(dir, compiled);
    expect(fromJson.slugs).toEqual(fromYaml.slugs);
    expect(fromJson.get("ru").rows).toEqual(fromYaml.get("ru").rows);
    // A broken row after compiling: the YAML is read, and refused, not the copy used.
    const rows = parseYaml(readFileSync(join(dir, file), "utf8")) as Record<string, unknown>[];
    (sides(rows[0] ?? {})["bot_api"] as Record<string, unknown>)["mark"] = "maybe";
    writeFileSync(join(dir, file), stringifyYaml(rows));
    const refused = /field sides\.bot_api\.mark/;
    await expect(loadReference(dir, compiled)).rejects.toThrow(MatrixError);
    await expect(loadReference(dir, compiled)).rejects.toThrow(refused);
    // A copy that is not JSON at all is passed over too.
    writeFileSync(compiled, "{");
    await expect(loadReference(dir, compiled)).rejects.toThrow(refused);
  });

  it("catches a wrong method, anchor and number in the checks", () => {
    const { file, slug } = broken((row) => {
      const api = sides(row)["bot_api"] as Record<string, unknown>;
      api["methods"] = ["sendMesage"];
      (sides(row)["mtproto_user"] as Record<string, unknown>)["methods"] = ["messages.getHistry"];
      row["links"] = [{ botapi: "nowhere", en: "Somewhere", ru: "Где-то" }];
      api["en"] = ["It takes 7 days."];
      api["ru"] = ["Это занимает неделю."];
    });
    const { files } = readData(dir);
    const found = checkFacts(files, refs).map((p) => p.message);
    const at = `${file}: row 1 (${slug}), field`;
    expect(found).toEqual(
      expect.arrayContaining([
        expect.stringContaining(
          `${at} sides.bot_api.methods.0: "sendMesage" is not a method, type or field of Bot API 10.1`,
        ),
        expect.stringContaining(
          `${at} sides.mtproto_user.methods.0: "messages.getHistry" is not in the MTProto schema (layer 223`,
        ),
        expect.stringContaining(`${at} links.0.botapi: core.telegram.org/bots/api has no #nowhere`),
        expect.stringContaining(`${at} sides.bot_api.ru.0: lacks 7`),
      ]),
    );
  });
});

describe("search", () => {
  const catalog = testCatalog();
  const search = new MatrixSearch(catalog);

  it("finds every row by its slug, its title and its short label, in both languages", () => {
    for (const locale of catalog.locales) {
      for (const row of catalog.get(locale).rows) {
        expect(search.search(row.slug)[0]?.slug, row.slug).toBe(row.slug);
        expect(search.search(row.title)[0]?.slug, `${locale}: ${row.title}`).toBe(row.slug);
        // A label of stop words only ("Bot to bot") finds nothing, and is found by its title.
        if (contentWords(row.short).length === 0) continue;
        expect(
          search
            .search(row.short)
            .slice(0, 3)
            .map((h) => h.slug),
          `${locale}: ${row.short}`,
        ).toContain(row.slug);
      }
    }
  });

  it("tolerates a typo in a title word", () => {
    for (const row of catalog.get("en").rows) {
      const word = row.title.split(" ").find((w) => w.length >= 7);
      if (word === undefined) continue;
      const typo = `${word.slice(0, 2)}${word.slice(3)}`; // one letter dropped
      const query = row.title.replace(word, typo);
      expect(
        search
          .search(query)
          .slice(0, 3)
          .map((h) => h.slug),
        query,
      ).toContain(row.slug);
    }
  });

  it("finds nothing for nothing", () => {
    expect(search.search("")).toEqual([]);
    expect(search.search("   ")).toEqual([]);
    expect(search.search("🙂🙂")).toEqual([]);
    expect(search.search("qqqzzz")).toEqual([]);
  });
});

describe("callback data", () => {
  it("round-trips every action within 64 bytes", () => {
    const longest = "x".repeat(LIMITS.slug);
    const actions = [
      { kind: "overview", locale: "en" },
      { kind: "section", locale: "ru", section: longest },
      { kind: "card", locale: "ru", slug: longest },
      { kind: "send", locale: "en", slug: longest },
      { kind: "choose", locale: "en" },
      { kind: "advisor", locale: "ru", step: 99, choice: "unsure" },
    ] as const;
    for (const action of actions) {
      const data = encodeCallback(action);
      expect(Buffer.byteLength(data)).toBeLessThanOrEqual(64);
      expect(decodeCallback(data)).toEqual(action);
    }
  });

  it("writes an advisor question's buttons as encodeCallback does", () => {
    for (const step of [0, 9, 99]) {
      const data = encodeAdvisorChoices("ru", step);
      for (const choice of ["yes", "no", "unsure", "back", "cancel"] as const) {
        expect(data[choice]).toBe(encodeCallback({ kind: "advisor", locale: "ru", step, choice }));
      }
    }
  });

  it("fits every button of every row and section", () => {
    const catalog = testCatalog();
    for (const locale of catalog.locales) {
      for (const slug of catalog.slugs)
        expect(decodeCallback(encodeCallback({ kind: "card", locale, slug }))).not.toBeNull();
      for (const section of catalog.sectionSlugs) {
        expect(decodeCallback(encodeCallback({ kind: "section", locale, section }))).not.toBeNull();
      }
    }
  });

  it("refuses what it did not write", () => {
    for (const data of [
      undefined,
      "",
      "2:o:en",
      "1:o",
      "1:o:EN",
      "1:c:en",
      "1:c:en:Files",
      "1:g:en",
      "1:a:en:x-1-q",
      "1:a:en:1-q",
      "1:a:en:100-y",
      "1:o:en:extra",
      "x".repeat(65),
    ]) {
      expect(decodeCallback(data), String(data)).toBeNull();
    }
    expect(() => encodeCallback({ kind: "card", locale: "en", slug: "x".repeat(60) })).toThrow(RangeError);
  });
});
