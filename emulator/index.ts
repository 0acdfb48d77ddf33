export {
  BotApiEmulator,
  type ApiCall,
  type CallbackAnswer,
  type EmulatorOptions,
  type FaultSpec,
  type InjectedFault,
  type InlineAnswer,
  type InlineMessage,
  type MessageContent,
  type PressTarget,
  type ReplyKeyboard,
  type StoredMessage,
} from "./emulator.js";
export type { IdleOptions, WaitOptions } from "./activity.js";
export { ApiError, type ResponseParameters } from "./errors.js";
export { botApiSpec, type BotApiSpec, type SpecField, type SpecMethod, type SpecType } from "./spec.js";
export { UploadedFile } from "./validate.js";
