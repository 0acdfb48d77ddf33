import { readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { createI18n } from "../src/i18n.js";
import { CodeCards } from "../src/render/code.js";
import { MAX_TEXT } from "../src/render/renderer.js";
import { SNIPPET_FILE, Snippets } from "../src/snippets.js";
import { testCatalog } from "./harness.js";

const DIR = resolve("data/snippets");
const files = readdirSync(DIR).filter((name) => name.endsWith(".ts"));

/** Type-checks files of data/snippets (and files given by content) with its tsconfig against the installed packages. */
function typeCheck(virtual: Record<string, string> = {}): Map<string, string[]> {
  const configFile = join(DIR, "tsconfig.json");
  const read = ts.readConfigFile(configFile, (path) => ts.sys.readFile(path));
  const config = ts.parseJsonConfigFileContent(read.config, ts.sys, DIR, undefined, configFile);
  const extra = new Map(Object.entries(virtual).map(([name, text]) => [join(DIR, name), text]));
  const host = ts.createCompilerHost(config.options);
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (name, language, ...rest) => {
    const text = extra.get(name);
    return text === undefined ? getSourceFile(name, language, ...rest) : ts.createSourceFile(name, text, language);
  };
  const fileExists = host.fileExists.bind(host);
  host.fileExists = (name) => extra.has(name) || fileExists(name);
  const program = ts.createProgram([...config.fileNames, ...extra.keys()], config.options, host);
  const byFile = new Map<string, string[]>();
  for (const d of ts.getPreEmitDiagnostics(program)) {
    const name = d.file?.fileName ?? "(options)";
    const at =
      d.file !== undefined && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start) : undefined;
    const line = `${at === undefined ? "" : `${at.line + 1}:${at.character + 1} `}${ts.flattenDiagnosticMessageText(d.messageText, "\n")}`;
    byFile.set(name, [...(byFile.get(name) ?? []), line]);
  }
  return byFile;
}

describe("code on the cards", () => {
  it("names every snippet <slug>.grammy.ts or <slug>.gramjs.ts after a row of the reference", () => {
    const slugs = new Set(testCatalog().slugs);
    expect(files.length).toBeGreaterThan(0);
    for (const name of files) {
      const m = SNIPPET_FILE.exec(name);
      expect(m, `${name}: <slug>.grammy.ts or <slug>.gramjs.ts`).not.toBeNull();
      expect(slugs, `${name}: no row has this slug`).toContain(m?.[1]);
    }
  });

  it("type-checks every snippet against grammy and telegram, and would catch a method or field that does not exist", () => {
    const diagnostics = typeCheck({
      "no-such-method.grammy.ts":
        'import type { Bot } from "grammy";\ndeclare const bot: Bot;\nawait bot.api.getChatMembers(-100123);\n',
      "no-such-field.grammy.ts":
        'import type { Bot } from "grammy";\ndeclare const bot: Bot;\nbot.on("message", (ctx) => console.log(ctx.msg.sender_phone));\n',
      "no-such-request.gramjs.ts":
        'import { Api, type TelegramClient } from "telegram";\ndeclare const client: TelegramClient;\nawait client.invoke(new Api.channels.GetAllMembers({ channel: "@x" }));\n',
    });
    const ours = [...diagnostics].filter(([name]) => !/no-such-/.test(name));
    expect(Object.fromEntries(ours)).toEqual({});
    for (const fake of ["no-such-method.grammy.ts", "no-such-field.grammy.ts", "no-such-request.gramjs.ts"])
      expect(diagnostics.get(join(DIR, fake))?.length, fake).toBeGreaterThan(0);
  }, 120_000);

  it("holds no secret: tokens, api_id and api_hash come from the environment", () => {
    for (const name of files) {
      const code = readFileSync(join(DIR, name), "utf8");
      expect(code, name).not.toMatch(/\d{6,}:[A-Za-z0-9_-]{30,}/);
      expect(code, name).not.toMatch(/\b[0-9a-f]{32}\b/);
      expect(code, name).not.toMatch(/new TelegramClient\([^)]*\b\d{4,}\b/);
      expect(code, name).not.toMatch(/new Bot\(\s*["'`]/);
    }
  });

  it("fits the code of every row in one message with code blocks, in both languages", () => {
    const catalog = testCatalog();
    const i18n = createI18n("locales");
    const snippets = Snippets.load(DIR);
    const cards = new CodeCards(catalog, (l, k, v) => i18n.t(l, k, v), snippets);
    for (const locale of catalog.locales) {
      for (const slug of snippets.slugs) {
        const view = cards.code(locale, slug);
        expect(view, `${locale} ${slug}`).toBeDefined();
        expect(view?.text.length, `${locale} ${slug}`).toBeLessThanOrEqual(MAX_TEXT);
        const code = snippets.of(slug) ?? {};
        const blocks = view?.entities.filter((e) => e.type === "pre") ?? [];
        expect(blocks.map((e) => e.type === "pre" && e.language)).toEqual(Object.keys(code).map(() => "typescript"));
        for (const text of Object.values(code)) expect(view?.text).toContain(text);
      }
    }
  });

  it("gives grammY code where a row has a Bot API way, and GramJS code where MTProto goes further", () => {
    const snippets = Snippets.load(DIR);
    const rank = { no: 0, partly: 1, local: 1, yes: 2 } as const;
    const missing: string[] = [];
    for (const row of testCatalog().get("en").rows) {
      const [botApi, ...mtproto] = row.sides;
      const code = snippets.of(row.slug) ?? {};
      if (botApi.mark !== "no" && code.grammy === undefined) missing.push(`${row.slug}.grammy.ts`);
      const further = mtproto.some((side) => rank[side.mark] > rank[botApi.mark] && side.methods.length > 0);
      if (further && code.gramjs === undefined) missing.push(`${row.slug}.gramjs.ts`);
    }
    expect(missing).toEqual([]);
  });
});
