import type { UserFromGetMe } from "grammy/types";
import type { EmulatorOptions } from "./types.js";

const DEFAULT_TOKEN = "123456:TEST-token_abcdefghijklmnopqrstuvwxyz";
const TOKEN_RE = /^(\d+):[A-Za-z0-9_-]{30,}$/;

/** {@link EmulatorOptions} with the defaults filled in, and the bot they describe. */
export interface EmulatorConfig {
  token: string;
  botInfo: UserFromGetMe;
  inlineFeedback: boolean;
  privacyMode: boolean;
  queryTimeoutMs: number;
  webhookRetryMs: number;
  webhookTimeoutMs: number;
  extraFields: Record<string, string[]>;
}

/** Reads the options; throws on a token Telegram would never issue. */
export function configure(options: EmulatorOptions): EmulatorConfig {
  const token = options.token ?? DEFAULT_TOKEN;
  const m = TOKEN_RE.exec(token);
  if (!m) throw new Error(`invalid bot token "${token}": expected <digits>:<at least 30 of A-Z a-z 0-9 _ ->`);
  const privacyMode = options.privacyMode ?? true;
  return {
    token,
    botInfo: {
      id: Number(m[1]),
      is_bot: true,
      first_name: options.botFirstName ?? "Compare Test Bot",
      username: options.botUsername ?? "compare_test_bot",
      can_join_groups: true,
      can_read_all_group_messages: !privacyMode,
      supports_inline_queries: options.supportsInlineQueries ?? true,
      can_connect_to_business: false,
      has_main_web_app: false,
      has_topics_enabled: false,
      allows_users_to_create_topics: false,
      can_manage_bots: false,
      supports_join_request_queries: false,
    },
    inlineFeedback: options.inlineFeedback ?? false,
    privacyMode,
    queryTimeoutMs: options.queryTimeoutMs ?? 15_000,
    webhookRetryMs: options.webhookRetryMs ?? 200,
    webhookTimeoutMs: options.webhookTimeoutMs ?? 5_000,
    extraFields: options.extraFields ?? {},
  };
}
