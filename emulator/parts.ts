import type { Server } from "node:http";
import { UserActions } from "./actions.js";
import { Activity } from "./activity.js";
import { Calls } from "./calls.js";
import type { EmulatorConfig } from "./config.js";
import { ApiError } from "./errors.js";
import { Faults } from "./faults.js";
import { HttpFront } from "./http.js";
import { MediaMethods } from "./media.js";
import type { MethodHandler } from "./methods/core.js";
import { Editing } from "./methods/editing.js";
import { EmulatorMethods } from "./methods/index.js";
import { Queries } from "./methods/queries.js";
import { Sending } from "./methods/sending.js";
import { Settings } from "./methods/settings.js";
import { ConnectionCutter } from "./network.js";
import { Photos } from "./photos.js";
import { botApiSpec } from "./spec.js";
import type { ChatState, StoredMessage } from "./types.js";
import { Updates } from "./updates.js";
import { type UploadedFile, Validator } from "./validate.js";
import { Webhooks } from "./webhooks.js";
import { World } from "./world.js";

/** The parts of an emulator, wired to each other; {@link BotApiEmulator} is their facade. */
export interface EmulatorParts {
  config: EmulatorConfig;
  activity: Activity;
  world: World;
  updates: Updates;
  webhooks: Webhooks;
  calls: Calls;
  http: HttpFront;
  cutter: ConnectionCutter;
  faults: Faults;
  actions: UserActions;
  settings: Settings;
  /** Files users sent, group members, reactions, copies and contacts (methods/index.ts). */
  extra: EmulatorMethods;
}

/**
 * Builds the parts of an emulator serving on `server`: the world, the method
 * tables of every area in one map, the calls that run them, the HTTP front,
 * and the updates with their polling and webhook delivery.
 */
export function assemble(server: Server, config: EmulatorConfig): EmulatorParts {
  // Parts that need each other before all exist reach them through `parts`.
  const parts = { config } as EmulatorParts;
  const activity = new Activity(
    {
      undelivered: () => parts.updates.undelivered,
      inFlight: () => parts.http.inflight + parts.webhooks.deliveries + parts.webhooks.replies,
    },
    () => parts.calls.summary(),
  );
  const updates = new Updates(activity, {
    allowedUpdates: () => parts.webhooks.allowedUpdates,
    webhookSet: () => parts.webhooks.isSet,
    pump: () => parts.webhooks.pump(),
  });
  const photos = new Photos();
  const world = new World(config.botInfo, config.privacyMode, photos, (body) => updates.enqueue(body));
  const sending = new Sending(world, photos);
  const media = new MediaMethods<ChatState, StoredMessage>({
    resolveChat: (chatId) => world.resolveChat(chatId),
    formatCaption: (raw, p) => world.formatCaption(raw, p),
    resolveReply: (state, rp) => world.resolveReply(state, rp),
    photoFrom: (value, files) => photos.from(value, files),
    send: (state, content, extra) => sending.sendMedia(state, content, extra),
  });
  const queries = new Queries(world, photos, media, config.queryTimeoutMs);
  const settings = new Settings(world);
  const extra = new EmulatorMethods(world);
  const validator = new Validator(botApiSpec, config.extraFields);
  const faults = new Faults(() => activity.changed());
  const webhooks = new Webhooks(
    updates,
    activity,
    { timeoutMs: config.webhookTimeoutMs, retryMs: config.webhookRetryMs },
    async (name, params) => {
      const method = validator.resolveMethod(name);
      if (method === undefined) {
        calls.record(name, params, { kind: "error", error: new ApiError(404, "Not Found") }, "webhook-reply");
        return;
      }
      const files = new Map<string, UploadedFile>();
      await calls.execute(method, { params, form: false, files }, { files, source: "webhook-reply" });
    },
  );
  // One table of every method the emulator implements; methods/index.ts comes last and wins, as it always has.
  const table = new Map<string, MethodHandler>(
    Object.entries({
      ...updates.methods,
      ...webhooks.methods,
      ...settings.methods,
      ...sending.methods(media),
      ...new Editing(world, photos).methods,
      ...queries.methods,
      ...extra.methods,
    }),
  );
  const calls = new Calls({
    faults,
    validator,
    handler: (method) => table.get(method),
    before: (method, params) => queries.countAttempt(method, params),
    changed: () => activity.changed(),
  });
  // Watches connections, so that an outage can cut them.
  const cutter = new ConnectionCutter(server);
  const http = new HttpFront(server, {
    token: config.token,
    validator,
    calls,
    activity,
    serveFile: (path, res) => extra.serveFile(path, res) || photos.serve(path, res),
  });
  const actions = new UserActions(world, config.inlineFeedback);
  return Object.assign(parts, {
    activity,
    world,
    updates,
    webhooks,
    calls,
    http,
    cutter,
    faults,
    actions,
    settings,
    extra,
  });
}
