import { Bot } from "grammy";

// Once: log out of api.telegram.org, then point the bot at your own server.
await new Bot(process.env.BOT_TOKEN ?? "").api.logOut();
const bot = new Bot(process.env.BOT_TOKEN ?? "", {
  client: { apiRoot: "http://localhost:8081" }, // telegram-bot-api --local
});
bot.on("message:document", async (ctx) => {
  const file = await ctx.getFile(); // no 20 MB limit; file_path is a local path
  console.log(file.file_path);
});
