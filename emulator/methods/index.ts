import type { ServerResponse } from "node:http";
import type { EmulatorCore, MethodContext, MethodHandler, MethodTable } from "./core.js";
import { UserFiles } from "./files.js";
import { Members } from "./members.js";
import { MessageActions } from "./messages.js";

export { Described, type EmulatorCore, type MethodContext, type MethodHandler, type MethodTable } from "./core.js";
export { DOWNLOAD_LIMIT, MB, type UserFileOptions } from "./files.js";
export type { MemberRole } from "./members.js";
export type { ShareContactOptions } from "./messages.js";

/**
 * The methods kept apart from the emulator's own file, each area in its own
 * file: files users send and getFile, group members, reactions, copies and
 * shared contacts. The emulator asks {@link handler} first for every call
 * that passed validation.
 */
export class EmulatorMethods {
  readonly files: UserFiles;
  readonly members: Members;
  readonly messages: MessageActions;
  private readonly table: ReadonlyMap<string, MethodHandler>;

  constructor(core: EmulatorCore) {
    this.files = new UserFiles(core);
    this.members = new Members(core);
    this.messages = new MessageActions(core);
    this.table = new Map<string, MethodHandler>([
      ["getFile", (p) => this.files.getFile(p)],
      ["getChatMemberCount", (p) => this.members.getChatMemberCount(p)],
      ["getChatAdministrators", (p) => this.members.getChatAdministrators(p)],
      ["getChatMember", (p) => this.members.getChatMember(p)],
      ["setMessageReaction", (p) => this.messages.setMessageReaction(p)],
      ["copyMessage", (p) => this.messages.copyMessage(p)],
    ]);
  }

  /** These methods as a table. */
  get methods(): MethodTable {
    return Object.fromEntries(this.table);
  }

  /** The handler of a method (its name as the spec spells it), if one of these files has it. */
  handler(method: string): ((params: Record<string, unknown>, ctx: MethodContext) => unknown) | undefined {
    return this.table.get(method);
  }

  /** Serves a download of a file users sent; false when `path` is none of theirs. */
  serveFile(path: string, res: ServerResponse): boolean {
    return this.files.serve(path, res);
  }
}
