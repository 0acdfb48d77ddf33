import { Api, type TelegramClient } from "telegram";

declare const client: TelegramClient; // logged in as a user

// A user account lists its dialogs; messages.getDialogs is not open to bots.
const dialogs = await client.invoke(new Api.messages.GetDialogs({ offsetPeer: new Api.InputPeerEmpty(), limit: 100 }));
if (!(dialogs instanceof Api.messages.DialogsNotModified)) console.log(dialogs.dialogs.length);
