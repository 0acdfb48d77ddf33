# Every user-facing string of the bot, in English.
# The matrix rows themselves live in data/matrix.en.yaml.

## Bot profile (set with setMyCommands / setMyDescription at start)

command-start = What this bot is and how to use it
command-compare = Compare the Bot API with the Telegram API
command-help = How to use the bot
command-about = Sources and credits
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
start-button-browse = 📋 Browse the features
start-button-inline = 🔎 Try inline
help-title = How to use this bot
help-body =
    /compare shows every feature with a short verdict. Tap one to open its card, then use ◀ and ▶ to move between features.
    /compare <words> opens the best match, for example /compare members.
    In any chat, type { $mention } and a few words; pick a result to post its card there. Its buttons keep working for everyone.
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
