import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { decodeCallback, encodeCallback } from "../src/callback-data.js";
import { loadCatalog, MatrixError } from "../src/matrix/load.js";
import { MatrixSearch } from "../src/matrix/search.js";
import { testCatalog } from "./harness.js";

describe("data/", () => {
  it("holds six rows in every language, each with what a card needs", () => {
    const catalog = testCatalog();
    expect(catalog.locales).toContain("en");
    expect(catalog.slugs).toEqual([
      "fetch-messages",
      "fetch-users",
      "files",
      "group-members",
      "old-updates",
      "multiple-programs",
    ]);
    for (const locale of catalog.locales) {
      for (const row of catalog.get(locale).rows) {
        expect(row.title.length, `${locale}/${row.slug}`).toBeGreaterThan(0);
        expect(row.botApi.lines.length).toBeGreaterThan(0);
        expect(row.keywords.length).toBeGreaterThan(0);
        if (row.botApi.can !== "yes") expect(row.question, `${locale}/${row.slug} question`).toBeDefined();
      }
    }
  });

  it("keeps the facts of the source table", () => {
    const rows = testCatalog().get("en").bySlug;
    expect(rows.get("files")?.botApi.lines.join(" ")).toMatch(/20 MB.*50 MB.*local Bot API server/);
    expect(rows.get("fetch-users")?.telegramApi.lines.join(" ")).toMatch(/200 times a day/);
    expect(rows.get("group-members")?.botApi.can).toBe("no");
    expect(rows.get("old-updates")?.botApi.can).toBe("no");
    expect(rows.get("multiple-programs")?.botApi.lines.join(" ")).toMatch(/Telegram API/);
    expect(rows.get("fetch-messages")?.links[0]?.url).toBe("https://papercraft.tmat.me/book/updates#limitations");
  });
});

describe("a broken data file", () => {
  let dir: string;
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  /** Copies data/ and applies `edit` to the English file. */
  const broken = (edit: (yaml: string) => string) => {
    dir = mkdtempSync(join(tmpdir(), "matrix-"));
    cpSync("data", dir, { recursive: true });
    const file = join(dir, "matrix.en.yaml");
    writeFileSync(file, edit(readFileSync(file, "utf8")));
    return () => loadCatalog(dir);
  };

  const message = (load: () => unknown) => {
    try {
      load();
    } catch (err) {
      expect(err).toBeInstanceOf(MatrixError);
      return (err as Error).message;
    }
    throw new Error("the broken file was accepted");
  };

  it("names the file, the row and the field", () => {
    const text = message(
      broken((y) =>
        y.replace('      can: "no"\n      text: Not possible.\n', '      can: "maybe"\n      text: Not possible.\n'),
      ),
    );
    expect(text).toMatch(
      /matrix\.en\.yaml: row 4 \(group-members\), field bot_api\.can: must be one of: yes, partly, no$/,
    );
    expect(text).not.toContain("\n");
  });

  it("catches a missing field, a bad URL, a duplicate slug and broken YAML", () => {
    expect(message(broken((y) => y.replace(/ {4}verdict: A bot cannot list.*\n/, "")))).toMatch(
      /row 4 \(group-members\), field verdict: /,
    );
    expect(
      message(
        broken((y) => y.replace("url: https://papercraft.tmat.me/book/users#seen-users", "url: papercraft/users")),
      ),
    ).toMatch(/row 2 \(fetch-users\), field links\.0\.url: must be an absolute http\(s\) URL/);
    expect(message(broken((y) => y.replace("slug: files", "slug: fetch-users")))).toMatch(
      /row 3 \(fetch-users\), field slug: "fetch-users" is used twice/,
    );
    expect(message(broken((y) => y.replace("rows:", "rows: [")))).toMatch(/matrix\.en\.yaml: cannot read the file: /);
    expect(message(broken((y) => y.replace("slug: files", "slug: Files!")))).toMatch(/row 3 \(Files!\), field slug: /);
  });

  it("catches a translation that disagrees with the default language", () => {
    dir = mkdtempSync(join(tmpdir(), "matrix-"));
    cpSync("data", dir, { recursive: true });
    const en = readFileSync(join(dir, "matrix.en.yaml"), "utf8");
    writeFileSync(join(dir, "matrix.xx.yaml"), en.replace("slug: files", "slug: other-files"));
    expect(message(() => loadCatalog(dir))).toMatch(
      /matrix\.xx\.yaml: row 3 \(other-files\), field slug: must be "files"/,
    );
  });
});

describe("search", () => {
  const search = new MatrixSearch(testCatalog());
  it.each([
    ["fles", "files"],
    ["files", "files"],
    ["download 20mb", "files"],
    ["members", "group-members"],
    ["participants", "group-members"],
    ["old updates", "old-updates"],
    ["missed updates", "old-updates"],
    ["several instances", "multiple-programs"],
    ["409 conflict", "multiple-programs"],
    ["username", "fetch-users"],
    ["resolve user", "fetch-users"],
    ["message history", "fetch-messages"],
    ["get message by id", "fetch-messages"],
    ["multiple-programs", "multiple-programs"],
  ])("%s → %s", (query, slug) => {
    expect(search.search(query)[0]?.slug).toBe(slug);
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
    const actions = [
      { kind: "overview", locale: "en" },
      { kind: "card", locale: "ru", slug: "multiple-programs" },
      { kind: "send", locale: "en", slug: "files" },
      { kind: "choose", locale: "en" },
      { kind: "advisor", locale: "ru", run: "mabc123xyz", step: 5, choice: "unsure" },
    ] as const;
    for (const action of actions) {
      const data = encodeCallback(action);
      expect(Buffer.byteLength(data)).toBeLessThanOrEqual(64);
      expect(decodeCallback(data)).toEqual(action);
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
      "1:a:en:x-1-q",
      "1:o:en:extra",
      "x".repeat(65),
    ]) {
      expect(decodeCallback(data), String(data)).toBeNull();
    }
    expect(() => encodeCallback({ kind: "card", locale: "en", slug: "x".repeat(60) })).toThrow(RangeError);
  });
});

describe("the advisor's questions", () => {
  it("are required where the Bot API is limited", () => {
    const dir = mkdtempSync(join(tmpdir(), "matrix-"));
    try {
      cpSync("data", dir, { recursive: true });
      const file = join(dir, "matrix.en.yaml");
      writeFileSync(file, readFileSync(file, "utf8").replace(/ {4}question: Does it need the list.*\n/, ""));
      expect(() => loadCatalog(dir)).toThrow(
        /row 4 \(group-members\), field question: is required where the Bot API is limited/,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
