// Telegram's own script, from npm. It is a CommonJS module: imported from an
// ES module, as here, its exports object is the default import.
import sdk from "@twa-dev/sdk";

const WebApp = sdk.default;

/**
 * What the app needs of the page's host: Telegram when opened as a Mini App,
 * the plain browser otherwise. Telegram's own script (bundled from npm, so
 * nothing is loaded from telegram.org) talks to the client; this keeps the
 * few calls the app makes in one place, each with its browser fallback.
 */
export interface Host {
  /** Opened by a Telegram client as a Mini App. */
  readonly inTelegram: boolean;
  /** The user's Telegram language, or the browser's first language. */
  readonly languageCode: string | undefined;
  /** `startapp` parameter of a direct link, such as a row's slug. */
  readonly startParam: string | undefined;
  /** Tells Telegram the page is drawn, and takes the whole height. */
  ready(): void;
  /** Calls `listener` whenever Telegram's theme changes. */
  onThemeChanged(listener: () => void): void;
  /** Shows Telegram's back button with `onBack`, or hides it with `undefined`. */
  backButton(onBack: (() => void) | undefined): void;
  /** Opens a t.me link in Telegram itself; `false` outside Telegram, where the link works as it is. */
  openTelegramLink(url: string): boolean;
  /** Opens an outside page in Telegram's browser; `false` outside Telegram. */
  openLink(url: string): boolean;
  /** Lets the user pick a chat and type `@bot <query>` there; `false` where the bot's inline mode is not on. */
  switchInlineQuery(query: string): boolean;
}

/** The hash parameter Telegram sets when the bot has inline mode on. */
const hashParams = (): URLSearchParams => new URLSearchParams(location.hash.slice(1));

/** The host this page runs in, decided once at start. */
export function detectHost(): Host {
  const inTelegram = WebApp.initData !== "" || WebApp.platform !== "unknown";
  const botInline = hashParams().has("tgWebAppBotInline");
  let back: (() => void) | undefined;
  const applyScheme = () => {
    if (inTelegram) document.documentElement.dataset["scheme"] = WebApp.colorScheme;
  };
  applyScheme();
  WebApp.onEvent("themeChanged", applyScheme);
  const hasBackButton = inTelegram && WebApp.isVersionAtLeast("6.1");
  if (hasBackButton) WebApp.BackButton.onClick(() => back?.());
  return {
    inTelegram,
    languageCode: inTelegram ? WebApp.initDataUnsafe.user?.language_code : navigator.languages[0],
    startParam: WebApp.initDataUnsafe.start_param,
    ready() {
      if (!inTelegram) return;
      WebApp.ready();
      WebApp.expand();
    },
    onThemeChanged(listener) {
      WebApp.onEvent("themeChanged", listener);
    },
    backButton(onBack) {
      back = onBack;
      if (!hasBackButton) return;
      if (onBack === undefined) WebApp.BackButton.hide();
      else WebApp.BackButton.show();
    },
    openTelegramLink(url) {
      if (!inTelegram) return false;
      WebApp.openTelegramLink(url);
      return true;
    },
    openLink(url) {
      if (!inTelegram) return false;
      WebApp.openLink(url);
      return true;
    },
    switchInlineQuery(query) {
      if (!inTelegram || !botInline || !WebApp.isVersionAtLeast("6.7")) return false;
      WebApp.switchInlineQuery(query, ["users", "groups", "channels"]);
      return true;
    },
  };
}
