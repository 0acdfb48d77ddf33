import { type FontWeight, measureText } from "./fonts.js";

/** How a piece of text is set: size in px and weight. */
export interface TextStyle {
  size: number;
  weight: FontWeight;
}

const NBSP = "\u00a0";
const DASHES = new Set(["—", "–", "-"]);
const ACRONYM = /^\p{Lu}{2,}s?\p{P}*$/u;

/**
 * Joins words that read badly when split across lines with no-break spaces:
 * a number and the word after it ("20 MB"), a one-letter word and the word
 * after it ("в апдейтах"), and a dash or an acronym and the word before it
 * ("Bot API", "Telegram API").
 */
function glue(words: readonly string[]): string[] {
  const units: string[] = [];
  let joinNext = false;
  for (const word of words) {
    const last = units.length - 1;
    if (last >= 0 && (joinNext || DASHES.has(word) || ACRONYM.test(word))) {
      units[last] = `${units[last] ?? ""}${NBSP}${word}`;
    } else {
      units.push(word);
    }
    joinNext = /^\d[\d.,]*$/.test(word) || /^\p{L}$/u.test(word);
  }
  return units;
}

function splitLongWord(word: string, maxWidth: number, style: TextStyle): string[] {
  const parts: string[] = [];
  let current = "";
  for (const char of word) {
    const candidate = current + char;
    if (current !== "" && measureText(candidate, style.size, style.weight) > maxWidth) {
      parts.push(current);
      current = char;
    } else {
      current = candidate;
    }
  }
  if (current !== "") parts.push(current);
  return parts;
}

/** A piece of a line: a word (or glued group), or the part of a word after a hyphen, set with no space before it. */
interface Token {
  text: string;
  afterHyphen: boolean;
}

/** Where a hyphenated word may break: after a hyphen between two letters. */
const HYPHEN_BREAK = /(?<=\p{L}-)(?=\p{L})/u;

function tokens(units: readonly string[]): Token[] {
  return units.flatMap((unit) => unit.split(HYPHEN_BREAK).map((text, i) => ({ text, afterHyphen: i > 0 })));
}

function fill(pieces: readonly Token[], maxWidth: number, style: TextStyle): string[] {
  const lines: string[] = [];
  let current = "";
  for (const piece of pieces) {
    const candidate = current === "" ? piece.text : `${current}${piece.afterHyphen ? "" : " "}${piece.text}`;
    if (measureText(candidate, style.size, style.weight) <= maxWidth) {
      current = candidate;
      continue;
    }
    if (current !== "") lines.push(current);
    if (measureText(piece.text, style.size, style.weight) <= maxWidth) {
      current = piece.text;
    } else {
      // Too wide alone: break a glued group at its no-break spaces, a single word anywhere.
      const parts = piece.text.includes(NBSP)
        ? fill(tokens(piece.text.split(NBSP)), maxWidth, style)
        : splitLongWord(piece.text, maxWidth, style);
      current = parts.pop() ?? "";
      lines.push(...parts);
    }
  }
  if (current !== "") lines.push(current);
  return lines;
}

/**
 * Breaks `text` into lines no wider than `maxWidth` px. Lines break at
 * spaces and after hyphens (never at no-break spaces unless a glued group
 * cannot fit), and inside a word only when the word alone is too wide, such
 * as a long URL.
 * Each candidate line is measured whole, so kerning counts.
 */
export function wrapText(text: string, maxWidth: number, style: TextStyle): string[] {
  const words = text.split(/[ \t\r\n]+/).filter((w) => w !== "");
  const lines = fill(tokens(glue(words)), maxWidth, style);
  return lines.length > 0 ? lines : [""];
}

/** Width in px of the widest word of `text`, the least a column needs to avoid breaking words. */
export function widestWord(text: string, style: TextStyle): number {
  return Math.max(0, ...text.split(/\s+/).map((w) => measureText(w, style.size, style.weight)));
}
