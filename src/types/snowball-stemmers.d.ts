declare module "snowball-stemmers" {
  /** A Snowball stemmer for one language. */
  export interface Stemmer {
    stem(word: string): string;
  }
  /** Creates the stemmer of a language, e.g. "english" or "russian". */
  export function newStemmer(language: string): Stemmer;
  /** Names of the languages there are stemmers for. */
  export function algorithms(): string[];
}
