import { type Bot, InputFile } from "grammy";

declare const bot: Bot;
declare const ownerId: number; // the user the set belongs to

await bot.api.createNewStickerSet(ownerId, `cats_by_${bot.botInfo.username}`, "Cats", [
  { sticker: new InputFile("cat.webp"), format: "static", emoji_list: ["🐱"] },
]);
