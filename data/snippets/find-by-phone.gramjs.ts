import { Api, type TelegramClient } from "telegram";

declare const client: TelegramClient; // logged in as a user

// A user account resolves a number, if that person's privacy settings allow it.
const found = await client.invoke(new Api.contacts.ResolvePhone({ phone: "+15550100000" }));
console.log(found.peer);
