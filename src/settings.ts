import { MemorySessionStorage } from "grammy";
import { type GuardedStorage, guardStorage, type KeyValueStorage } from "./storage.js";

/** What the store holds for a user who chose a language with /language. */
export interface StoredSettings {
  language?: string;
}

const languageOf = (settings: StoredSettings | undefined): string | undefined => settings?.language;

/**
 * The users' settings: the language each chose with /language. They belong
 * to the user, not to a chat, so they hold in every chat and in inline
 * mode. Every read and write goes through the one guard of the bot's
 * stores: a store that cannot be reached fails as `StorageUnavailableError`.
 */
export class UserSettings {
  private readonly store: GuardedStorage<StoredSettings>;

  /** @param store where the settings live, under the user's id; this process's memory when not given */
  constructor(store: KeyValueStorage<StoredSettings> = new MemorySessionStorage<StoredSettings>()) {
    this.store = guardStorage(store);
  }

  /** The language the user chose, or `undefined` if they follow their Telegram app's. */
  language(userId: number): Promise<string | undefined> {
    return this.store.read(String(userId)).then(languageOf);
  }

  /**
   * Speaks `language` to the user from now on, or their Telegram app's
   * language again with `"auto"`: the user is then forgotten, so only users
   * who chose something take room in the store.
   */
  async setLanguage(userId: number, language: string): Promise<void> {
    if (language === "auto") await this.store.delete(String(userId));
    else await this.store.write(String(userId), { language });
  }
}
