import { randomBytes, randomInt } from "node:crypto";
import type { MessageEntity } from "grammy/types";
import { badRequest } from "./errors.js";
import { sortEntities } from "./text.js";
import { isRecord } from "./validate.js";

/** A deep copy, so that nothing handed out shares state with the emulator. */
export function clone<T>(value: T): T {
  return structuredClone(value);
}

/** Unix time in seconds, as Telegram dates are. */
export function now(): number {
  return Math.floor(Date.now() / 1000);
}

/** Resolves after `ms` milliseconds (an injected fault's delay). */
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** A random number of `length` digits, as query ids and chat instances are. */
export function randomDigits(length: number): string {
  let s = String(randomInt(1, 10));
  while (s.length < length) s += String(randomInt(0, 10));
  return s;
}

/** `bytes` random bytes in base64url, for file and inline message ids. */
export function randomId(bytes: number): string {
  return randomBytes(bytes).toString("base64url");
}

/** JSON with sorted keys, for content comparisons. */
export function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (isRecord(v)) {
      const out: Record<string, unknown> = {};
      for (const k of Object.keys(v).sort()) if (v[k] !== undefined) out[k] = v[k];
      return out;
    }
    return v;
  });
}

/** Whether two entity lists mark up a text the same way, whatever their order. */
export function sameEntities(a: MessageEntity[] | undefined, b: MessageEntity[] | undefined): boolean {
  return canonical(sortEntities(a ?? [])) === canonical(sortEntities(b ?? []));
}

/** The answer to a method the spec has and the emulator does not implement. */
export function throwNotImplemented(method: string): never {
  throw badRequest(`method ${method} is not implemented by the emulator`);
}

/** The value if it is a string. */
export function str(value: unknown): string | undefined {
  return typeof value === "string" ? value : undefined;
}

/** Whether a webhook host is this machine, the only place the emulator delivers to. */
export function isLoopback(hostname: string): boolean {
  return hostname === "127.0.0.1" || hostname === "localhost" || hostname === "[::1]" || hostname === "::1";
}

/** Whether a reply_markup holds an inline keyboard button that opens a web app. */
export function hasWebAppButton(markup: unknown): boolean {
  if (!isRecord(markup) || !Array.isArray(markup.inline_keyboard)) return false;
  return (markup.inline_keyboard as unknown[]).some(
    (row) => Array.isArray(row) && row.some((b) => isRecord(b) && b.web_app !== undefined && b.web_app !== null),
  );
}
