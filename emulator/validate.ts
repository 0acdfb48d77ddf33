import { ApiError, badRequest } from "./errors.js";
import { clampToLimit, limitError } from "./limits.js";
import { PRIMITIVES, type BotApiSpec, type SpecField } from "./spec.js";

/** A file uploaded with multipart/form-data. */
export class UploadedFile {
  constructor(
    /** Name of the multipart field that carried the file. */
    readonly field: string,
    readonly filename: string,
    readonly contentType: string,
    readonly data: Uint8Array,
  ) {}

  get size(): number {
    return this.data.byteLength;
  }

  toJSON(): { file: string; size: number } {
    return { file: this.filename, size: this.size };
  }
}

/** An object that matched a spec type during validation. */
export interface Visit {
  type: string;
  value: Record<string, unknown>;
  path: string;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value) && !(value instanceof UploadedFile);
}

const ARRAY_PREFIX = "Array of ";

function describe(path: string): string {
  return /[.[]/.test(path) ? `field "${path}"` : `parameter "${path}"`;
}

/**
 * Structural validation of method parameters against the derived Bot API
 * spec: unknown parameters and fields, missing required ones, value types
 * (recursively, union members chosen by discriminator and shape) and the
 * limits the spec states for fields (limits.ts).
 */
export class Validator {
  private readonly expanded = new Map<string, string[]>();

  constructor(
    private readonly spec: BotApiSpec,
    /** Method or type name -> field names accepted without checks (fields newer than the spec). */
    private readonly extraFields: Record<string, string[]> = {},
  ) {}

  /** Canonical method name for a case-insensitive lookup, or undefined. */
  resolveMethod(name: string): string | undefined {
    if (Object.hasOwn(this.spec.methods, name)) return name;
    const lower = name.toLowerCase();
    return Object.keys(this.spec.methods).find((m) => m.toLowerCase() === lower);
  }

  /**
   * Validates the parameters of a call. `form` means the values came from a
   * query string, urlencoded or multipart body and are still strings.
   * Returns the typed parameters and the objects met on the way; throws
   * ApiError on the first problem.
   */
  validateMethod(
    method: string,
    raw: Record<string, unknown>,
    form: boolean,
    files: ReadonlyMap<string, UploadedFile>,
  ): { params: Record<string, unknown>; visits: Visit[] } {
    const def = this.spec.methods[method];
    if (def === undefined) throw new ApiError(404, "Not Found");
    const fields = new Map(def.fields.map((f) => [f.name, f]));
    const extra = this.extraFields[method] ?? [];
    const params: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(raw)) {
      if (value === null || value === undefined) continue;
      if (!fields.has(key) && !extra.includes(key)) {
        // Files attached by reference ("attach://name") are not parameters.
        if (form && value instanceof UploadedFile && this.isReferenced(key, raw)) continue;
        throw badRequest(`unknown parameter "${key}" for ${method}`);
      }
      params[key] = value;
    }
    for (const f of def.fields) {
      if (f.required && params[f.name] === undefined) {
        if (method === "sendMessage" && f.name === "text") throw badRequest("message text is empty");
        throw badRequest(`parameter "${f.name}" is required`);
      }
    }
    const visits: Visit[] = [];
    for (const [key, value] of Object.entries(params)) {
      const f = fields.get(key);
      if (f === undefined) continue; // allowlisted extra field
      const typed = form ? this.coerce(value, f, files) : value;
      const err = this.check(typed, f.types, key, visits);
      if (err !== undefined) throw badRequest(err);
      // A method's numeric parameter is brought into its range; other limits are errors.
      const inRange = clampToLimit(f, typed);
      const over = limitError(method, f, fields, inRange, describe(key));
      if (over !== undefined) throw badRequest(over);
      params[key] = inRange;
    }
    return { params, visits };
  }

  private isReferenced(name: string, raw: Record<string, unknown>): boolean {
    const needle = `attach://${name}`;
    return Object.values(raw).some((v) => typeof v === "string" && v.includes(needle));
  }

  /** Turns a form string into the value its spec type asks for. */
  private coerce(value: unknown, field: SpecField, files: ReadonlyMap<string, UploadedFile>): unknown {
    if (typeof value !== "string") return value;
    const alts = this.expand(field.types);
    if (alts.includes("InputFile") && value.startsWith("attach://")) {
      const file = files.get(value.slice("attach://".length));
      if (file === undefined)
        throw badRequest(`file "${value}" of parameter "${field.name}" is not attached to the request`);
      return file;
    }
    const t = value.trim();
    if (alts.includes("Integer") && /^[-+]?\d+$/.test(t)) return Number(t);
    if (alts.includes("Float") && t !== "" && Number.isFinite(Number(t))) return Number(t);
    if (alts.includes("Boolean")) {
      const l = t.toLowerCase();
      if (l === "true" || l === "1") return true;
      if (l === "false" || l === "0") return false;
    }
    const structured = alts.some((a) => a.startsWith(ARRAY_PREFIX) || !PRIMITIVES.has(a));
    if (structured && (!alts.includes("String") || t.startsWith("{") || t.startsWith("["))) {
      try {
        return JSON.parse(t) as unknown;
      } catch {
        throw badRequest(`can't parse JSON in parameter "${field.name}"`);
      }
    }
    return value;
  }

  /** Replaces union type names by their members, recursively. */
  expand(types: readonly string[]): string[] {
    const key = types.join("|");
    const hit = this.expanded.get(key);
    if (hit !== undefined) return hit;
    const out: string[] = [];
    const seen = new Set<string>();
    const walk = (t: string): void => {
      if (seen.has(t)) return;
      seen.add(t);
      const subtypes = this.spec.types[t]?.subtypes;
      if (subtypes !== undefined) subtypes.forEach(walk);
      else out.push(t);
    };
    types.forEach(walk);
    this.expanded.set(key, out);
    return out;
  }

  /** Returns an error description (without "Bad Request: ") or undefined. */
  check(value: unknown, types: readonly string[], path: string, visits: Visit[]): string | undefined {
    const alts = this.expand(types);
    const mismatch = (): string => `${describe(path)} must be of type ${types.join(" or ")}`;
    if (Array.isArray(value)) {
      const elem = alts.filter((t) => t.startsWith(ARRAY_PREFIX)).map((t) => t.slice(ARRAY_PREFIX.length));
      if (elem.length === 0) return mismatch();
      for (let i = 0; i < value.length; i++) {
        const err = this.check(value[i], elem, `${path}[${i}]`, visits);
        if (err !== undefined) return err;
      }
      return undefined;
    }
    if (value instanceof UploadedFile) return alts.includes("InputFile") ? undefined : mismatch();
    switch (typeof value) {
      case "number":
        if (alts.includes("Integer") && Number.isSafeInteger(value)) return undefined;
        if (alts.includes("Float") && Number.isFinite(value)) return undefined;
        return mismatch();
      case "string":
        return alts.includes("String") ? undefined : mismatch();
      case "boolean":
        return alts.includes("Boolean") ? undefined : mismatch();
      case "object": {
        if (value === null) return `${describe(path)} must not be null`;
        const candidates = alts.filter(
          (t) => !PRIMITIVES.has(t) && !t.startsWith(ARRAY_PREFIX) && this.spec.types[t]?.fields !== undefined,
        );
        if (candidates.length === 0 || !isRecord(value)) return mismatch();
        return this.checkObject(value, candidates, path, visits);
      }
      default:
        return mismatch();
    }
  }

  private checkObject(
    value: Record<string, unknown>,
    candidates: string[],
    path: string,
    visits: Visit[],
  ): string | undefined {
    const consts = (t: string): SpecField[] => (this.spec.types[t]?.fields ?? []).filter((f) => f.const !== undefined);
    const withConst = candidates.filter((c) => consts(c).length > 0);
    let cands = candidates.filter((c) => consts(c).every((f) => value[f.name] === f.const));
    if (cands.length === 0) {
      const tag = consts(withConst[0] ?? "")[0];
      if (tag !== undefined) {
        const allowed = [
          ...new Set(
            withConst.flatMap((c) =>
              consts(c)
                .filter((f) => f.name === tag.name)
                .map((f) => `"${f.const ?? ""}"`),
            ),
          ),
        ];
        const sub = `${path}.${tag.name}`;
        if (value[tag.name] === undefined) return `${describe(sub)} is required`;
        return `${describe(sub)} must be one of ${allowed.join(", ")}`;
      }
      cands = candidates;
    }
    const only = cands[0];
    if (cands.length === 1 && only !== undefined) return this.checkFields(value, only, path, visits);
    let best: { err: string; score: number } | undefined;
    for (const c of cands) {
      const local: Visit[] = [];
      const err = this.checkFields(value, c, path, local);
      if (err === undefined) {
        visits.push(...local);
        return undefined;
      }
      const names = new Set((this.spec.types[c]?.fields ?? []).map((f) => f.name));
      let score = 0;
      for (const k of Object.keys(value)) score += names.has(k) ? 1 : -1;
      if (best === undefined || score > best.score) best = { err, score };
    }
    return best?.err ?? `${describe(path)} must be of type ${candidates.join(" or ")}`;
  }

  private checkFields(
    value: Record<string, unknown>,
    typeName: string,
    path: string,
    visits: Visit[],
  ): string | undefined {
    const fields = this.spec.types[typeName]?.fields ?? [];
    const byName = new Map(fields.map((f) => [f.name, f]));
    const extra = this.extraFields[typeName] ?? [];
    for (const [k, v] of Object.entries(value)) {
      if (v === null || v === undefined) continue;
      if (!byName.has(k) && !extra.includes(k)) return `unknown field "${path}.${k}" in ${typeName}`;
    }
    for (const f of fields) {
      const v = value[f.name];
      const sub = `${path}.${f.name}`;
      if (v === undefined || v === null) {
        if (f.required) return `${describe(sub)} is required in ${typeName}`;
        continue;
      }
      if (f.const !== undefined && v !== f.const) return `${describe(sub)} must be "${f.const}"`;
      const err = this.check(v, f.types, sub, visits) ?? limitError(typeName, f, byName, v, describe(sub));
      if (err !== undefined) return err;
    }
    visits.push({ type: typeName, value, path });
    return undefined;
  }
}
