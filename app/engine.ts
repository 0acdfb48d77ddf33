// The search engine's entry point: bundled apart from the app's first script
// (see scripts/app-bundle.ts) and run only once the index is built.
import MiniSearch from "minisearch";
import { normalizeTerm } from "../src/matrix/search.js";
import type { SearchEngine } from "./search.js";

(globalThis as { rowSearchEngine?: SearchEngine }).rowSearchEngine = { MiniSearch, normalizeTerm };
