import type { AppLocale, AppMark, AppSideKey } from "../src/miniapp/shape.js";

/**
 * Every word of the app's own, in one language; the reference's text comes
 * with the data. The sides' names and the marks' words are the bot's own
 * (locales/*.ftl: side-*, mark-*, same-*), so the app and the chat agree.
 */
export interface Strings {
  title: string;
  subtitle: string;
  /** The name of the other language, in that language, for the switch. */
  otherLanguage: string;
  switchLanguage: string;
  searchLabel: string;
  searchPlaceholder: string;
  sectionLabel: string;
  allSections: string;
  sideLabel: string;
  sideAll: string;
  sideOnlyUser: string;
  sideOnlyBots: string;
  rows: (count: number) => string;
  nothingFound: string;
  clearFilters: string;
  sides: Record<AppSideKey, string>;
  /** The sides' names in the table's narrow column heads. */
  columns: Record<AppSideKey, string>;
  marks: Record<AppMark, string>;
  legend: string;
  back: string;
  since: (version: string) => string;
  /** Said where a side is the same as the one before it. */
  same: Record<"mtproto_bot" | "mtproto_user", string>;
  methods: string;
  readMore: string;
  changes: string;
  openInChat: string;
  share: string;
  linkCopied: string;
  shareLink: string;
  credits: (source: string, author: string, checked: string) => string;
  licence: string;
}

/** Russian plural forms: 1 строка, 2 строки, 5 строк. */
const russianRows = (n: number): string => {
  const form = new Intl.PluralRules("ru").select(n);
  return `${n} ${form === "one" ? "строка" : form === "few" ? "строки" : "строк"}`;
};

/** The app's words in English and Russian. */
export const STRINGS: Record<AppLocale, Strings> = {
  en: {
    title: "Bot API or MTProto?",
    subtitle: "What a bot can do, compared with a bot over MTProto and a user account",
    otherLanguage: "Русский",
    switchLanguage: "Switch to Russian",
    searchLabel: "Search the reference",
    searchPlaceholder: "Search: files, members, 409…",
    sectionLabel: "Section",
    allSections: "All sections",
    sideLabel: "Show",
    sideAll: "Everything",
    sideOnlyUser: "Only a user account can",
    sideOnlyBots: "Only bots can",
    rows: (n) => `${n} ${n === 1 ? "row" : "rows"}`,
    nothingFound: "Nothing matches. Try other words, or clear the filters.",
    clearFilters: "Clear search and filters",
    sides: { bot_api: "Bot API", mtproto_bot: "Bot over MTProto", mtproto_user: "User account" },
    columns: { bot_api: "Bot API", mtproto_bot: "MTProto bot", mtproto_user: "User" },
    marks: { yes: "Yes", partly: "Partly", local: "With a local Bot API server", no: "No" },
    legend: "Marks",
    back: "All rows",
    since: (v) => `Changed in Bot API ${v}`,
    same: { mtproto_bot: "Same as the Bot API", mtproto_user: "Same as the bot over MTProto" },
    methods: "Methods",
    readMore: "Read more",
    changes: "What changed",
    openInChat: "Open in chat",
    share: "Share",
    linkCopied: "Link copied",
    shareLink: "Link",
    credits: (source, author, checked) =>
      `Facts from “${source}” (the Telegram Bot Handbook), table by ${author}, in our own words; checked on ${checked}.`,
    licence: "CC BY-NC 4.0",
  },
  ru: {
    title: "Bot API или MTProto?",
    subtitle: "Что может бот, в сравнении с ботом через MTProto и аккаунтом пользователя",
    otherLanguage: "English",
    switchLanguage: "Переключить на английский",
    searchLabel: "Поиск по справочнику",
    searchPlaceholder: "Поиск: файлы, участники, 409…",
    sectionLabel: "Раздел",
    allSections: "Все разделы",
    sideLabel: "Показать",
    sideAll: "Всё",
    sideOnlyUser: "Только аккаунт пользователя",
    sideOnlyBots: "Только боты",
    rows: russianRows,
    nothingFound: "Ничего не нашлось. Попробуйте другие слова или сбросьте фильтры.",
    clearFilters: "Сбросить поиск и фильтры",
    sides: { bot_api: "Bot API", mtproto_bot: "Бот через MTProto", mtproto_user: "Аккаунт пользователя" },
    columns: { bot_api: "Bot API", mtproto_bot: "Бот MTProto", mtproto_user: "Аккаунт" },
    marks: { yes: "Да", partly: "Частично", local: "С локальным сервером Bot API", no: "Нет" },
    legend: "Отметки",
    back: "Все строки",
    since: (v) => `Изменено в Bot API ${v}`,
    same: { mtproto_bot: "Как в Bot API", mtproto_user: "Как у бота через MTProto" },
    methods: "Методы",
    readMore: "Подробнее",
    changes: "Что изменилось",
    openInChat: "Открыть в чате",
    share: "Поделиться",
    linkCopied: "Ссылка скопирована",
    shareLink: "Ссылка",
    credits: (source, author, checked) =>
      `Факты из «${source}» (Telegram Bot Handbook), таблица ${author}, нашими словами; проверено ${checked}.`,
    licence: "CC BY-NC 4.0",
  },
};
