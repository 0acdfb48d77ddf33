import type { Catalog, Row } from "../matrix/load.js";
import { APP_LOCALES, type AppData, type AppLocaleData, type AppRow, type AppSide } from "./shape.js";

function toRow(row: Row): AppRow {
  const sides = Object.fromEntries(
    row.sides.map((side): [string, AppSide] => [
      side.name,
      {
        mark: side.mark,
        ...(side.headline === undefined ? {} : { headline: side.headline }),
        lines: [...side.lines],
        methods: [...side.methods],
        ...(side.same ? { same: true } : {}),
      },
    ]),
  ) as AppRow["sides"];
  return {
    slug: row.slug,
    section: row.section,
    needs: row.needs,
    title: row.title,
    summary: row.summary,
    keywords: [...row.keywords],
    ...(row.since === undefined ? {} : { since: row.since }),
    changes: row.changes.map((c) => ({ version: c.version, text: c.text })),
    sides,
    links: row.links.map((l) => ({ label: l.label, url: l.url })),
  };
}

/**
 * What the Mini App shows, made from the loaded reference: every section and
 * row in both languages, and where the facts come from.
 *
 * @param bot the bot's username for "Open in chat", when known
 */
export function appData(catalog: Catalog, bot?: string): AppData {
  const locales = Object.fromEntries(
    APP_LOCALES.map((locale): [string, AppLocaleData] => {
      const matrix = catalog.get(locale);
      return [
        locale,
        {
          sections: matrix.sections.map((s) => ({ slug: s.slug, title: s.title, summary: s.summary })),
          rows: matrix.rows.map(toRow),
          source: { label: matrix.sources.handbook.title, url: matrix.sources.handbook.url },
        },
      ];
    }),
  ) as AppData["locales"];
  const { sources } = catalog.get(catalog.defaultLocale);
  return {
    checked: sources.checked,
    tableAuthor: sources.tableAuthor,
    ...(bot === undefined ? {} : { bot }),
    locales,
  };
}
