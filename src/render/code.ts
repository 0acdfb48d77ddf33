import { FormattedString, fmt } from "@grammyjs/parse-mode";
import type { InlineKeyboardButton } from "grammy/types";
import type { Catalog } from "../matrix/load.js";
import { type Library, LIBRARIES, type Snippets } from "../snippets.js";
import { DEMO_OF_ROW } from "./demos/index.js";
import { actionButton } from "./keyboard.js";
import { cached, type RenderedMessage, type Translate, toMessage } from "./message.js";
import { MAX_TEXT, Renderer } from "./renderer.js";

/** The heading of each library's block. */
const TITLES: Record<Library, string> = { grammy: "code-title-grammy", gramjs: "code-title-gramjs" };

/** The language of the code blocks, for clients that colour them. */
const CODE_LANGUAGE = "typescript";

/**
 * The cards with two more buttons: "Code", which turns the card into its
 * code (grammY where the row has a Bot API way, GramJS where the answer is
 * MTProto) and back, and "Try it" on the rows the bot can demonstrate
 * live. Everything else is the cards as {@link Renderer} draws them; the
 * overview, lists, inline results and answers show these cards too.
 */
export class CodeCards extends Renderer {
  private readonly withButtons = new WeakMap<RenderedMessage, RenderedMessage>();
  private readonly views = new Map<string, RenderedMessage>();

  constructor(
    catalog: Catalog,
    t: Translate,
    private readonly snippets: Snippets,
  ) {
    super(catalog, t);
  }

  /** Whether a row has code to show. */
  hasCode(slug: string): boolean {
    return this.snippets.of(slug) !== undefined;
  }

  override card(locale: string, slug: string): RenderedMessage | undefined {
    const card = super.card(locale, slug);
    if (card === undefined) return undefined;
    let extended = this.withButtons.get(card);
    if (extended === undefined) {
      extended = this.addButtons(this.resolveLocale(locale), slug, card);
      this.withButtons.set(card, extended);
    }
    return extended;
  }

  private addButtons(locale: string, slug: string, card: RenderedMessage): RenderedMessage {
    const extra: InlineKeyboardButton[] = [];
    if (this.hasCode(slug))
      extra.push(actionButton(this.t(locale, "card-button-code"), { kind: "code", locale, slug }));
    if (DEMO_OF_ROW[slug] !== undefined)
      extra.push(actionButton(this.t(locale, "card-button-try"), { kind: "try", locale, slug }));
    if (extra.length === 0) return card;
    const rows = [...(card.reply_markup?.inline_keyboard ?? [])];
    // After the row with Share, before the read-more links.
    const share = rows.findIndex((row) => row.some((b) => "switch_inline_query" in b));
    rows.splice(share === -1 ? rows.length : share + 1, 0, extra);
    return { ...card, reply_markup: { inline_keyboard: rows } };
  }

  /**
   * A row's code in place of its card: each library's snippet as a code
   * block, a button back to the card and, where there is one, the
   * demonstration. Undefined for a row without code.
   */
  code(locale: string, slug: string): RenderedMessage | undefined {
    const loc = this.resolveLocale(locale);
    const row = this.matrix(loc).bySlug.get(slug);
    const snippets = this.snippets.of(slug);
    if (row === undefined || snippets === undefined) return undefined;
    return cached(this.views, `${loc}:${slug}`, () => {
      const blocks = LIBRARIES.flatMap((library: Library) => {
        const code = snippets[library];
        if (code === undefined) return [];
        return [
          fmt`${FormattedString.bold(this.t(loc, TITLES[library]))}\n${FormattedString.pre(code, CODE_LANGUAGE)}`,
        ];
      });
      const head = fmt`${FormattedString.bold(row.title)}\n${FormattedString.italic(this.t(loc, "code-note"))}`;
      let text = FormattedString.join([head, ...blocks], "\n\n");
      // Only the first block when both do not fit in one message; the tests keep every row below the limit.
      if (text.text.length > MAX_TEXT && blocks[0] !== undefined)
        text = FormattedString.join([head, blocks[0]], "\n\n");
      const buttons: InlineKeyboardButton[] = [
        actionButton(this.t(loc, "code-button-back"), { kind: "card", locale: loc, slug }),
      ];
      if (DEMO_OF_ROW[slug] !== undefined)
        buttons.push(actionButton(this.t(loc, "card-button-try"), { kind: "try", locale: loc, slug }));
      return toMessage(text, [buttons]);
    });
  }
}
