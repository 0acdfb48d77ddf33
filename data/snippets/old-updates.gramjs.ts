import { Api, type TelegramClient } from "telegram";

declare const client: TelegramClient; // logged in over MTProto

// The library saves pts, qts and date; what happened since comes from updates.getDifference.
const state = await client.invoke(new Api.updates.GetState());
// … later, after a restart, with the state saved:
const difference = await client.invoke(
  new Api.updates.GetDifference({ pts: state.pts, date: state.date, qts: state.qts }),
);
console.log(difference.className);
