import { DEMO_OF_ROW } from "../../src/render/demos/index.js";
import { Snippets } from "../../src/snippets.js";
import { tr } from "../harness.js";

const snippets = Snippets.bundled();

/**
 * The labels of the row a card adds under Share: "Code" when the row has
 * snippets, "Try it" when it has a live demonstration; empty when neither.
 */
export function cardTools(locale: string, slug: string): string[] {
  return [
    ...(snippets.of(slug) === undefined ? [] : [tr(locale, "card-button-code")]),
    ...(DEMO_OF_ROW[slug] === undefined ? [] : [tr(locale, "card-button-try")]),
  ];
}
