import { z } from "zod";

/** How far one side of a row goes: fully, with limits, or not at all. */
export const ABILITIES = ["yes", "partly", "no"] as const;
/** How far one side of a row goes: fully, with limits, or not at all. */
export type Ability = (typeof ABILITIES)[number];

const url = z.string().regex(/^https?:\/\/[^\s]+$/, "must be an absolute http(s) URL");

const text = z.string().trim().min(1, "must not be empty").max(300, "must be at most 300 characters");

const link = z.strictObject({ label: text.max(64, "must be at most 64 characters"), url });

const side = z.strictObject({
  can: z.enum(ABILITIES, { error: `must be one of: ${ABILITIES.join(", ")}` }),
  text: z.union([text, z.array(text).min(1, "must list at least one item").max(6, "must list at most 6 items")]),
});

/** Slugs end up in callback data, deep links and inline result ids, so they stay short and plain. */
export const SLUG_PATTERN = /^[a-z0-9](?:[a-z0-9-]{0,22}[a-z0-9])?$/;

const row = z
  .strictObject({
    slug: z.string().regex(SLUG_PATTERN, "must be 1-24 characters of a-z, 0-9 and -, not starting or ending with -"),
    title: text.max(64, "must be at most 64 characters"),
    bot_api: side,
    telegram_api: side,
    verdict: text.max(100, "must be at most 100 characters"),
    question: text.max(200, "must be at most 200 characters").optional(),
    links: z.array(link).max(4, "must list at most 4 links"),
    keywords: z
      // A bare number such as 409 is a fine keyword; YAML reads it as a number.
      .array(z.union([z.string().trim().min(1, "must not be empty"), z.number().transform(String)]))
      .min(1, "must list at least one keyword"),
  })
  .superRefine((r, ctx) => {
    if (r.bot_api.can !== "yes" && r.question === undefined) {
      ctx.addIssue({
        code: "custom",
        path: ["question"],
        message: "is required where the Bot API is limited (/choose asks it)",
      });
    }
  });

/** The shape of one `data/matrix.<locale>.yaml` file. */
export const matrixFileSchema = z.strictObject({
  source: z.strictObject({ title: text, url }),
  see_also: z.array(link),
  rows: z
    .array(row)
    .min(1, "must list at least one row")
    .max(40, "must list at most 40 rows")
    .superRefine((rows, ctx) => {
      const seen = new Set<string>();
      rows.forEach((r, i) => {
        if (seen.has(r.slug)) ctx.addIssue({ code: "custom", path: [i, "slug"], message: `"${r.slug}" is used twice` });
        seen.add(r.slug);
      });
    }),
});

/** A matrix file as written in data/, after validation. */
export type MatrixFile = z.infer<typeof matrixFileSchema>;
/** One side (Bot API or Telegram API) of a row. */
export type Side = z.infer<typeof side>;
/** A read-more link. */
export type Link = z.infer<typeof link>;
