# Every user-facing string of the bot, in English.
# The matrix rows themselves live in data/matrix.en.yaml.

## Bot profile (set with setMyCommands / setMyDescription at start)

command-start = What this bot is and how to use it
command-compare = Compare the Bot API with the Telegram API
command-help = How to use the bot
command-about = Sources and credits
command-choose = Which API does my project need?
command-cancel = Stop the /choose questions
profile-description =
    Can a Telegram bot do that, or do you need a user client?
    I compare the Bot API with the Telegram API (MTProto), feature by feature: fetching messages and users, file sizes, group members, missed updates and running several programs.
profile-short-description = Bot API or Telegram API? What a bot can and cannot do, feature by feature.

## Marks for how far a side goes

ability-yes = can
ability-partly = with limits
ability-no = cannot

## /start and /help

start-title = Bot API or Telegram API?
start-body =
    A bot talks to Telegram through the Bot API; apps and userbots use the Telegram API (MTProto). I show what a bot cannot do that a client can, one feature at a time.
start-how = How to use me:
start-how-compare = /compare lists the features; tap one for its details.
start-how-words = /compare files jumps straight to a feature.
start-how-inline = In any chat, type { $mention } and a few words to share a feature there.
start-how-ask = Ask me in your own words, such as “can my bot read old messages?”
start-how-choose = /choose asks a few questions and tells you which API your project needs.
start-how-table = /table shows the whole matrix as one picture.
start-button-browse = 📋 Browse the features
start-button-inline = 🔎 Try inline
help-title = How to use this bot
help-body =
    /compare shows every feature with a short verdict. Tap one to open its card, then use ◀ and ▶ to move between features.
    /compare <words> opens the best match, for example /compare members.
    In any chat, type { $mention } and a few words; pick a result to post its card there. Its buttons keep working for everyone.
    Ask in your own words, such as “how big a file can a bot download?”, and I answer with the feature that fits.
    /choose asks a few yes/no questions and tells you which API your project needs; /cancel stops it.
    /table sends the whole matrix as one picture; /language switches between English and Russian.
    /about lists the sources.

## /about

about-title = About this bot
about-body = The facts come from the table “{ $table }” in the Telegram Bot Handbook (Papercraft) by Artem Ivanov; the table itself is by @vanutp. The text here is our own wording of it, shared under CC BY-NC 4.0 like the book.
about-source = Source page
about-see-also = Read further:
about-license = Licence: CC BY-NC 4.0

## /compare overview

overview-title = Bot API vs Telegram API
overview-legend = ✅ a bot can · ⚠️ only with limits · ❌ a bot cannot
overview-hint = Tap a feature to see both sides.
overview-button-inline = 🔎 Search inline

## Feature card

card-bot-api = 🤖 Bot API
card-telegram-api = 👤 Telegram API
card-position = { $position }/{ $total }
card-button-previous = ◀ Previous
card-button-next = Next ▶
card-button-overview = ☰ All features
card-button-share = ↗ Share
card-read-more = 📖 { $label }

## /compare <words>

nothing-found = Nothing in the matrix matches “{ $query }”.
nothing-found-hint = These might be what you are after, or open the full list with /compare:
nothing-found-all = Here is everything the matrix covers:

## Inline mode

inline-nothing-found = Nothing matches. Open the bot

## Buttons

callback-outdated = This button is outdated.

## Free-text questions

ask-runner-up = 🤔 Or: { $title }
ask-unsure = I am not sure which feature you mean. These come closest:
ask-unsure-hint = Or see them all with /compare.
smalltalk =
    Hi! I answer questions about what a Telegram bot can do compared with a user client on the Telegram API.
    Ask in your own words, open /compare, type { $mention } in any chat, or let /choose find the API your project needs.
smalltalk-button-choose = 🧭 Which API do I need?

## /choose advisor

advisor-title = Which API does your project need?
advisor-progress = Question { $step } of { $total }
advisor-yes = Yes
advisor-no = No
advisor-unsure = Not sure
advisor-back = ◀ Back
advisor-cancel = ✖ Cancel
advisor-use-buttons = Please answer with the buttons under the question, or send /cancel to stop.
advisor-cancelled = Cancelled. Send /choose whenever you want to start again.
advisor-closed = This question is closed.
advisor-left = You left the questions. Send /choose to start again.
advisor-telegram-title = Your project needs the Telegram API (MTProto)
advisor-telegram-because = Only the Telegram API does what you need:
advisor-telegram-how = Use an MTProto library such as mtcute or GramJS for JavaScript. It needs an api_id and api_hash from my.telegram.org; a bot account can still log in there with its token.
advisor-bot-title = The Bot API is enough
advisor-bot-because = None of its limits stands in your way.
advisor-bot-how = It is the simpler choice: plain HTTPS requests, webhooks, and libraries such as grammY.
advisor-unsure-list = Worth checking, as you were not sure:
advisor-read-more = read more
advisor-start-over = 🔁 Start over
advisor-open-card = 📄 { $title }
advisor-private-only = I ask the /choose questions in a private chat, so the group is not flooded.
advisor-open-private = 🧭 Ask me privately
cancel-nothing = There is nothing to cancel.

## /language

command-language = Choose the bot's language
language-name = 🇬🇧 English
language-auto = 🌐 As in my Telegram app
language-prompt = Which language should I speak? Right now it is { $current }.
language-set = Done: I speak { $language } now.
language-set-auto = Done: I follow your Telegram app's language now.

## Errors

state-unavailable = Sorry, I cannot do that right now: my memory is temporarily unavailable. /compare and inline mode still work.
rate-limited = Slow down a little, please: try again in a few seconds.

## /table

command-table = The whole matrix as one picture
table-title = Bot API vs Telegram API: what each can do
table-feature = Feature
table-yes = Yes
table-partly = Partly
table-no = No
table-footer = Source: papercraft.tmat.me/book/api-comparison · table by @vanutp · CC BY-NC 4.0
table-caption = The whole matrix at a glance.
table-source = Source: { $title }
overview-button-table = 🖼 See it as a table
table-inline-title = 🖼 The whole matrix as a picture

# The Mini App (only with MINI_APP_URL): the button under the welcome, /help and the overview, and the menu button.
miniapp-button = 📱 Open the table
miniapp-menu = Table
