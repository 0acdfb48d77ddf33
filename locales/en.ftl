# Every user-facing string of the bot, in English.
# The reference itself lives in data/ (sections.yaml, matrix/<section>.yaml, advisor.yaml).

## Bot profile (set with setMyCommands / setMyDescription at start)

command-start = What this bot is and how to use it
command-compare = Browse the reference, section by section
command-new = What recent Bot API versions changed
command-help = How to use the bot
command-about = Sources and credits
command-choose = Which API does my project need?
command-cancel = Stop the /choose questions
profile-description =
    Can a Telegram bot do that, or do you need a user account?
    I compare three sides for every need: a bot on the Bot API, the same bot logged in over MTProto, and a user account over MTProto. Messages, users, groups, files, updates, buttons, what only bots can do, and the limits, each with the methods and where to read more.
profile-short-description = What a Telegram bot can and cannot do: Bot API, a bot over MTProto, a user account.

## The three sides, and the word of each mark

side-bot-api = 🤖 Bot API
side-mtproto-bot = 🧩 Bot over MTProto
side-mtproto-user = 👤 User account
mark-yes = Yes
mark-partly = Partly
mark-local = With a local Bot API server
mark-no = No
same-mtproto-bot = Same as the Bot API
same-mtproto-user = Same as the bot over MTProto

## /start and /help

start-title = Bot API, a bot over MTProto, or a user account?
start-body =
    A bot usually talks to Telegram through the Bot API. The same bot can also log in over MTProto, Telegram's own protocol, and a user account can be automated over MTProto too. For every need I show how far each of the three goes, with the methods to call and where to read more.
start-how = How to use me:
start-how-compare = /compare opens the sections; tap one, then a row for its card.
start-how-words = /compare files jumps straight to a row.
start-how-inline = In any chat, type { $mention } and a few words to share a feature there.
start-how-ask = Ask me in your own words, such as “can my bot read old messages?”
start-how-choose = /choose asks a few questions and tells you which way your project needs.
start-how-new = /new lists what recent Bot API versions changed.
start-button-browse = 📋 Browse the reference
start-button-inline = 🔎 Try inline
help-title = How to use this bot
help-body =
    /compare shows the sections. Tap one to see its rows, and a row to open its card; ◀ and ▶ walk through every row, and ↑ goes back to the section.
    /compare <words> opens the best match, for example /compare members.
    In any chat, type { $mention } and a few words; pick a result to post its card there. Its buttons keep working for everyone.
    Ask in your own words, such as “how big a file can a bot download?”, and I answer with the row that fits.
    /choose asks a few yes/no questions and tells you which way your project needs; /cancel stops it.
    /new lists what recent Bot API versions changed. /table sends the reference as pictures, one per section, and as one file; /language switches between English and Russian.
    /about lists the sources.

## /about

about-title = About this bot
about-body = Every fact here was checked at its source on { $date }: Telegram's documentation first, the handbook where the documentation says nothing. The wording is our own.
about-docs = Telegram's documentation:
about-handbook = The handbook by Artem Ivanov, its comparison table by { $author }:
about-license = Shared under CC BY-NC 4.0, like the handbook.

## /compare overview and sections

overview-title = Bot API, a bot over MTProto, or a user account?
overview-legend = How far the Bot API goes: ✅ yes · ⚠️ partly · 🖥️ with a local server · ❌ no
overview-hint = Pick a section, or type words after /compare.
overview-section = { $title } ({ $count })
overview-button-inline = 🔎 Search inline
section-position = Section { $position } of { $total }
section-button-overview = ☰ All sections

## A row's card

card-position = { $position }/{ $total }
card-button-previous = ◀ Previous
card-button-next = Next ▶
card-button-up = ↑ { $section }
card-button-share = ↗ Share
card-change = 🆕 Bot API { $version }:
card-link-handbook = 📖 { $label }
card-link-botapi = 📘 Bot API: { $label }
card-link-core = 📕 { $label }

## /new

news-title = What recent Bot API versions changed here
news-version = Bot API { $version }
news-empty = No row records a change yet.

## /compare <words>

nothing-found = Nothing in the reference matches “{ $query }”.
nothing-found-hint = These might be what you are after, or browse everything with /compare:
nothing-found-all = Here are the sections the reference covers:

## Inline mode

inline-nothing-found = Nothing matches. Open the bot

## Buttons

callback-outdated = This button is outdated.

## Free-text questions

ask-runner-up = 🤔 Or: { $title }
ask-unsure = I am not sure which row you mean. These come closest:
ask-unsure-hint = Or see them all with /compare.
smalltalk =
    Hi! I answer questions about what a Telegram bot can do on the Bot API, as a bot over MTProto, and what only a user account can.
    Ask in your own words, open /compare, type { $mention } in any chat, or let /choose find what your project needs.
smalltalk-button-choose = 🧭 What do I need?

## /choose advisor

advisor-title = What does your project need?
advisor-progress = Question { $step } of at most { $total }
advisor-yes = Yes
advisor-no = No
advisor-unsure = Not sure
advisor-back = ◀ Back
advisor-cancel = ✖ Cancel
advisor-use-buttons = Please answer with the buttons under the question, or send /cancel to stop.
advisor-cancelled = Cancelled. Send /choose whenever you want to start again.
advisor-closed = This question is closed.
advisor-left = You left the questions. Send /choose to start again.
advisor-bot-api-title = The Bot API is enough
advisor-bot-api-how = It is the simplest way: plain HTTPS requests with the bot's token, long polling or a webhook, and libraries such as grammY.
advisor-local-server-title = The Bot API, with your own local Bot API server
advisor-local-server-how = Run Telegram's telegram-bot-api server (github.com/tdlib/telegram-bot-api) with an api_id and api_hash from my.telegram.org, and point your library's API root at it. Your code stays a Bot API bot.
advisor-mtproto-bot-title = A bot logged in over MTProto
advisor-mtproto-bot-how = Log the bot in with its token through an MTProto library such as mtcute or GramJS (JavaScript), Telethon or Pyrogram (Python); it needs an api_id and api_hash from my.telegram.org. It is still a bot account, with a bot's limits.
advisor-user-account-title = Only a user account can do this
advisor-user-account-warning = Automating a user account risks a ban: Telegram limits what an account may do and can ban one that acts like a bot or sends unwanted messages.
advisor-user-account-how = Log a user account in with its phone number through an MTProto library such as mtcute or GramJS (JavaScript), Telethon or Pyrogram (Python), with an api_id and api_hash from my.telegram.org. Keep it to what a person would do.
advisor-because = Why:
advisor-nothing-more = None of your answers needs more.
advisor-also-bot = What only a bot can do still needs a bot beside the account:
advisor-unsure-list = Worth checking, as you were not sure:
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

command-table = The whole reference as pictures, section by section
table-title = Bot API, a bot over MTProto, a user account: how far each goes
table-local = Local server
table-footer = Sources: core.telegram.org · papercraft.tmat.me · table by @vanutp · CC BY-NC 4.0
table-caption = The reference, one picture per section. The file below holds the whole table in one picture to zoom into.
table-source = Source: { $title }
table-document-caption = The whole reference in one picture: open it and zoom in.
overview-button-table = 🖼 See it as pictures
table-inline-title = 🖼 The whole reference as a picture
table-inline-description = One PNG file with every section
