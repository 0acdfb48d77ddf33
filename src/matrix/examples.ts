import type { AskedQuestion } from "./catalog.js";
import type { Reading } from "./terms.js";

/** What a question is most like: an answer (a row's slug, "overview" or "out") and how alike, from 0 to 1. */
export interface Neighbour {
  label: string;
  similarity: number;
}

interface Posting {
  at: number;
  weight: number;
}

/**
 * Questions developers asked (data/asked.yaml), indexed by their words, to
 * find which answer a new question is most like: a question phrased as
 * others about a row were is likely about that row, in words the row's own
 * text may not use. Similarity is the cosine of the two questions' words,
 * each weighted by how rare it is in the reference.
 */
export class Examples {
  /** Each question's answer, as its place in {@link names}: the best of each is kept in an array by it. */
  private readonly labels: number[] = [];
  /** The answers, by their number. */
  private readonly names: string[] = [];
  private readonly numbers = new Map<string, number>();
  private readonly norms: number[] = [];
  private readonly postings = new Map<string, Posting[]>();
  private dots: Float64Array | undefined;
  private touched: Int32Array | undefined;
  private bests: Float64Array | undefined;
  /** Positions in `asked` still to index, last first. */
  private readonly pending: number[];

  /**
   * @param asked the questions; those of small talk are left out (small talk is told apart before any scoring)
   * @param read reads a text as the reference's index does
   * @param weightOf how rare a word is, as the reference's index weighs it
   */
  constructor(
    private readonly asked: readonly AskedQuestion[],
    private readonly read: (text: string) => Reading,
    private readonly weightOf: (key: string) => number,
  ) {
    this.pending = [...asked.keys()].filter((at) => asked[at]?.expect !== "smalltalk").reverse();
  }

  /** Indexes up to `count` more questions; `false` once all are. */
  step(count: number): boolean {
    for (let i = 0; i < count; i++) {
      const at = this.pending.pop();
      if (at === undefined) return false;
      const question = this.asked[at] as AskedQuestion;
      let norm = 0;
      for (const [key, weight] of this.weigh(this.read(question.q))) {
        norm += weight * weight;
        const list = this.postings.get(key);
        if (list === undefined) this.postings.set(key, [{ at, weight }]);
        else list.push({ at, weight });
      }
      let label = this.numbers.get(question.expect);
      if (label === undefined) {
        label = this.names.push(question.expect) - 1;
        this.numbers.set(question.expect, label);
      }
      this.labels[at] = label;
      this.norms[at] = Math.sqrt(norm);
    }
    return this.pending.length > 0;
  }

  /**
   * Each answer's best similarity to the question among its questions, best
   * first. `skip` leaves questions out by their position in data/asked.yaml:
   * for measuring on the questions themselves.
   */
  nearest(reading: Reading, skip?: (at: number) => boolean): Neighbour[] {
    const words = this.weigh(reading);
    let norm = 0;
    for (const weight of words.values()) norm += weight * weight;
    if (norm === 0) return [];
    // Scratch arrays reused from call to call: a question costs no garbage but its answer.
    const dots = (this.dots ??= new Float64Array(this.asked.length));
    const touched = (this.touched ??= new Int32Array(this.asked.length));
    let count = 0;
    for (const [key, weight] of words) {
      for (const posting of this.postings.get(key) ?? []) {
        if (dots[posting.at] === 0) touched[count++] = posting.at;
        dots[posting.at] = (dots[posting.at] as number) + weight * posting.weight;
      }
    }
    // The best similarity of each answer, by its number; a question touches a few dozen answers at most.
    if (this.bests === undefined || this.bests.length < this.names.length)
      this.bests = new Float64Array(this.names.length);
    const bests = this.bests;
    const length = Math.sqrt(norm);
    for (let i = 0; i < count; i++) {
      const at = touched[i] as number;
      const dot = dots[at] as number;
      dots[at] = 0;
      if (skip?.(at) === true) continue;
      const similarity = dot / (length * (this.norms[at] as number));
      const label = this.labels[at] as number;
      if (similarity > (bests[label] as number)) bests[label] = similarity;
    }
    const found: Neighbour[] = [];
    for (let label = 0; label < bests.length; label++) {
      const similarity = bests[label] as number;
      if (similarity === 0) continue;
      found.push({ label: this.names[label] as string, similarity });
      bests[label] = 0;
    }
    return found.sort((a, b) => b.similarity - a.similarity);
  }

  /** A question's words, each once, with its weight. */
  private weigh(reading: Reading): Map<string, number> {
    const words = new Map<string, number>();
    for (const word of reading.words) if (!words.has(word.key)) words.set(word.key, this.weightOf(word.key));
    return words;
  }
}
