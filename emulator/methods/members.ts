import type { ChatMember, User } from "grammy/types";
import type { ChatState } from "../types.js";
import { badRequest } from "../errors.js";
import { botApiSpec } from "../spec.js";
import type { EmulatorCore } from "./core.js";

/** A member's place in a group, as {@link BotApiEmulator.addMember} sets it. */
export type MemberRole = "creator" | "administrator" | "member";

/** Who is in a group besides those who wrote there. */
interface Roster {
  roles: Map<number, MemberRole>;
  /** Members nobody has seen: they count, but no method names them. */
  silent: number;
}

/**
 * The rights of an administrator that are not set otherwise: what a Telegram
 * app gives a new admin by default. Adding admins stays off, and so does
 * staying anonymous.
 */
const DEFAULT_RIGHTS: Record<string, boolean> = {
  can_manage_chat: true,
  can_delete_messages: true,
  can_manage_video_chats: true,
  can_restrict_members: true,
  can_promote_members: false,
  can_change_info: true,
  can_invite_users: true,
  can_post_stories: true,
  can_edit_stories: true,
  can_delete_stories: true,
  can_pin_messages: true,
};

/** Every field of ChatMemberAdministrator that is a right (`can_…` or `is_anonymous`), from the spec. */
const ADMIN_FIELDS = (botApiSpec.types.ChatMemberAdministrator?.fields ?? []).filter(
  (f) => f.types.includes("Boolean") && f.name !== "can_be_edited",
);

/**
 * The members of groups: getChatMemberCount, getChatAdministrators and
 * getChatMember. A group's members are the users who wrote in it, those
 * added with {@link add}, a number of silent members, and the bot itself
 * (an administrator when the group was made with `botIsAdmin` or it was
 * promoted). There is no method for the whole list, as on Telegram.
 */
export class Members {
  private readonly rosters = new Map<number, Roster>();

  constructor(private readonly core: EmulatorCore) {}

  /** Makes `user` a member of a group with a role; `silent` adds members nobody sees. */
  add(chatId: number, user: User | undefined, role: MemberRole = "member", silent = 0): void {
    const state = this.core.chat(chatId);
    if (state === undefined || state.chat.type === "private") throw new Error(`emulator: no group ${chatId}`);
    const roster = this.roster(chatId);
    if (user !== undefined) {
      if (role === "creator") for (const [id, r] of roster.roles) if (r === "creator") roster.roles.set(id, "member");
      roster.roles.set(user.id, role);
    }
    roster.silent += silent;
  }

  /** Promotes the bot to administrator of a group, or demotes it. */
  setBotAdmin(chatId: number, isAdmin: boolean): void {
    const state = this.core.chat(chatId);
    if (state === undefined || state.chat.type === "private") throw new Error(`emulator: no group ${chatId}`);
    state.botIsAdmin = isAdmin;
  }

  getChatMemberCount(params: Record<string, unknown>): number {
    const state = this.core.resolveChat(params.chat_id);
    if (state.chat.type === "private") return state.chat.id === this.core.botInfo.id ? 1 : 2;
    return this.memberIds(state).size + 1 + (this.rosters.get(state.chat.id)?.silent ?? 0);
  }

  getChatAdministrators(params: Record<string, unknown>): ChatMember[] {
    const state = this.core.resolveChat(params.chat_id);
    if (state.chat.type === "private") throw badRequest("there are no administrators in the private chat");
    const roles = this.rosters.get(state.chat.id)?.roles ?? new Map<number, MemberRole>();
    const admins: ChatMember[] = [];
    for (const [userId, role] of roles) {
      const user = this.core.knownUser(userId);
      if (user !== undefined && role !== "member") admins.push(this.member(state, user, role));
    }
    // The bot that asks is always listed when it is an admin; other bots only with return_bots.
    if (state.botIsAdmin) admins.push(this.member(state, this.core.botUser, "administrator"));
    return admins;
  }

  getChatMember(params: Record<string, unknown>): ChatMember {
    const state = this.core.resolveChat(params.chat_id);
    const userId = typeof params.user_id === "number" ? params.user_id : NaN;
    if (userId === this.core.botInfo.id)
      return this.member(state, this.core.botUser, state.botIsAdmin ? "administrator" : "member");
    const user = this.core.knownUser(userId);
    if (user === undefined) throw badRequest("user not found");
    if (state.chat.type === "private")
      return state.chat.id === userId ? this.member(state, user, "member") : left(user);
    const role = this.rosters.get(state.chat.id)?.roles.get(userId);
    if (role !== undefined) return this.member(state, user, role);
    return this.memberIds(state).has(userId) ? this.member(state, user, "member") : left(user);
  }

  private roster(chatId: number): Roster {
    let roster = this.rosters.get(chatId);
    if (roster === undefined) this.rosters.set(chatId, (roster = { roles: new Map(), silent: 0 }));
    return roster;
  }

  /** Users who wrote in the group or were added to it; the bot not included. */
  private memberIds(state: ChatState): Set<number> {
    const ids = new Set(this.rosters.get(state.chat.id)?.roles.keys() ?? []);
    for (const m of state.messages) if (m.from !== undefined && m.from.id !== this.core.botInfo.id) ids.add(m.from.id);
    return ids;
  }

  private member(state: ChatState, user: User, role: MemberRole): ChatMember {
    const u = structuredClone(user);
    if (role === "creator") return { status: "creator", user: u, is_anonymous: false };
    if (role === "member") return { status: "member", user: u };
    const rights: Record<string, unknown> = { status: "administrator", user: u, can_be_edited: false };
    for (const f of ADMIN_FIELDS) {
      const value = f.name === "is_anonymous" ? false : DEFAULT_RIGHTS[f.name];
      if (value !== undefined) rights[f.name] = value;
      else if (f.required) rights[f.name] = false;
    }
    // Topics exist in supergroups only.
    if (state.chat.type === "supergroup" && ADMIN_FIELDS.some((f) => f.name === "can_manage_topics"))
      rights.can_manage_topics = false;
    return rights as unknown as ChatMember;
  }
}

function left(user: User): ChatMember {
  return { status: "left", user: structuredClone(user) };
}
