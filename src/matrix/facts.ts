import type { DataFiles } from "./load.js";
import { MatrixError } from "./load.js";
import { compareVersions, type RowData, SIDES } from "./schema.js";

/** What the names and links in data/ are checked against; see scripts/references.ts. */
export interface References {
  botApi: {
    /** Such as "Bot API 10.1". */
    version: string;
    /** Method name → its parameters. */
    methods: ReadonlyMap<string, ReadonlySet<string>>;
    /** Type name → its fields. */
    types: ReadonlyMap<string, ReadonlySet<string>>;
    /** Every anchor of core.telegram.org/bots/api: methods, types and sections. */
    anchors: ReadonlySet<string>;
  };
  mtproto: {
    layer: number;
    methods: ReadonlySet<string>;
    /** Constructors, such as updateChannelParticipant. */
    constructors: ReadonlySet<string>;
  };
  /** Handbook page path (/book/users, /ru/book/users) → its heading ids. */
  handbook: ReadonlyMap<string, ReadonlySet<string>>;
}

/**
 * The numbers in a text, written the same way whatever the language:
 * thousands separators dropped ("10,000" and "10 000" give 10000) and a
 * decimal comma read as a point ("1,5" gives 1.5). English uses the comma
 * for thousands only; Russian uses spaces for thousands and a comma or a
 * point for decimals.
 */
export function numbersIn(text: string, locale: "en" | "ru"): string[] {
  const found =
    locale === "en" ? text.match(/\d+(?:,\d{3})*(?:\.\d+)?/g) : text.match(/\d+(?:[ \u00a0\u202f]\d{3})*(?:[.,]\d+)?/g);
  return (found ?? []).map((n) =>
    locale === "en" ? n.replaceAll(",", "") : n.replace(/[ \u00a0\u202f]/g, "").replace(",", "."),
  );
}

/** The numbers of `en` missing from `ru`, or an empty list. */
export function missingNumbers(en: string, ru: string): string[] {
  const theirs = new Set(numbersIn(ru, "ru"));
  return [...new Set(numbersIn(en, "en"))].filter((n) => !theirs.has(n));
}

/**
 * Checks every fact of data/ that can be checked by a program: the names
 * of Bot API methods, types and fields and of MTProto methods, the handbook
 * and Bot API anchors of links, numbers kept in translation, and versions
 * no newer than the spec. Returns every problem found, one line each,
 * naming the file, the row and the field.
 */
export function checkFacts(files: DataFiles, refs: References): MatrixError[] {
  const problems: MatrixError[] = [];
  const specVersion = refs.botApi.version.replace(/^\D+/, "");
  for (const table of files.tables) {
    table.data.forEach((row, i) => {
      const at = (field: string, message: string) =>
        problems.push(new MatrixError(table.file, `row ${i + 1} (${row.slug}), field ${field}: ${message}`));
      checkRow(row, refs, specVersion, at);
    });
  }
  const sections = files.sections;
  sections?.data.sections.forEach((s, i) => {
    for (const field of ["title", "summary"] as const) {
      const missing = missingNumbers(s.en[field], s.ru[field]);
      if (missing.length > 0) {
        problems.push(
          new MatrixError(sections.file, `section ${i + 1}, field ru.${field}: lacks ${missing.join(", ")} of en`),
        );
      }
    }
  });
  const advisor = files.advisor;
  advisor?.data.forEach((q, i) => {
    const missing = missingNumbers(q.en, q.ru);
    if (missing.length > 0) {
      problems.push(new MatrixError(advisor.file, `question ${i + 1}, field ru: lacks ${missing.join(", ")} of en`));
    }
  });
  return problems;
}

function checkRow(
  row: RowData,
  refs: References,
  specVersion: string,
  at: (field: string, message: string) => void,
): void {
  const { botApi, mtproto } = refs;
  const twins = (field: string, en: string, ru: string) => {
    const missing = missingNumbers(en, ru);
    if (missing.length > 0) at(field, `lacks ${missing.join(", ")}, which the English text has`);
  };

  for (const field of ["title", "short", "summary"] as const) twins(`ru.${field}`, row.en[field], row.ru[field]);

  for (const name of SIDES) {
    const side = row.sides[name];
    side.methods.forEach((method, m) => {
      const field = `sides.${name}.methods.${m}`;
      if (name === "bot_api") {
        if (!knownToBotApi(method, refs)) at(field, `"${method}" is not a method, type or field of ${botApi.version}`);
      } else if (!mtproto.methods.has(method) && !mtproto.constructors.has(method)) {
        at(field, `"${method}" is not in the MTProto schema (layer ${mtproto.layer} of @mtcute/tl)`);
      }
    });
    if (side.headline !== undefined) twins(`sides.${name}.headline.ru`, side.headline.en, side.headline.ru);
    side.en?.forEach((sentence, s) => twins(`sides.${name}.ru.${s}`, sentence, side.ru?.[s] ?? ""));
  }

  const versions = [...(row.since === undefined ? [] : [row.since]), ...(row.changes ?? []).map((c) => c.version)];
  if (versions.some((v) => compareVersions(v, specVersion) > 0)) {
    at(row.changes === undefined ? "since" : "changes", `names a version newer than ${botApi.version}`);
  }
  row.changes?.forEach((c, n) => twins(`changes.${n}.ru`, c.en, c.ru));

  row.links.forEach((link, l) => {
    const field = `links.${l}`;
    if ("handbook" in link) {
      const [page = "", anchor = ""] = link.handbook.split("#");
      const en = refs.handbook.get(`/book/${page}`);
      if (en === undefined) at(`${field}.handbook`, `the handbook has no page /book/${page}`);
      else if (!en.has(anchor)) at(`${field}.handbook`, `/book/${page} has no heading #${anchor}`);
      const ru = refs.handbook.get(`/ru/book/${page}`);
      if (link.ru_anchor === false) {
        if (ru !== undefined) at(`${field}.ru_anchor`, `the handbook has /ru/book/${page}: name its heading instead`);
      } else if (ru === undefined) {
        at(`${field}.ru_anchor`, `the handbook has no /ru/book/${page}: set ru_anchor: false to link the English page`);
      } else if (!ru.has(link.ru_anchor ?? anchor)) {
        at(
          `${field}.${link.ru_anchor === undefined ? "handbook" : "ru_anchor"}`,
          `/ru/book/${page} has no heading #${link.ru_anchor ?? anchor}${link.ru_anchor === undefined ? ": name it in ru_anchor" : ""}`,
        );
      }
      twins(`${field}.ru`, link.en, link.ru);
    } else if ("botapi" in link) {
      if (!botApi.anchors.has(link.botapi)) at(`${field}.botapi`, `core.telegram.org/bots/api has no #${link.botapi}`);
    } else {
      const [kind, name = ""] = link.core.split("#")[0]?.split("/") ?? [];
      if (kind === "method" && !mtproto.methods.has(name)) {
        at(`${field}.core`, `"${name}" is not a method of the MTProto schema (layer ${mtproto.layer})`);
      }
      if (kind === "constructor" && !mtproto.constructors.has(name)) {
        at(`${field}.core`, `"${name}" is not a constructor of the MTProto schema (layer ${mtproto.layer})`);
      }
      twins(`${field}.ru`, link.en, link.ru);
    }
  });
}

/** Whether a name is a Bot API method, a type, a type's field or a method's parameter. */
function knownToBotApi(name: string, { botApi }: References): boolean {
  const [owner = "", member, ...rest] = name.split(".");
  if (rest.length > 0) return false;
  const fields = botApi.methods.get(owner) ?? botApi.types.get(owner);
  if (fields === undefined) return false;
  return member === undefined || fields.has(member);
}
