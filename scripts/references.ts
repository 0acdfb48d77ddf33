/**
 * Loads what data/ is checked against, from files in the project (so a
 * fresh clone can check it offline): the Bot API spec derived by
 * scripts/derive-spec.mjs, the MTProto schema of the @mtcute/tl package and
 * the handbook's headings copied by scripts/copy-anchors.mjs.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join, resolve } from "node:path";
import type { References } from "../src/matrix/facts.js";

/** The layer of the MTProto schema the reference is checked against. */
export const MTPROTO_LAYER = 223;

interface DerivedSpec {
  version: string;
  anchors?: string[];
  methods: Record<string, { fields: { name: string }[] }>;
  types: Record<string, { fields?: { name: string }[] }>;
}

interface TlSchema {
  l: number;
  e: { kind: "method" | "class"; name: string }[];
}

/**
 * Reads the references from the project at `root`.
 *
 * @throws {Error} when a file is missing, or the MTProto schema is not of {@link MTPROTO_LAYER}
 */
export function loadReferences(root: string): References {
  const spec = JSON.parse(readFileSync(join(root, "emulator/spec/botapi.json"), "utf8")) as DerivedSpec;
  if (spec.anchors === undefined) throw new Error("emulator/spec/botapi.json has no anchors: run npm run spec");
  const require = createRequire(resolve(root, "package.json"));
  const tl = JSON.parse(readFileSync(require.resolve("@mtcute/tl/api-schema.json"), "utf8")) as TlSchema;
  if (tl.l !== MTPROTO_LAYER) {
    throw new Error(`@mtcute/tl holds layer ${tl.l}, the reference is checked against layer ${MTPROTO_LAYER}`);
  }
  const anchors = JSON.parse(readFileSync(join(root, "emulator/spec/handbook-anchors.json"), "utf8")) as {
    pages: Record<string, string[]>;
  };
  const names = (fields: { name: string }[] | undefined) => new Set((fields ?? []).map((f) => f.name));
  return {
    botApi: {
      version: spec.version,
      methods: new Map(Object.entries(spec.methods).map(([name, m]) => [name, names(m.fields)])),
      types: new Map(Object.entries(spec.types).map(([name, t]) => [name, names(t.fields)])),
      anchors: new Set(spec.anchors),
    },
    mtproto: {
      layer: tl.l,
      methods: new Set(tl.e.filter((e) => e.kind === "method").map((e) => e.name)),
      constructors: new Set(tl.e.filter((e) => e.kind === "class").map((e) => e.name)),
    },
    handbook: new Map(Object.entries(anchors.pages).map(([page, ids]) => [page, new Set(ids)])),
  };
}
