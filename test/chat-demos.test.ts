import { describe, expect, it } from "vitest";
import { chatBlocks, pipeChat } from "./support/chat-run.js";

describe("the demonstrations through npm run chat", { timeout: 60_000 }, () => {
  it("sends files of chosen sizes, shares a contact, reacts and shows the updates, in a private chat", async () => {
    const run = await pipeChat([
      ":file 30MB backup.zip",
      ":file 1.5MB notes.pdf",
      ":photo",
      "/whoami",
      "k1",
      "/react",
      "/updates",
    ]);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe("");
    const [big, small, photo, whoami, contact, react, updates, ...rest] = chatBlocks(run.stdout);
    expect(rest).toEqual([]);
    expect(big?.output).toMatch(
      /^\(you sent backup\.zip, 30 MB · msg 1\)\n✖ getFile: 400 Bad Request: file is too big\nbot · msg 2\n/,
    );
    expect(big?.output).toContain("You sent backup.zip, 30 MB (31,457,280 bytes), application/zip");
    expect(small?.output).toContain("✅ getFile: file_path documents/file_");
    expect(small?.output).toContain("You sent notes.pdf, 1.5 MB (1,572,864 bytes), application/pdf");
    expect(photo?.output).toContain("You sent a photo, 2 MB");
    expect(whoami?.output).toContain('"first_name": "Alice"');
    expect(whoami?.output).toContain("  ⌨ [k1] 📱 Share my phone number (shares your phone number)");
    expect(contact?.output).toMatch(/^\(you shared your contact, 99966\d+ · msg \d+\)\n/);
    expect(contact?.output).toContain("It is yours: its user_id is your ID.");
    expect(contact?.output).toContain("(the bot removed its keyboard)");
    expect(react?.output).toMatch(
      /^\(the bot reacted 👍 to msg \d+\)\n✖ setMessageReaction: 400 Bad Request: REACTIONS_TOO_MANY\n/,
    );
    expect(updates?.output).toContain("I fetch updates with getUpdates (long polling).");
  });

  it("shows what the bot sees in a group, a reply it never got, and a file asked for with a force reply", async () => {
    const run = await pipeChat([
      ":group",
      "/whatcanyousee",
      ":as Bob lunch at noon?",
      ":reply 3 @compare_test_bot",
      "/file",
      ":file 25MB movie.mp4",
      ":promote",
      "/whatcanyousee",
    ]);
    expect(run.code).toBe(0);
    const [, report, bob, reply, prompt, file, , admin] = chatBlocks(run.stdout);
    expect(report?.output).toContain("👀 What I can see in Test group");
    expect(report?.output).toContain("I am a member here, without admin rights.");
    expect(report?.output).toContain("• Alice (owner)");
    expect(bob?.output).toContain("(Bob · msg 3: lunch at noon?)\n(the bot does not get this message");
    expect(reply?.output).toMatch(
      /^bot · msg 5 · reply to 4\nlunch at noon\?\nbot · msg 6 · reply to 4\n↩️ The message you replied to\n/,
    );
    expect(reply?.output).toContain('"first_name": "Bob"');
    expect(prompt?.output).toContain("(the bot asks for a reply: your next message here answers msg 8)");
    expect(file?.output).toMatch(
      /^\(as a reply to msg 8: the bot asked for one\)\n\(you sent movie\.mp4, 25 MB · msg 9\)\n/,
    );
    expect(file?.output).toContain("file is too big");
    expect(admin?.output).toContain("As an admin I get every message here anyway.");
    expect(admin?.output).toContain("• Compare Test Bot (me)");
  });

  it("answers in Russian after :lang ru", async () => {
    const run = await pipeChat([":lang ru", ":file 21MB", "/react"]);
    expect(run.code).toBe(0);
    const [, file, react] = chatBlocks(run.stdout);
    expect(file?.output).toContain("Вы прислали file.bin, 21 МБ");
    expect(file?.output).toContain("Через Bot API бот скачивает файлы до 20 МБ.");
    expect(react?.output).toContain("Бот ставит одну реакцию на сообщение");
  });
});
