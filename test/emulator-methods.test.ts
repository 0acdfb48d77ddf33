import { Api, GrammyError } from "grammy";
import type { User } from "grammy/types";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { BotApiEmulator } from "../emulator/index.js";

const MB = 1024 * 1024;

let emu: BotApiEmulator;
let api: Api;
let alice: User;

beforeEach(async () => {
  emu = await BotApiEmulator.start();
  api = new Api(emu.token, { apiRoot: emu.apiRoot });
  alice = emu.user({ first_name: "Alice", last_name: "Liddell" });
});

afterEach(async () => {
  await emu.close();
});

/** The error Telegram answers to a call, as `<code> <description>`. */
async function refusal(call: Promise<unknown>): Promise<string> {
  const err = await call.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(GrammyError);
  const e = err as GrammyError;
  return `${e.error_code} ${e.description}`;
}

describe("files users send, and getFile", () => {
  it("answers getFile up to 20 MB and 'file is too big' above, as the Bot API server counts a megabyte", async () => {
    const atLimit = emu.sendFile({ from: alice, size: 20 * MB, file_name: "report.pdf" });
    const over = emu.sendFile({ from: alice, size: 20 * MB + 1, file_name: "video.mp4" });
    expect(atLimit.document).toMatchObject({
      file_name: "report.pdf",
      mime_type: "application/pdf",
      file_size: 20 * MB,
    });
    const file = await api.getFile(atLimit.document?.file_id ?? "");
    expect(file).toMatchObject({ file_size: 20 * MB, file_unique_id: atLimit.document?.file_unique_id });
    expect(file.file_path).toMatch(/^documents\/file_\d+\.pdf$/);
    expect(await refusal(api.getFile(over.document?.file_id ?? ""))).toBe("400 Bad Request: file is too big");
    expect(await refusal(api.getFile("nonsense"))).toBe("400 Bad Request: invalid file_id");
  });

  it("serves a file under the limit for download, with its size", async () => {
    const sent = emu.sendFile({ from: alice, size: 3 * MB + 5 });
    const file = await api.getFile(sent.document?.file_id ?? "");
    const res = await fetch(`${emu.apiRoot}/file/bot${emu.token}/${file.file_path ?? ""}`);
    expect(res.status).toBe(200);
    expect((await res.arrayBuffer()).byteLength).toBe(3 * MB + 5);
  });

  it("sends photos of a given size, the largest size last", async () => {
    const sent = emu.sendFile({ from: alice, kind: "photo", size: 25 * MB, caption: "big" });
    const largest = sent.photo?.at(-1);
    expect(largest?.file_size).toBe(25 * MB);
    expect(sent.caption).toBe("big");
    expect(await refusal(api.getFile(largest?.file_id ?? ""))).toBe("400 Bad Request: file is too big");
    await expect(api.getFile(sent.photo?.[0]?.file_id ?? "")).resolves.toMatchObject({ file_size: 1_638_400 });
  });

  it("delivers a file in a group with privacy mode only when its caption mentions the bot", () => {
    const group = emu.group();
    const seen: number[] = [];
    emu.onUpdate((u) => void (u.message !== undefined && seen.push(u.message.message_id)));
    emu.sendFile({ from: alice, chat: group, size: 10 });
    const mentioned = emu.sendFile({ from: alice, chat: group, size: 10, caption: "@compare_test_bot look" });
    expect(seen).toEqual([mentioned.message_id]);
    expect(mentioned.caption_entities).toEqual([{ type: "mention", offset: 0, length: 17 }]);
  });
});

describe("group members", () => {
  it("counts the members, lists the admins and answers for one member, but has no call for the list", async () => {
    const group = emu.group({ type: "supergroup" });
    const bob = emu.user({ first_name: "Bob" });
    emu.addMember(group.id, alice, "creator");
    emu.addMember(group.id, undefined, "member", 40);
    emu.sendMessage({ from: bob, chat: group, text: "hello" });
    expect(await api.getChatMemberCount(group.id)).toBe(43);
    expect((await api.getChatAdministrators(group.id)).map((m) => [m.status, m.user.first_name])).toEqual([
      ["creator", "Alice"],
    ]);
    expect(await api.getChatMember(group.id, bob.id)).toMatchObject({ status: "member", user: { id: bob.id } });
    const carol = emu.user({ first_name: "Carol" });
    expect(await api.getChatMember(group.id, carol.id)).toMatchObject({ status: "left" });
    expect(await refusal(api.getChatMember(group.id, 42))).toBe("400 Bad Request: user not found");
    const list = await fetch(`${emu.apiRoot}/bot${emu.token}/getChatMembers?chat_id=${group.id}`);
    expect(await list.json()).toEqual({ ok: false, error_code: 404, description: "Not Found" });
  });

  it("lists the bot among the admins once promoted, with the rights of ChatMemberAdministrator", async () => {
    const group = emu.group();
    expect(await api.getChatMember(group.id, emu.botInfo.id)).toMatchObject({ status: "member" });
    emu.setBotAdmin(group.id, true);
    const [bot] = await api.getChatAdministrators(group.id);
    expect(bot).toMatchObject({
      status: "administrator",
      user: { id: emu.botInfo.id, is_bot: true },
      can_be_edited: false,
      is_anonymous: false,
      can_delete_messages: true,
      can_promote_members: false,
    });
    expect(bot).not.toHaveProperty("can_manage_topics");
  });

  it("answers as Telegram does in a private chat", async () => {
    emu.sendMessage({ from: alice, text: "/start" });
    expect(await api.getChatMemberCount(alice.id)).toBe(2);
    expect(await refusal(api.getChatAdministrators(alice.id))).toBe(
      "400 Bad Request: there are no administrators in the private chat",
    );
    expect(await api.getChatMember(alice.id, alice.id)).toMatchObject({ status: "member" });
  });
});

describe("reactions and copies", () => {
  it("lets a bot set one reaction, refuses two and emoji outside the spec's list", async () => {
    const msg = emu.sendMessage({ from: alice, text: "react to this" });
    expect(
      await refusal(
        api.setMessageReaction(alice.id, msg.message_id, [
          { type: "emoji", emoji: "👍" },
          { type: "emoji", emoji: "🔥" },
        ]),
      ),
    ).toBe("400 Bad Request: REACTIONS_TOO_MANY");
    expect(emu.reactions(alice.id, msg.message_id)).toEqual([]);
    await api.setMessageReaction(alice.id, msg.message_id, [{ type: "emoji", emoji: "👍" }]);
    expect(emu.reactions(alice.id, msg.message_id)).toEqual([{ type: "emoji", emoji: "👍" }]);
    expect(
      await refusal(
        api.raw.setMessageReaction({
          chat_id: alice.id,
          message_id: msg.message_id,
          reaction: [{ type: "emoji", emoji: "🦆" }],
        } as never),
      ),
    ).toBe("400 Bad Request: REACTION_INVALID");
    expect(await refusal(api.setMessageReaction(alice.id, 999, []))).toBe(
      "400 Bad Request: message to react not found",
    );
    await api.setMessageReaction(alice.id, msg.message_id, []);
    expect(emu.reactions(alice.id, msg.message_id)).toEqual([]);
  });

  it("copies a message by its ID and answers with the new ID only", async () => {
    const group = emu.group();
    const bob = emu.user({ first_name: "Bob" });
    const original = emu.sendMessage({ from: bob, chat: group, text: "not for the bot, https://example.com" });
    const copy = await api.copyMessage(group.id, group.id, original.message_id);
    expect(Object.keys(copy)).toEqual(["message_id"]);
    const stored = emu.chatMessages(group.id).find((m) => m.message_id === copy.message_id);
    expect(stored).toMatchObject({ text: original.text, entities: original.entities, from: { id: emu.botInfo.id } });
    expect(await refusal(api.copyMessage(group.id, group.id, 999))).toBe("400 Bad Request: message to copy not found");
    expect(await refusal(api.copyMessage(group.id, -42, 1))).toBe("400 Bad Request: chat not found");
  });

  it("copies a document with a new caption", async () => {
    emu.sendMessage({ from: alice, text: "/start" });
    const file = emu.sendFile({ from: alice, size: 100, file_name: "a.txt", caption: "old" });
    const copy = await api.copyMessage(alice.id, alice.id, file.message_id, {
      caption: "<b>new</b>",
      parse_mode: "HTML",
    });
    const stored = emu.chatMessages(alice.id).find((m) => m.message_id === copy.message_id);
    expect(stored).toMatchObject({
      document: file.document,
      caption: "new",
      caption_entities: [{ type: "bold", offset: 0, length: 3 }],
    });
  });
});

describe("shared contacts", () => {
  it("sends the user's own contact, with their user_id, as a request_contact button does", () => {
    const seen: unknown[] = [];
    emu.onUpdate((u) => void seen.push(u.message?.contact));
    const msg = emu.shareContact({ from: alice });
    expect(msg.contact).toEqual({
      phone_number: expect.stringMatching(/^99966\d{5}$/) as string,
      first_name: "Alice",
      last_name: "Liddell",
      user_id: alice.id,
    });
    expect(seen).toEqual([msg.contact]);
  });
});

describe("getWebhookInfo while polling", () => {
  it("counts the updates not yet confirmed, and has no URL", async () => {
    emu.sendMessage({ from: alice, text: "one" });
    emu.sendMessage({ from: alice, text: "two" });
    const info = await api.getWebhookInfo();
    expect(info).toEqual({ url: "", has_custom_certificate: false, pending_update_count: 2 });
  });
});
