import type { TelegramClient } from "telegram";

declare const client: TelegramClient; // logged in over MTProto

// Over MTProto the file comes in parts with upload.getFile, whatever its size.
const [message] = await client.getMessages("@some_chat", { ids: [42] });
const data = message === undefined ? undefined : await client.downloadMedia(message);
console.log(data?.length);
