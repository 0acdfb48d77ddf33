import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type * as Fontkit from "fontkit";
import type { Font } from "fontkit";

/** Font weights the table uses, each backed by one TTF file. */
export type FontWeight = 400 | 600 | 700;

/** The family name written in the SVG; it matches the TTF files below. */
export const FONT_FAMILY = "Inter";

const require = createRequire(import.meta.url);

const FILES: Record<FontWeight, string> = {
  400: "@expo-google-fonts/inter/400Regular/Inter_400Regular.ttf",
  600: "@expo-google-fonts/inter/600SemiBold/Inter_600SemiBold.ttf",
  700: "@expo-google-fonts/inter/700Bold/Inter_700Bold.ttf",
};

/**
 * Absolute paths of the TTF files, taken from an npm package so that the
 * picture looks the same on every machine without system fonts (the
 * rasteriser is told not to load any).
 */
export const FONT_FILES: readonly string[] = Object.values(FILES).map((id) => require.resolve(id));

/** fontkit, the fonts it parsed, and the entries that loading it added to require's cache. */
interface Shaper {
  fontkit: typeof Fontkit;
  fonts: Map<FontWeight, Font>;
  modules: string[];
}

/**
 * Loaded on the first measurement, since fontkit takes ~80 ms to load and
 * most runs never draw the table, and let go after each layout by
 * {@link releaseFonts}: with the parsed fonts it holds some 10 MB of heap,
 * for a table laid out once per language.
 */
let shaper: Shaper | undefined;

const widths = new Map<string, number>();

function loadShaper(): Shaper {
  // A require of its own, so that nothing else keeps the modules once they leave the cache.
  const load = createRequire(import.meta.url);
  const cachedBefore = new Set(Object.keys(load.cache));
  const fontkit = load("fontkit") as typeof Fontkit;
  const modules = Object.keys(load.cache).filter((id) => !cachedBefore.has(id));
  return { fontkit, fonts: new Map(), modules };
}

function font(weight: FontWeight): Font {
  shaper ??= loadShaper();
  let loaded = shaper.fonts.get(weight);
  if (loaded === undefined) {
    const file = require.resolve(FILES[weight]);
    const parsed = shaper.fontkit.create(readFileSync(file));
    if (!("layout" in parsed)) throw new Error(`${file} is a font collection, not a single font`);
    loaded = parsed;
    shaper.fonts.set(weight, loaded);
  }
  return loaded;
}

/**
 * Lets go of fontkit and the parsed fonts; the widths measured so far stay
 * known. Drawing the same table again measures nothing new, so it does not
 * load them again.
 */
export function releaseFonts(): void {
  if (shaper === undefined) return;
  for (const id of shaper.modules) Reflect.deleteProperty(require.cache, id);
  shaper = undefined;
}

/**
 * Width in pixels of `text` set on one line at `size` px, shaped with the
 * same font (kerning included) that draws it, so that wrapping decisions
 * match what the rasteriser shows.
 */
export function measureText(text: string, size: number, weight: FontWeight): number {
  const key = `${weight}\u0000${text}`;
  let units = widths.get(key);
  if (units === undefined) {
    const f = font(weight);
    units = f.layout(text).advanceWidth / f.unitsPerEm;
    widths.set(key, units);
  }
  return units * size;
}
