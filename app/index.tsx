import { render } from "preact";
import { APP_LOCALES, type AppData } from "../src/miniapp/shape.js";
import { App } from "./app.js";
import { pickLocale, USERNAME } from "./rows.js";
import { RowSearch } from "./search.js";
import { detectHost } from "./telegram.js";
import "./styles.css";

const data = JSON.parse(document.getElementById("app-data")?.textContent ?? "null") as AppData;
const host = detectHost();
const params = new URLSearchParams(location.search);
const asked = params.get("lang");
const locale = pickLocale(asked ?? host.languageCode, APP_LOCALES, APP_LOCALES[0]);
const fromUrl = params.get("bot") ?? "";
const bot = USERNAME.test(fromUrl) ? fromUrl : data.bot;
const search = new RowSearch(data);
const root = document.getElementById("app");
if (root !== null) {
  root.textContent = "";
  render(<App data={data} search={search} host={host} initialLocale={locale} bot={bot} />, root);
}
host.ready();
performance.mark("app-rendered");
// The search index is built once the page has loaded, in the background, before anyone types.
addEventListener("load", () => setTimeout(() => void search.ready(), 100));
