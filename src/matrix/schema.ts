import { z } from "zod";
import {
  compareVersions,
  LIMITS,
  LOCALES,
  MARKS,
  type Need,
  NEEDS,
  RESERVED_SLUGS,
  SIDES,
  SLUG_PATTERN,
} from "./format.js";

export * from "./format.js";

const text = (max: number) =>
  z.string().trim().min(1, "must not be empty").max(max, `must be at most ${max} characters`);

/** One text in both languages. */
const bilingual = (max: number) => z.strictObject({ en: text(max), ru: text(max) });

const slug = z
  .string()
  .regex(SLUG_PATTERN, `must be 1-${LIMITS.slug} characters of a-z, 0-9 and -, not starting or ending with -`);

const rowSlug = slug.refine((s) => !RESERVED_SLUGS.has(s), {
  message: `is one of the bot's own deep links or commands (${[...RESERVED_SLUGS].join(", ")})`,
});

const url = z.string().regex(/^https:\/\/[^\s]+$/, "must be an absolute https URL");

const version = z
  .string()
  .regex(/^\d+\.\d+$/, 'must be a Bot API version such as "10.0" (in quotes, so YAML keeps it a string)');

const sentences = z
  .array(text(LIMITS.sentence))
  .min(1, "must hold at least one sentence")
  .max(LIMITS.sentences, `must hold at most ${LIMITS.sentences} sentences`);

const side = z.strictObject({
  mark: z.enum(MARKS, { error: `must be one of: ${MARKS.join(", ")}` }),
  headline: bilingual(LIMITS.headline).optional(),
  same: z.literal(true, { error: "must be true, or left out" }).optional(),
  methods: z.array(z.string().regex(/^[A-Za-z][\w.]*$/, "must be a method, type or Type.field name")).default([]),
  en: sentences.optional(),
  ru: sentences.optional(),
});

const language = z.strictObject({
  title: text(LIMITS.title),
  short: text(LIMITS.short),
  summary: text(LIMITS.summary),
  keywords: z
    // A bare number such as 409 is a fine keyword; YAML reads it as a number.
    .array(z.union([text(LIMITS.keyword), z.number().transform(String)]))
    .min(1, "must list at least one keyword")
    .max(LIMITS.keywords, `must list at most ${LIMITS.keywords} keywords`),
});

const label = text(LIMITS.linkLabel);

const handbookLink = z.strictObject({
  handbook: z
    .string()
    .regex(/^[a-z0-9-]+#[a-z0-9_-]+$/, "must be page#anchor of papercraft.tmat.me/book/, such as sending#file-limits"),
  ru_anchor: z
    .union([
      z.string().regex(/^[\p{Ll}\p{N}_-]+$/u, "must be a heading id of the Russian page"),
      z.literal(false, { error: "must be a heading id, or false" }),
    ])
    .optional(),
  en: label,
  ru: label,
});

const botApiLink = z.strictObject({
  botapi: z.string().regex(/^[a-z0-9-]+$/, "must be an anchor of core.telegram.org/bots/api, such as getfile"),
  en: label.optional(),
  ru: label.optional(),
});

const coreLink = z.strictObject({
  core: z.string().regex(/^[A-Za-z0-9._/-]+(#[a-z0-9-]+)?$/, "must be a page of core.telegram.org, such as api/files"),
  en: label,
  ru: label,
});

const link = z.union([handbookLink, botApiLink, coreLink], {
  error: "must be a handbook, botapi or core link (see data/README.md)",
});

const change = z.strictObject({ version, en: text(LIMITS.sentence), ru: text(LIMITS.sentence) });

const row = z
  .strictObject({
    slug: rowSlug,
    needs: z.enum(NEEDS, { error: `must be one of: ${NEEDS.join(", ")}` }),
    since: version.optional(),
    changes: z
      .array(change)
      .min(1, "must list at least one change, or be left out")
      .max(LIMITS.changes, `must list at most ${LIMITS.changes} changes`)
      .optional(),
    en: language,
    ru: language,
    sides: z.strictObject({ bot_api: side, mtproto_bot: side, mtproto_user: side }),
    links: z
      .array(link)
      .min(1, "must list at least one read-more link")
      .max(LIMITS.links, `must list at most ${LIMITS.links} links`),
  })
  .superRefine((r, ctx) => {
    const issue = (path: (string | number)[], message: string) => ctx.addIssue({ code: "custom", path, message });
    for (const name of SIDES) {
      const s = r.sides[name];
      const where = ["sides", name];
      if (s.mark === "local" && name !== "bot_api") issue([...where, "mark"], "local is for the bot_api side only");
      if (s.same === true && name === "bot_api")
        issue([...where, "same"], "the Bot API side has nothing to be the same as");
      if ((s.en === undefined) !== (s.ru === undefined)) {
        issue([...where, s.en === undefined ? "en" : "ru"], "must be given in both languages, or in neither");
      } else if (s.en === undefined && s.same !== true) {
        issue([...where, "en"], "is required unless the side is the same as the one before (same: true)");
      } else if (s.en !== undefined && s.ru !== undefined && s.en.length !== s.ru.length) {
        issue([...where, "ru"], `must hold as many sentences as en (${s.en.length}), each the twin of one`);
      }
      if (s.same === true) {
        const before = name === "mtproto_bot" ? r.sides.bot_api : r.sides.mtproto_bot;
        if (before.mark !== s.mark)
          issue([...where, "mark"], `must be "${before.mark}" like the side it is the same as`);
      }
    }
    const { bot_api: api, mtproto_bot: bot, mtproto_user: user } = r.sides;
    const meets = (s: typeof api) => s.mark === "yes" || s.mark === "partly";
    const consistent: Record<Need, boolean> = {
      bot_api: meets(api),
      local_server: api.mark === "local",
      mtproto_bot: meets(bot),
      user_account: meets(user),
      bot: (meets(api) || api.mark === "local") && user.mark === "no",
    };
    if (!consistent[r.needs]) issue(["needs"], `does not agree with the sides' marks (${r.needs})`);
    const beyondApi = r.needs === "local_server" || r.needs === "mtproto_bot" || r.needs === "user_account";
    if (beyondApi && api.mark === "yes") issue(["needs"], "cannot go beyond bot_api where the Bot API side is yes");
    if (r.needs === "user_account" && bot.mark === "yes") {
      issue(["needs"], "cannot be user_account where a bot over MTProto is yes");
    }
    if (api.mark === "local" && r.needs !== "local_server") {
      issue(["needs"], "must be local_server where the Bot API side is marked local");
    }
    if (r.changes !== undefined) {
      if (r.since === undefined) issue(["since"], "is required with changes: the version of the newest change");
      else if (r.changes[0]?.version !== r.since) issue(["changes", 0, "version"], `must be "${r.since}" as since`);
      r.changes.forEach((c, i) => {
        const newer = r.changes?.[i - 1];
        if (newer !== undefined && compareVersions(newer.version, c.version) <= 0) {
          issue(["changes", i, "version"], "must be older than the change before it (newest first)");
        }
      });
    }
    r.links.forEach((l, i) => {
      if ("botapi" in l && (l.en === undefined) !== (l.ru === undefined)) {
        issue(["links", i, l.en === undefined ? "en" : "ru"], "must be given in both languages, or in neither");
      }
    });
  });

/** The shape of one `data/matrix/<section>.yaml` file: the rows of one section, in order. */
export const sectionFileSchema = z
  .array(row)
  .min(1, "must list at least one row")
  .max(LIMITS.rowsPerSection, `must list at most ${LIMITS.rowsPerSection} rows`);

const source = z.strictObject({ title: text(100), url });

/** The shape of `data/sections.yaml`. */
export const sectionsFileSchema = z.strictObject({
  checked: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "must be a date such as 2026-12-01, in quotes"),
  sources: z.strictObject({
    handbook: z.strictObject({ en: source, ru: source }),
    table_author: z.string().regex(/^@\w+$/, "must be a Telegram username such as @vanutp"),
    botapi: source,
    mtproto: source,
  }),
  sections: z
    .array(
      z.strictObject({
        slug,
        en: z.strictObject({ title: text(LIMITS.sectionTitle), summary: text(LIMITS.summary) }),
        ru: z.strictObject({ title: text(LIMITS.sectionTitle), summary: text(LIMITS.summary) }),
      }),
    )
    .min(1, "must list at least one section"),
});

/** The shape of `data/advisor.yaml`: the yes/no questions of /choose. */
export const advisorFileSchema = z
  .array(
    z.strictObject({
      needs: z.enum(NEEDS, { error: `must be one of: ${NEEDS.join(", ")}` }).refine((n) => n !== "bot_api", {
        message: "cannot be bot_api: /choose starts from the Bot API, so a yes could never change its answer",
      }),
      en: text(LIMITS.advisorQuestion),
      ru: text(LIMITS.advisorQuestion),
      rows: z
        .array(slug)
        .min(1, "must list at least one row that decides the question")
        .max(LIMITS.advisorRows, `must list at most ${LIMITS.advisorRows} rows`),
    }),
  )
  .min(1, "must list at least one question")
  .max(LIMITS.advisorQuestions, `must list at most ${LIMITS.advisorQuestions} questions`)
  .refine((questions) => questions.some((q) => q.needs !== "bot"), {
    message: "must hold a question beyond bot: those are asked only once a user account is needed",
  });

/** What a question of data/asked.yaml may expect besides a row: the overview, small talk, or nothing of the reference. */
export const ASKED_KINDS = ["overview", "smalltalk", "out"] as const;

/** The shape of `data/asked.yaml`: questions developers asked, each with what answers it. */
export const askedFileSchema = z.array(
  z.strictObject({
    q: z.string().trim().min(1, "must not be empty").max(LIMITS.askedQuestion),
    lang: z.enum(LOCALES),
    expect: z.string().min(1),
    also: z.array(z.string().min(1)).optional(),
    pair: z.string().optional(),
    source: z.string().optional(),
  }),
);

/** A row as written in data/matrix/, after validation. */
export type RowData = z.infer<typeof row>;
/** One side of a row as written in data/. */
export type SideData = z.infer<typeof side>;
/** A read-more link as written in data/. */
export type LinkData = z.infer<typeof link>;
/** data/sections.yaml, after validation. */
export type SectionsFile = z.infer<typeof sectionsFileSchema>;
/** data/asked.yaml, after validation. */
export type AskedFile = z.infer<typeof askedFileSchema>;
/** data/advisor.yaml, after validation. */
export type AdvisorFile = z.infer<typeof advisorFileSchema>;
