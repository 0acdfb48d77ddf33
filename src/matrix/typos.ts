/** Shorter words are not corrected: one typo away from a short word is often another word. */
const MIN_TYPO_LENGTH = 5;

/**
 * Typo correction against the words of a text: each word as written (five
 * letters or more), with what it stands for, and a lookup by one-letter
 * deletions (symmetric delete), so that a word is checked against only the
 * few known words it could be a typo of. Hand-written rather than taken from
 * a fuzzy-search library: it must map to the index's own keys (stems and
 * concepts), and it is a few dozen lines.
 */
export class Typos {
  /** Every word as written, with what it stands for. */
  private readonly surfaces = new Map<string, string>();
  /** The words of {@link surfaces} by each of their one-letter deletions; built on first use. */
  private deletionIndex: Map<string, string[]> | undefined;

  /** Adds a word as written (lower case) and what it stands for; the first one added wins. */
  add(lower: string, key: string): void {
    if (lower.length < MIN_TYPO_LENGTH || lower.includes(" ") || this.surfaces.has(lower)) return;
    this.surfaces.set(lower, key);
    this.deletionIndex = undefined;
  }

  private deletions(): Map<string, string[]> {
    if (this.deletionIndex === undefined) {
      this.deletionIndex = new Map();
      for (const surface of this.surfaces.keys()) {
        for (const deleted of deletionsOf(surface)) {
          const list = this.deletionIndex.get(deleted);
          if (list === undefined) this.deletionIndex.set(deleted, [surface]);
          else list.push(surface);
        }
      }
    }
    return this.deletionIndex;
  }

  /**
   * What a word not known was most likely meant to be: one typo (a letter
   * missing, extra, wrong or two swapped) from a word of five letters or
   * more, two from one of nine or more.
   */
  correct(lower: string): string | undefined {
    if (lower.length < MIN_TYPO_LENGTH || /\d/.test(lower)) return undefined;
    const allowed = lower.length >= 9 ? 2 : 1;
    const deletions = this.deletions();
    let best: string | undefined;
    let bestDistance = allowed + 1;
    for (const candidate of [lower, ...deletionsOf(lower)]) {
      for (const surface of deletions.get(candidate) ?? []) {
        const d = distance(lower, surface, allowed);
        if (d < bestDistance) {
          bestDistance = d;
          best = surface;
        }
      }
      const direct = this.surfaces.get(candidate);
      if (direct !== undefined && candidate !== lower && bestDistance > 1) {
        bestDistance = 1;
        best = candidate;
      }
    }
    return best === undefined ? undefined : this.surfaces.get(best);
  }
}

/** A word with one letter left out, at each place. */
function deletionsOf(word: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < word.length; i++) out.push(word.slice(0, i) + word.slice(i + 1));
  return out;
}

/**
 * Edit distance between two words (a swap of two neighbouring letters
 * counts as one), or `limit + 1` once it is sure to be more than `limit`.
 */
function distance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let prevprev: number[] = [];
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min((prev[j] as number) + 1, (cur[j - 1] as number) + 1, (prev[j - 1] as number) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        d = Math.min(d, (prevprev[j - 2] as number) + 1);
      }
      cur.push(d);
      if (d < rowMin) rowMin = d;
    }
    if (rowMin > limit) return limit + 1;
    prevprev = prev;
    prev = cur;
  }
  return Math.min(prev[b.length] as number, limit + 1);
}
