/** How much a word seen with no row counts, in the counts of every row (additive smoothing). */
const SMOOTHING = 0.1;

/**
 * Which row a question is about, by the words that come with each row: a
 * naive Bayes model of the rows' titles, keywords and summaries and of the
 * questions asked about them. It sees a question as a whole where the
 * scoring weighs words one by one, so the two agreeing says more than
 * either. Hand-written: a few counts per row, on the index's own words.
 */
export class WordsModel {
  private readonly counts: Map<string, number>[];
  private readonly totals: number[];
  private readonly vocabulary = new Set<string>();

  constructor(rows: number) {
    this.counts = Array.from({ length: rows }, () => new Map<string, number>());
    this.totals = new Array<number>(rows).fill(0);
  }

  /** Counts the words of one text of a row, each once, `weight` times. */
  add(row: number, keys: Iterable<string>, weight: number): void {
    const counts = this.counts[row] as Map<string, number>;
    for (const key of new Set(keys)) {
      counts.set(key, (counts.get(key) ?? 0) + weight);
      this.totals[row] = (this.totals[row] as number) + weight;
      this.vocabulary.add(key);
    }
  }

  /** The probability of each row, by position, given a question's words; words no row has are left out. */
  posterior(keys: Iterable<string>): Float64Array {
    const words = [...new Set(keys)].filter((key) => this.vocabulary.has(key));
    const n = this.counts.length;
    const log = new Float64Array(n);
    const smoothing = SMOOTHING * this.vocabulary.size;
    let max = -Infinity;
    for (let row = 0; row < n; row++) {
      const counts = this.counts[row] as Map<string, number>;
      const total = (this.totals[row] as number) + smoothing;
      let sum = 0;
      for (const key of words) sum += Math.log(((counts.get(key) ?? 0) + SMOOTHING) / total);
      log[row] = sum;
      if (sum > max) max = sum;
    }
    let z = 0;
    for (let row = 0; row < n; row++) z += log[row] = Math.exp((log[row] as number) - max);
    for (let row = 0; row < n; row++) log[row] = (log[row] as number) / z;
    return log;
  }
}
