import { type Bot, InputFile } from "grammy";

declare const bot: Bot;
declare const businessConnectionId: string; // with the can_manage_stories right

// A bot posts stories only on behalf of a business account that allows it.
await bot.api.postStory(businessConnectionId, { type: "photo", photo: new InputFile("story.jpg") }, 86400, {});
