import { useEffect, useLayoutEffect, useMemo, useRef, useState } from "preact/hooks";
import {
  APP_LOCALES,
  APP_SIDES,
  type AppData,
  type AppLocale,
  type AppMark,
  type AppRow,
  type AppSide,
  type AppSideKey,
} from "../src/miniapp/shape.js";
import { chatLink, keeps, plainMatches, type SideFilter } from "./rows.js";
import type { RowSearch } from "./search.js";
import { STRINGS, type Strings } from "./strings.js";
import type { Host } from "./telegram.js";

/** A mark's sign: a disc in its colour with a glyph, drawn by the stylesheet (one element, for a quick first paint). */
function MarkIcon({ mark }: { mark: AppMark }) {
  return <span class={`mark mark-${mark}`} aria-hidden="true" />;
}

/**
 * Rows drawn before the first paint; the rest follow right after it. A
 * phone's screen shows fewer, and laying out the whole table first would
 * keep the screen blank longer.
 */
const FIRST_ROWS = 8;

/** Where the app is: the table, or one row. */
type View = { row: string | undefined };

const rowFromUrl = (): string | undefined => new URLSearchParams(location.search).get("row") ?? undefined;

function urlFor(row: string | undefined): string {
  const url = new URL(location.href);
  if (row === undefined) url.searchParams.delete("row");
  else url.searchParams.set("row", row);
  return url.pathname + url.search + url.hash;
}

/** Props of {@link App}. */
export interface AppProps {
  data: AppData;
  search: RowSearch;
  host: Host;
  initialLocale: AppLocale;
  /** The bot's username, for "Open in chat"; without it the button is not shown. */
  bot: string | undefined;
}

/** The whole reference as one searchable, filterable table, and each row's detail. */
export function App({ data, search, host, initialLocale, bot }: AppProps) {
  const [locale, setLocale] = useState<AppLocale>(initialLocale);
  const [query, setQuery] = useState("");
  const [section, setSection] = useState("");
  const [side, setSide] = useState<SideFilter>("all");
  const known = (slug: string | undefined) =>
    slug !== undefined && data.locales.en.rows.some((r) => r.slug === slug) ? slug : undefined;
  const [view, setView] = useState<View>(() => ({ row: known(rowFromUrl()) ?? known(host.startParam) }));
  /** Whether the open row was pushed onto the history here, so going back is history.back(). */
  const pushed = useRef(false);
  const listScroll = useRef(0);
  const lastRow = useRef<string | undefined>(undefined);
  const [complete, setComplete] = useState(false);
  useEffect(() => {
    // After the first paint: a timer set in an animation frame runs once that frame is drawn.
    const frame = requestAnimationFrame(() => setTimeout(() => setComplete(true), 0));
    return () => cancelAnimationFrame(frame);
  }, []);

  const s = STRINGS[locale];
  const content = data.locales[locale];
  const bySlug = useMemo(() => new Map(content.rows.map((r) => [r.slug, r])), [content]);

  useEffect(() => {
    document.documentElement.lang = locale;
    document.title = s.title;
  }, [locale, s]);

  useEffect(() => {
    const onPop = () => {
      pushed.current = false;
      setView({ row: known(rowFromUrl()) });
    };
    addEventListener("popstate", onPop);
    return () => removeEventListener("popstate", onPop);
  }, []);

  const open = (slug: string) => {
    listScroll.current = scrollY;
    lastRow.current = slug;
    history.pushState(null, "", urlFor(slug));
    pushed.current = true;
    setView({ row: slug });
  };
  const back = () => {
    if (pushed.current) {
      history.back();
      return;
    }
    history.replaceState(null, "", urlFor(undefined));
    setView({ row: undefined });
  };

  useEffect(() => {
    host.backButton(view.row === undefined ? undefined : back);
    if (view.row === undefined) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key === "Escape") back();
    };
    addEventListener("keydown", onKey);
    return () => removeEventListener("keydown", onKey);
  }, [view.row]);

  // Focus follows the view: the row's heading when it opens, the row's link when going back.
  useLayoutEffect(() => {
    if (view.row !== undefined) {
      scrollTo(0, 0);
      document.getElementById("detail-title")?.focus({ preventScroll: true });
    } else if (lastRow.current !== undefined) {
      scrollTo(0, listScroll.current);
      document.querySelector<HTMLElement>(`a[data-slug="${lastRow.current}"]`)?.focus({ preventScroll: true });
    }
  }, [view.row]);

  const row = view.row === undefined ? undefined : bySlug.get(view.row);
  const other = APP_LOCALES.find((l) => l !== locale) ?? locale;

  return (
    <div class="app">
      <header class="bar">
        <h1 class="title">{s.title}</h1>
        <button type="button" class="chip lang" lang={other} title={s.switchLanguage} onClick={() => setLocale(other)}>
          {s.otherLanguage}
        </button>
      </header>
      {row === undefined ? (
        <Table
          s={s}
          data={data}
          locale={locale}
          search={search}
          query={query}
          setQuery={setQuery}
          section={section}
          setSection={setSection}
          side={side}
          setSide={setSide}
          onOpen={open}
          limit={complete ? Infinity : FIRST_ROWS}
        />
      ) : (
        <Detail s={s} row={row} data={data} locale={locale} host={host} bot={bot} onBack={back} />
      )}
      <Credits s={s} data={data} locale={locale} host={host} />
    </div>
  );
}

interface TableProps {
  s: Strings;
  data: AppData;
  locale: AppLocale;
  search: RowSearch;
  query: string;
  setQuery: (q: string) => void;
  section: string;
  setSection: (s: string) => void;
  side: SideFilter;
  setSide: (s: SideFilter) => void;
  onOpen: (slug: string) => void;
  /** How many rows to draw; the count says how many there are. */
  limit: number;
}

function Table(props: TableProps) {
  const { s, data, locale, search, query, setQuery, section, setSection, side, setSide, onOpen, limit } = props;
  const content = data.locales[locale];
  const searchBox = useRef<HTMLInputElement>(null);
  const ranked = query.trim() === "" ? null : search.search(query);
  const building = ranked === undefined;
  const [, indexBuilt] = useState(false);
  useEffect(() => {
    if (building) void search.ready().then(() => indexBuilt(true));
  }, [building]);
  // Until the index is built, a plain match of the words stands in for the ranking.
  const found = ranked === null ? undefined : (ranked ?? plainMatches(content.rows, query));
  const rows: AppRow[] =
    found === undefined ? content.rows : found.flatMap((slug) => content.rows.find((r) => r.slug === slug) ?? []);
  const shown = rows.filter((r) => keeps(r, section, side));
  const drawn = new Set(shown.slice(0, limit).map((r) => r.slug));

  // "/" jumps to the search box, as on many sites.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const target = e.target as HTMLElement | null;
      if (e.key !== "/" || target?.closest("input, select, textarea") != null) return;
      e.preventDefault();
      searchBox.current?.focus();
    };
    addEventListener("keydown", onKey);
    return () => removeEventListener("keydown", onKey);
  }, []);

  const sides: [SideFilter, string][] = [
    ["all", s.sideAll],
    ["user", s.sideOnlyUser],
    ["bots", s.sideOnlyBots],
  ];
  const clear = () => {
    setQuery("");
    setSection("");
    setSide("all");
    searchBox.current?.focus();
  };

  return (
    <main aria-busy={drawn.size < shown.length || building}>
      <p class="subtitle">{s.subtitle}</p>
      <form class="search" role="search" onSubmit={(e) => (e.preventDefault(), searchBox.current?.blur())}>
        <input
          ref={searchBox}
          type="search"
          value={query}
          aria-label={s.searchLabel}
          placeholder={s.searchPlaceholder}
          autocomplete="off"
          spellcheck={false}
          enterKeyHint="search"
          onInput={(e) => setQuery(e.currentTarget.value)}
          onKeyDown={(e) => {
            if (e.key === "Escape" && query !== "") {
              e.stopPropagation();
              setQuery("");
            }
          }}
        />
      </form>
      <div class="filters">
        <label class="section-filter">
          <span class="sr">{s.sectionLabel}</span>
          <select value={section} onChange={(e) => setSection(e.currentTarget.value)}>
            <option value="">{s.allSections}</option>
            {content.sections.map((sec) => (
              <option key={sec.slug} value={sec.slug}>
                {sec.title}
              </option>
            ))}
          </select>
        </label>
        <div class="sides" role="group" aria-label={s.sideLabel}>
          {sides.map(([value, label]) => (
            <button
              key={value}
              type="button"
              class="chip"
              aria-pressed={side === value}
              data-side={value}
              onClick={() => setSide(value)}
            >
              {label}
            </button>
          ))}
        </div>
      </div>
      <div class="tablehead">
        <p class="count" role="status">
          {s.rows(shown.length)}
        </p>
        <div class="cols" aria-hidden="true">
          {APP_SIDES.map((k) => (
            <span key={k}>{s.columns[k]}</span>
          ))}
        </div>
      </div>
      {shown.length === 0 ? (
        <div class="empty">
          <p>{s.nothingFound}</p>
          <button type="button" class="button" onClick={clear}>
            {s.clearFilters}
          </button>
        </div>
      ) : found !== undefined ? (
        <RowList s={s} rows={shown} onOpen={onOpen} />
      ) : (
        content.sections.map((sec) => {
          const inSection = shown.filter((r) => r.section === sec.slug && drawn.has(r.slug));
          if (inSection.length === 0) return null;
          return (
            <section key={sec.slug} class="section" aria-labelledby={`section-${sec.slug}`}>
              <h2 id={`section-${sec.slug}`}>{sec.title}</h2>
              <RowList s={s} rows={inSection} onOpen={onOpen} />
            </section>
          );
        })
      )}
      {drawn.size === shown.length && <Legend s={s} />}
    </main>
  );
}

function RowList({ s, rows, onOpen }: { s: Strings; rows: AppRow[]; onOpen: (slug: string) => void }) {
  return (
    <ul class="rows">
      {rows.map((row) => (
        <li key={row.slug}>
          <a
            class="row"
            href={`?row=${row.slug}`}
            data-slug={row.slug}
            onClick={(e) => {
              if (e.ctrlKey || e.metaKey || e.shiftKey || e.button !== 0) return;
              e.preventDefault();
              onOpen(row.slug);
            }}
          >
            <span class="row-text">
              <span class="row-title">{row.title}</span>
              <span class="row-summary">{row.summary}</span>
            </span>
            <span class="row-marks">
              {APP_SIDES.map((k) => (
                <MarkIcon key={k} mark={row.sides[k].mark} />
              ))}
            </span>
            <span class="sr">
              {APP_SIDES.map((k) => `${s.sides[k]}: ${row.sides[k].headline ?? s.marks[row.sides[k].mark]}.`).join(" ")}
            </span>
          </a>
        </li>
      ))}
    </ul>
  );
}

function Legend({ s }: { s: Strings }) {
  const marks: AppMark[] = ["yes", "partly", "local", "no"];
  return (
    <section class="legend" aria-label={s.legend}>
      <ul>
        {marks.map((m) => (
          <li key={m}>
            <MarkIcon mark={m} /> {s.marks[m]}
          </li>
        ))}
      </ul>
      <p>
        {APP_SIDES.filter((k) => s.columns[k] !== s.sides[k])
          .map((k) => `${s.columns[k]}: ${s.sides[k]}`)
          .join(" · ")}
      </p>
    </section>
  );
}

/** A link that opens in Telegram's browser inside Telegram, and in a new tab elsewhere. */
function OutLink({ host, href, children }: { host: Host; href: string; children: preact.ComponentChildren }) {
  return (
    <a
      href={href}
      target="_blank"
      rel="noopener noreferrer"
      onClick={(e) => {
        if (host.openLink(href)) e.preventDefault();
      }}
    >
      {children}
    </a>
  );
}

interface DetailProps {
  s: Strings;
  row: AppRow;
  data: AppData;
  locale: AppLocale;
  host: Host;
  bot: string | undefined;
  onBack: () => void;
}

function Detail({ s, row, data, locale, host, bot, onBack }: DetailProps) {
  const [status, setStatus] = useState("");
  const section = data.locales[locale].sections.find((sec) => sec.slug === row.section);
  const link = bot === undefined ? undefined : chatLink(bot, row.slug);
  useEffect(() => setStatus(""), [row.slug, locale]);

  const share = async () => {
    if (host.switchInlineQuery(row.slug)) return;
    const url = link ?? new URL(urlFor(row.slug), location.href).href;
    const shareUrl = `https://t.me/share/url?url=${encodeURIComponent(url)}&text=${encodeURIComponent(row.title)}`;
    if (host.openTelegramLink(shareUrl)) return;
    try {
      if (typeof navigator.share === "function") {
        await navigator.share({ title: row.title, text: row.summary, url });
        return;
      }
      await navigator.clipboard.writeText(url);
      setStatus(s.linkCopied);
    } catch (err) {
      // The user closed the share sheet, or the clipboard is not allowed: show the link instead.
      if ((err as Error).name !== "AbortError") setStatus(`${s.shareLink}: ${url}`);
    }
  };

  return (
    <main class="detail">
      {!host.inTelegram && (
        <button type="button" class="back" onClick={onBack}>
          <span aria-hidden="true">←</span> {s.back}
        </button>
      )}
      <article aria-labelledby="detail-title">
        {section !== undefined && <p class="kicker">{section.title}</p>}
        <h2 id="detail-title" tabIndex={-1}>
          {row.title}
        </h2>
        <p class="lead">{row.summary}</p>
        {row.since !== undefined && <p class="since">{s.since(row.since)}</p>}
        {APP_SIDES.map((k) => (
          <SideBlock key={k} s={s} name={k} side={row.sides[k]} />
        ))}
        {row.links.length > 0 && (
          <section class="links" aria-labelledby="links-title">
            <h3 id="links-title">{s.readMore}</h3>
            <ul>
              {row.links.map((l) => (
                <li key={l.url}>
                  <OutLink host={host} href={l.url}>
                    {l.label}
                  </OutLink>
                </li>
              ))}
            </ul>
          </section>
        )}
        {row.changes.length > 0 && (
          <section class="changes" aria-labelledby="changes-title">
            <h3 id="changes-title">{s.changes}</h3>
            <ul>
              {row.changes.map((c) => (
                <li key={c.version}>
                  <b>Bot API {c.version}</b>: {c.text}
                </li>
              ))}
            </ul>
          </section>
        )}
      </article>
      <div class="actions">
        {link !== undefined && (
          <a
            class="button primary"
            href={link}
            target="_blank"
            rel="noopener noreferrer"
            onClick={(e) => {
              if (host.openTelegramLink(link)) e.preventDefault();
            }}
          >
            {s.openInChat}
          </a>
        )}
        <button type="button" class="button" onClick={() => void share()}>
          {s.share}
        </button>
      </div>
      <p class="status" role="status">
        {status}
      </p>
    </main>
  );
}

function SideBlock({ s, name, side }: { s: Strings; name: AppSideKey; side: AppSide }) {
  return (
    <section class={`side side-${side.mark}`}>
      <h3>{s.sides[name]}</h3>
      <p class="verdict">
        <MarkIcon mark={side.mark} />
        <span>{side.headline ?? s.marks[side.mark]}</span>
        {side.headline !== undefined && <span class="sr">{` (${s.marks[side.mark]})`}</span>}
      </p>
      {side.same === true && name !== "bot_api" && <p>{s.same[name]}</p>}
      {side.lines.length === 1 ? (
        <p>{side.lines[0]}</p>
      ) : (
        side.lines.length > 1 && (
          <ul>
            {side.lines.map((l) => (
              <li key={l}>{l}</li>
            ))}
          </ul>
        )
      )}
      {side.methods.length > 0 && (
        <p class="methods">
          <span class="sr">{`${s.methods}: `}</span>
          {side.methods.map((m) => (
            <code key={m}>{m}</code>
          ))}
        </p>
      )}
    </section>
  );
}

function Credits({ s, data, locale, host }: { s: Strings; data: AppData; locale: AppLocale; host: Host }) {
  const source = data.locales[locale].source;
  return (
    <footer class="credits">
      <p>
        {s.credits(source.label, data.tableAuthor, data.checked)}{" "}
        <OutLink host={host} href={source.url}>
          {source.url.replace(/^https:\/\//, "")}
        </OutLink>{" "}
        ·{" "}
        <OutLink host={host} href="https://creativecommons.org/licenses/by-nc/4.0/">
          {s.licence}
        </OutLink>
      </p>
    </footer>
  );
}
