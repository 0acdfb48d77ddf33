import type { Matrix, Row } from "./load.js";

/** A user's answer to one advisor question. */
export type Reply = "yes" | "no" | "unsure";

/** What the answers add up to. */
export interface Verdict {
  /** The API the project needs. */
  api: "bot" | "telegram";
  /** Rows answered "yes": each is a need only the Telegram API meets. */
  needs: Row[];
  /** Rows answered "not sure": worth a look before deciding. */
  unsure: Row[];
}

/** The rows /choose asks about: every row with a question, in matrix order. */
export function advisorRows(matrix: Matrix): Row[] {
  return matrix.rows.filter((row) => row.question !== undefined);
}

/**
 * Decides between the two APIs. One need that only the Telegram API meets
 * is enough to need it; otherwise the simpler Bot API will do.
 *
 * @param replies answers in the order of {@link advisorRows}
 */
export function decide(rows: readonly Row[], replies: readonly Reply[]): Verdict {
  const needs = rows.filter((_, i) => replies[i] === "yes");
  const unsure = rows.filter((_, i) => replies[i] === "unsure");
  return { api: needs.length > 0 ? "telegram" : "bot", needs, unsure };
}
