import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { encodeCallback } from "../src/callback-data.js";
import { type Harness, startHarness, TestChat, testCatalog, tr } from "./harness.js";

const en = testCatalog().get("en");

describe("per-user flood limit", () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness({ deps: { rateLimit: { limit: 5, windowMs: 60_000 } } });
  });
  afterEach(async () => {
    expect(h.emu.errors).toEqual([]);
    await h.stop();
  });

  it("drops a flooder's excess updates without slowing anyone else", async () => {
    const flooder = new TestChat(h, h.emu.user({ first_name: "Flood" }));
    const calm = new TestChat(h, h.emu.user({ first_name: "Calm" }));
    for (let n = 0; n < 40; n++) flooder.post("/compare");
    const reply = await calm.send("/compare");
    expect(reply.text).toContain(tr("en", "overview-title"));
    await h.emu.waitUntilIdle();
    expect(flooder.botMessages()).toHaveLength(5);

    // Buttons over the limit are still answered, with a short toast.
    const message = flooder.botMessages()[0];
    if (message === undefined) throw new Error("no message");
    const section = encodeCallback({ kind: "section", locale: "en", section: en.sections[0]?.slug ?? "" });
    const id = h.emu.pressButton({ from: flooder.user, message }, section);
    const answer = await h.emu.waitForCallbackAnswer(id);
    expect(answer).toMatchObject({ count: 1, text: "Slow down a little, please: try again in a few seconds." });
    expect(calm.botMessages()).toHaveLength(1);

    // Typing an inline query sends one per keystroke: those are not limited.
    const row = en.rows.at(-1);
    const typed = row?.title ?? "";
    const ids = [...typed].map((_, n) => h.emu.inlineQuery({ from: flooder.user, query: typed.slice(0, n + 1) }));
    const last = await h.emu.waitForInlineAnswer(ids.at(-1) ?? "");
    expect(last.results[0]?.id).toBe(row?.slug);
    for (const id of ids) expect(h.emu.inlineAnswer(id)?.count).toBe(1);
  });
});
