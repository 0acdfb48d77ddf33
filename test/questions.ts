/**
 * Messages that are no question about the reference: greetings, thanks,
 * nonsense and questions about something else. The bot must answer them
 * with a pointer to what it does, never with a row. (Questions that a row
 * answers are built from the rows themselves, so that they hold whatever
 * the rows are.)
 */
export const NOT_QUESTIONS: readonly string[] = [
  "hello",
  "hi there!",
  "thanks a lot",
  "thank you!",
  "what's the weather today",
  "how do I make pizza",
  "asdfghjkl",
  "🙂🙂🙂",
  "?",
  "ok",
  "who are you",
  "tell me a joke",
  "привет",
  "спасибо большое!",
  "как дела",
  "какая погода завтра",
];
