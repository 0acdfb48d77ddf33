import type { ParsedBody } from "./body.js";
import { ApiError, defaultDescription } from "./errors.js";
import type { Faults } from "./faults.js";
import { Described, type MethodHandler } from "./methods/core.js";
import { checkVisits } from "./rules.js";
import { botApiSpec } from "./spec.js";
import type { ApiCall, CallContext, FaultSpec, Outcome } from "./types.js";
import { illFormedStrings } from "./unicode.js";
import { sleep, throwNotImplemented } from "./util.js";
import type { Validator } from "./validate.js";

/** What running a call needs: the faults to meet, the validator, and the method handlers. */
export interface CallHost {
  faults: Faults;
  validator: Validator;
  /** The handler of a method that passed validation, if the emulator implements it. */
  handler(method: string): MethodHandler | undefined;
  /** Called before anything else for every call (answer attempts are counted there). */
  before(method: string, params: Record<string, unknown>): void;
  /** Called whenever a call was recorded. */
  changed(): void;
}

/**
 * Runs calls, whatever they came through (HTTP or a webhook's answer): an
 * injected fault first, then validation against the spec and Telegram's
 * rules, then the method itself; and keeps the log of every answered call.
 */
export class Calls {
  readonly log: ApiCall[] = [];
  readonly listeners = new Set<(call: ApiCall) => void>();

  constructor(private readonly host: CallHost) {}

  /** Runs one call: fault injection, validation, Telegram's rules, state change. */
  async execute(method: string, body: ParsedBody, ctx: CallContext): Promise<Outcome> {
    let params: Record<string, unknown> = body.params;
    let outcome: Outcome;
    this.host.before(method, params);
    const fault = this.host.faults.take(method, params);
    if (fault?.delayMs !== undefined) await sleep(fault.delayMs);
    const illFormed = fault === undefined ? illFormedStrings(body.params) : undefined;
    if (fault?.dropConnection) {
      outcome = { kind: "drop" };
    } else if (fault?.resetConnection) {
      outcome = { kind: "reset" };
    } else if (fault?.hang) {
      outcome = { kind: "hang" };
    } else if (fault !== undefined && "body" in fault) {
      outcome = { kind: "raw", body: fault.body };
    } else if (illFormed !== undefined) {
      outcome = { kind: "error", error: illFormed };
    } else if (fault?.response !== undefined) {
      outcome = { kind: "error", error: faultError(fault.response) };
    } else {
      try {
        const validated = this.host.validator.validateMethod(method, body.params, body.form, body.files);
        params = validated.params;
        checkVisits(validated.visits, botApiSpec);
        const handler = this.host.handler(method) ?? throwNotImplemented(method);
        const result = await handler(params, ctx);
        outcome =
          result instanceof Described
            ? { kind: "ok", result: result.result, description: result.description }
            : { kind: "ok", result };
      } catch (err) {
        outcome = {
          kind: "error",
          error:
            err instanceof ApiError
              ? err
              : new ApiError(500, `Internal Server Error: emulator failure: ${String(err)}`),
        };
      }
    }
    if (ctx.res === undefined || (!ctx.res.destroyed && !ctx.res.writableEnded))
      this.record(method, params, outcome, ctx.source);
    return outcome;
  }

  /** Adds a call to the log and tells the listeners. */
  record(method: string, params: Record<string, unknown>, outcome: Outcome, source: ApiCall["source"]): void {
    const call: ApiCall = { method, params, ok: outcome.kind === "ok", at: Date.now(), source };
    if (outcome.kind === "ok") call.result = outcome.result;
    else if (outcome.kind === "error") {
      call.error = { error_code: outcome.error.errorCode, description: outcome.error.description };
      if (outcome.error.parameters !== undefined) call.error.parameters = outcome.error.parameters;
    } else {
      const what = {
        drop: "connection dropped",
        reset: "connection reset",
        hang: "no answer",
        raw: `answered ${JSON.stringify(outcome.kind === "raw" ? outcome.body : null)}`,
      }[outcome.kind];
      call.error = { error_code: 0, description: `${what} (injected fault)` };
    }
    this.log.push(call);
    for (const l of this.listeners) l(call);
    this.host.changed();
  }

  /** The last calls in a line, for the message of a wait that timed out. */
  summary(): string {
    return this.log
      .slice(-5)
      .map((c) => `${c.method} ${c.ok ? "ok" : `-> ${c.error?.error_code} ${c.error?.description}`}`)
      .join("; ");
  }
}

function faultError(r: NonNullable<FaultSpec["response"]>): ApiError {
  return new ApiError(
    r.error_code,
    r.description ?? defaultDescription(r.error_code, r.parameters?.retry_after),
    r.parameters,
  );
}
