import { Api, type TelegramClient } from "telegram";

declare const client: TelegramClient; // logged in as a user (an admin)

// The admin log of a supergroup or channel: for admins on a user account.
const log = await client.invoke(new Api.channels.GetAdminLog({ channel: "@some_supergroup", q: "", limit: 50 }));
console.log(log.events.length);
