import type { Answer } from "./ask.js";
import type { Catalog } from "./load.js";
import type { MatrixSearch } from "./search.js";

/**
 * The search over a catalog, loaded on first use: its modules (MiniSearch,
 * the Snowball stemmers, the question index) take longer to load than the
 * rest of the bot, and most updates (commands, buttons, an empty inline
 * query) never search. {@link SearchHandle.prepare} loads it and builds its
 * indexes in the background once the bot serves; an update that needs it
 * first waits for it to load.
 */
export class SearchHandle {
  #search: Promise<MatrixSearch> | undefined;
  #answer: Promise<(text: string) => Answer> | undefined;

  /**
   * @param catalog what to search
   * @param search the search itself, when the caller has one already
   */
  constructor(
    private readonly catalog: Catalog,
    search?: MatrixSearch,
  ) {
    if (search !== undefined) this.#search = Promise.resolve(search);
  }

  /** The search, loaded and made on first call (a failed load is tried again on the next). */
  get(): Promise<MatrixSearch> {
    this.#search ??= import("./search.js").then(
      ({ MatrixSearch }) => new MatrixSearch(this.catalog),
      (err: unknown) => {
        this.#search = undefined;
        throw err;
      },
    );
    return this.#search;
  }

  /** The answer to a free-text question (see `answerQuestion` in ask.ts). */
  async answer(text: string): Promise<Answer> {
    this.#answer ??= Promise.all([import("./ask.js"), this.get()]).then(
      ([{ answerQuestion }, search]) =>
        (question: string) =>
          answerQuestion(search, question),
      (err: unknown) => {
        this.#answer = undefined;
        throw err;
      },
    );
    return (await this.#answer)(text);
  }

  /**
   * Loads the search and builds its indexes in the background (see
   * `MatrixSearch.prepare`). Call it once the bot serves. A failure to load
   * is left to the first update that searches, which reports it.
   *
   * Loading and building hold the process for some tens of milliseconds
   * (in the bundle, loading does not wait for a file to be read), so they
   * start on the next turn of the event loop: what was sent just before,
   * such as the first getUpdates, leaves first.
   */
  prepare(): void {
    setImmediate(() => {
      this.get().then(
        (search) => search.prepare(),
        () => undefined,
      );
    });
  }
}
