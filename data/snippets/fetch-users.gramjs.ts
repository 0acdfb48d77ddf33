import { Api, type TelegramClient } from "telegram";

declare const client: TelegramClient; // logged in over MTProto

const [user] = await client.invoke(new Api.users.GetUsers({ id: ["@durov"] }));
const full = await client.invoke(new Api.users.GetFullUser({ id: "@durov" }));
console.log(user?.id, full.fullUser.about);
