import { Api, type TelegramClient } from "telegram";

declare const client: TelegramClient; // logged in over MTProto

const resolved = await client.invoke(new Api.contacts.ResolveUsername({ username: "durov" }));
console.log(resolved.peer, resolved.users.length);
