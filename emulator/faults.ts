import type { FaultSpec, InjectedFault } from "./types.js";

interface FaultState {
  spec: FaultSpec;
  remaining: number;
  hits: number;
}

/** Failures injected into the calls that match them (see {@link FaultSpec}). */
export class Faults {
  private readonly faults: FaultState[] = [];

  /** @param changed called when a fault is used up, as the emulator's state changed */
  constructor(private readonly changed: () => void) {}

  /** Makes the next matching call(s) fail, hang or drop the connection. */
  inject(spec: FaultSpec): InjectedFault {
    const state: FaultState = { spec, remaining: spec.times ?? 1, hits: 0 };
    this.faults.push(state);
    const faults = this.faults;
    return {
      get hits() {
        return state.hits;
      },
      get remaining() {
        return state.remaining;
      },
      cancel() {
        state.remaining = 0;
        const i = faults.indexOf(state);
        if (i >= 0) faults.splice(i, 1);
      },
    };
  }

  /** The fault a call meets, if any; it counts as a hit. */
  take(method: string, params: Record<string, unknown>): FaultSpec | undefined {
    const i = this.faults.findIndex(
      (f) =>
        f.remaining > 0 &&
        f.spec.method.toLowerCase() === method.toLowerCase() &&
        (f.spec.chatId === undefined || String(params.chat_id) === String(f.spec.chatId)),
    );
    const f = this.faults[i];
    if (f === undefined) return undefined;
    f.hits++;
    f.remaining--;
    if (f.remaining <= 0) this.faults.splice(i, 1);
    this.changed();
    return f.spec;
  }
}
