/**
 * The words people use about bots, the Bot API and MTProto, in English and
 * Russian, as the question index reads them. Not a list of any question's
 * words: the general vocabulary of the subject, so that "remove", "delete"
 * and «удалить» find the same rows, and a Russian question the same row as
 * its English twin.
 *
 * Every entry is a group: the first word names the concept, the rest are
 * the ways people write it (any form; they are stemmed as questions are).
 * A form of several words is matched as a phrase before single words.
 */
export const CONCEPTS: readonly string[] = [
  // What error messages wrap around what they say, and other words that say nothing here: "_" drops them.
  "_: bad request, error code, error_code, error_description, telegram error, grammyerror, telegrambadrequest, telegramforbiddenerror, badrequest, ok false, caused by, есть ли способ",
  // Things
  "message: messages, msg, msgs, сообщение, сообщения, сообщений, сообщению, сообщением, сообщениях, смс, месседж, месседжи, мессадж",
  "post: posts, пост, посты, поста, постов, публикация, публикации, публикацию",
  "chat: chats, чат, чаты, чата, чатов, чате, беседа, беседы, беседу, беседе, dialog, dialogs, dialogue, диалог, диалоги, диалогов, переписка, переписку, переписки",
  "group: groups, supergroup, supergroups, groupchat, группа, группы, группе, группу, групп, группах, группой, супергруппа, супергруппы, супергруппе, супергруппу, супергрупп",
  "channel: channels, канал, каналы, канала, каналов, канале, каналу, каналом, каналах, тгк",
  "member: members, belong, belongs, belonging, состоит, состоять, состоят, participant, participants, subscriber, subscribers, membership, участник, участники, участников, участника, участникам, подписчик, подписчики, подписчиков, мембер, мемберы, состав",
  "admin: admins, administrator, administrators, moderator, moderators, mod, mods, админ, админы, админов, админа, админам, админка, админку, администратор, администраторы, администраторов, модератор, модераторы, модераторов",
  "user: users, person, people, someone, somebody, human, humans, customer, customers, пользователь, пользователи, пользователя, пользователей, пользователю, пользователем, юзер, юзеры, юзера, юзеров, юзеру, человек, человека, людей, люди, людям, клиентам, юзверь",
  "private: private chat, private chats, private message, private messages, direct message, direct messages, dm, dms, pm, pms, лс, личка, личку, личке, лички, личные сообщения, личное сообщение, личных сообщениях, личный чат, личном чате, личная переписка",
  "account: accounts, аккаунт, аккаунта, аккаунты, аккаунтов, аккаунтом, акк, акка, акков, учетка, учетную запись",
  "bot: bots, бот, бота, боты, боту, ботом, ботов, ботам, боте, ботами, ботик",
  "file: files, document, documents, attachment, attachments, файл, файлы, файла, файлов, файлом, файлах, документ, документы, документа, вложение, вложения",
  "photo: photos, picture, pictures, pic, pics, image, images, avatar, avatars, userpic, pfp, фото, фотографию, фотография, фотографии, фотку, фотка, картинка, картинку, аватар, аватарка, аватарку, аватара, ава, авку",
  "video: videos, видео, видос, видосы, кружок, кружки",
  "sticker: stickers, стикер, стикеры, стикеров, стикерами",
  "stickerset: sticker set, sticker sets, sticker pack, sticker packs, stickerpack, стикерпак, стикерпаки, набор стикеров, пак стикеров",
  "emoji: emojis, emoticon, emoticons, smiley, эмодзи, эмоджи, смайл, смайлы, смайлик, смайлики",
  "story: stories, сторис, сториз",
  "poll: polls, survey, surveys, vote, votes, voting, voted, voter, voters, опрос, опросы, опроса, опросов, голосование, голосования, голосовать, проголосовать, проголосовал, голоса",
  "quiz: quizzes, викторина, викторину, викторины",
  "reaction: reactions, react, reacted, reacts, реакция, реакции, реакцию, реакций, реакциями, лайк, лайки, лайков",
  "view: views, viewed, viewer, viewers, просмотр, просмотры, просмотров, охват, охваты",
  "button: buttons, btn, кнопка, кнопки, кнопку, кнопок, кнопкой, кнопкам, кнопками",
  "keyboard: keyboards, клавиатура, клавиатуру, клавиатуры, клава",
  "inline: инлайн, инлайна, инлайном, инлайновый, инлайновые",
  "mode: modes, режим, режима, режиме, режимом, режимы",
  "callback: callbacks, колбэк, колбек, коллбэк, коллбек, колбэки, колбеки, коллбэки",
  "command: commands, cmd, cmds, команда, команды, команду, команд, командой, командами",
  "menu: menus, меню",
  "link: links, url, urls, hyperlink, ссылка, ссылки, ссылку, ссылок, линк, линку, урл",
  "deeplink: deep link, deep links, deep-link, deep linking, deeplinks, deeplinking, диплинк, диплинки, диплинка, глубокая ссылка, глубокие ссылки",
  "referral: referrals, ref link, реферал, рефералка, реферальная, реферальные, рефка",
  "miniapp: mini app, mini apps, miniapps, mini-app, web app, web apps, webapp, webapps, twa, мини-приложение, мини-приложения, мини приложение, мини приложения, миниапп, мини апп, миниаппы, вебапп, веб-приложение",
  "topic: topics, thread, threads, тема, темы, тему, тем, темах, топик, топики, топика, топиков, ветка, ветки, ветку, тред, треды",
  "forum: forums, форум, форума, форумы, форуме",
  "payment: payments, pay, paying, paid, invoice, invoices, checkout, purchase, purchases, оплата, оплату, оплаты, платеж, платежи, платежей, оплатить, платить, платный, платные, платная, инвойс, инвойсы, счет на оплату, донат, донаты",
  "star: stars, xtr, звезда, звезды, звезд, звездами, звездочки, старс, старсы, старсов",
  "gift: gifts, подарок, подарки, подарков, подарить, дарить",
  "game: games, gaming, игра, игры, игру, игр, игровой",
  "business: бизнес, бизнеса, бизнес-аккаунт, бизнес аккаунт",
  "token: tokens, токен, токена, токены, токеном",
  "session: sessions, сессия, сессии, сессию, сессий",
  "webhook: webhooks, web hook, вебхук, вебхуки, вебхука, вебхуков, вебхуком, веб-хук, хук, хуки",
  "polling: long polling, longpolling, long-polling, getupdates, поллинг, лонгполлинг, лонг поллинг",
  "update: updates, event, events, апдейт, апдейты, апдейтов, апдейта, обновление, обновления, обновлений, событие, события, событий",
  "instance: instances, replica, replicas, process, processes, worker, workers, copy of the bot, экземпляр, экземпляры, экземпляра, экземпляров, копия, копии, копий, реплика, реплики, процесс, процессы, воркер, воркеры, инстанс, инстансы",
  "server: servers, сервер, сервера, серверы, сервере",
  "profile: profiles, bio, профиль, профиля, профиле, био",
  "description: descriptions, about text, описание, описания, описанием",
  "name: names, имя, имени, название, названия",
  "username: usernames, nickname, nicknames, nick, handle, юзернейм, юзернейма, юзернейму, юзернеймы, юзернеймом, никнейм, ник, ника, нику",
  "id: ids, identifier, identifiers, айди, ид, идентификатор, идентификатора, айдишник, айдишники, айдишка",
  "phone: phones, phone number, phone numbers, telephone, телефон, телефона, телефоны, номер телефона, номера телефонов, номер, номера, номеру",
  "contact: contacts, контакт, контакты, контакта, контактов",
  "history: historical, backlog, archive, archives, история чата, историю чата, историю сообщений, история сообщений",
  "voicecall: voice call, voice calls, video call, video calls, phone call, phone calls, calling, звонок, звонки, звонить, позвонить, звонка, созвон",
  "voicechat: voice chat, voice chats, video chat, video chats, group call, group calls, livestream, live stream, войс, войсчат, голосовой чат, видеочат, трансляция, трансляцию",
  "secretchat: secret chat, secret chats, encrypted chat, end-to-end, e2e, e2ee, секретный чат, секретные чаты, секретка, секретки, сквозное шифрование",
  "draft: drafts, черновик, черновики",
  "stream: streaming, streamed, stream-like, стрим, стриминг, стримить, потоковый, потоковая, потоково",
  "typing: typing effect, печатает, печатания",
  "ai: llm, llms, gpt, chatgpt, openai, neural network, нейросеть, нейросети, нейронка, ии",
  "guest: guests, гость, гостевой, гостевом, гостевого",
  "privacy: приватность, приватности, приватный режим",
  "log: logs, journal, журнал, журнале, лог, логи, логов",
  "stats: statistics, statistic, analytics, статистика, статистику, статистики, стата, стату, аналитика, аналитику",
  "text: texts, текст, текста, тексте, текстом, тексты",
  "caption: captions, подпись, подписи, подписью",
  "character: characters, chars, char, symbols, letters, символ, символы, символов, знак, знаков, буква, букв",
  "entity: entities, сущности, ентити, энтити",
  "format: formatting, formatted, markdown, markdownv2, html, parse_mode, разметка, разметку, разметки, форматирование, форматировать, отформатировать, маркдаун",
  "bold: italic, underline, strikethrough, spoiler, жирный, жирным, курсив, курсивом, подчеркнутый, спойлер",
  "table: tables, таблица, таблицу, таблицы",
  "flood: flood wait, floodwait, flood_wait, rate limit, rate limits, rate-limit, ratelimit, ratelimits, rate limiting, throttle, throttling, too many requests, флуд, флуда, флудвейт, антифлуд, флудить",
  "broadcast: broadcasts, broadcasting, mailing, mailings, mass message, mass messaging, newsletter, рассылка, рассылку, рассылки, рассылок, разослать, рассылать, массовая рассылка",
  "mtproto: мтпрото, мтпрото, telethon, pyrogram, gramjs, mtcute, madelineproto, tdlib, tdlight, kurigram, hydrogram, телетон, пирограм, пайрограм",
  "userbot: userbots, user bot, user bots, user-bot, selfbot, selfbots, self bot, юзербот, юзерботы, юзербота, юзерботом, юзерботов, юзер бот, юзер-бот",
  "local: локальный, локального, локальном, локальную, локально, self-hosted, selfhosted, self hosted",
  "stickerbot: stickers bot",
  // Actions
  "delete: deleting, deleted, deletion, remove, removing, removed, erase, wipe, purge, clean up, удалить, удаление, удалять, удаляет, удалил, удалился, удалено, удалены, удалении, стереть, стирать, очистить, почистить, чистить",
  "edit: editing, edited, modify, modifying, change, changing, changed, update the text, изменить, изменение, изменять, изменяет, редактировать, редактирование, отредактировать, редактирует, поменять, менять, правка, править",
  "send: sending, sent, sends, write, writing, text someone, отправить, отправлять, отправка, отправки, отправляет, отправил, послать, слать, прислать, писать, написать, пишет, напишет",
  "receive: receiving, received, receives, arrive, arriving, arrives, come in, coming, получать, получает, приходить, приходят, приходит, пришел, прилетают, прилетает",
  "read: reading, see, sees, seeing, seen, читать, прочитать, прочесть, читает, видеть, видит, видно, увидеть",
  "fetch: fetching, retrieve, retrieving, obtain, достать, вытащить, запросить",
  "list: lists, listing, enumerate, список, списка, списком, списки, перечень, перечислить, перечислять",
  "search: searching, find, finding, look up, lookup, найти, искать, поиск, поиска, найди, ищет",
  "resolve: resolving, resolved, резолв, резолвить, зарезолвить, резолвит",
  "join: joining, joined, joins, subscribe to, вступить, вступать, вступает, зайти, заходить, присоединиться, подписаться на",
  "leave: leaving, left the chat, покинуть, выйти из",
  "invite: invites, inviting, invitation, пригласить, приглашение, приглашать, приглашения, инвайт, инвайты, инвайтить, инвайтинг",
  "add: adding, added, добавить, добавлять, добавление, добавил, добавили, добавлен",
  "ban: banned, bans, banning, kick, kicked, kicks, бан, баны, забанить, банить, забанил, забанят, кик, кикнуть, кикать, выгнать",
  "mute: muted, muting, мут, замутить, мутить, заглушить",
  "promote: promoting, promoted, повысить, назначить, назначать",
  "block: blocked, blocks, blocking, blocker, заблокировать, заблокировал, заблокировали, заблокирован, блок, блокировка, блокировку, блокирует",
  "forward: forwards, forwarded, forwarding, repost, reposts, переслать, пересылать, пересылка, пересылку, пересланное, пересланные, переслано, репост, репосты, форвард",
  "copy: copies, copied, copying, скопировать, копировать, копирование",
  "schedule: scheduled, scheduling, scheduler, later, delayed, delay, timer, cron, отложенный, отложенное, отложенные, отложенная, отложить, запланировать, запланированный, расписание, расписанию, таймер, позже, отложка",
  "upload: uploads, uploading, uploaded, загрузить, загрузка, загрузки, загружать, загружает, залить, аплоад",
  "download: downloads, downloading, downloaded, скачать, скачивание, скачивать, скачивает, скачки",
  "login: log in, logging in, logged in, sign in, signing in, authorize, authorization, auth, authenticate, authentication, войти, вход, входа, авторизация, авторизоваться, авторизации, залогинить, залогиниться, залогинил, логин, логиниться",
  "create: creating, created, make, making, made, generate, создать, создание, создавать, создает, сделать, делать",
  "manage: managed, manager, management, managing, управлять, управляемый, управляемые, управление, управления",
  "scrape: scraping, scraper, export, exporting, dump, backup, parser, спарсить, парсить, парсинг, парсер, выгрузить, выгрузка, экспорт, бэкап",
  "talk: talking, talks, communicate, communicating, interact, interacting, conversation, conversations, общаться, общение, разговаривать, переписываться, взаимодействовать",
  "answer: answers, answering, respond, responding, response, reply, replies, replying, ответ, ответы, ответить, отвечать, отвечает, ответа",
  "put: set, sets, setting, put, puts, поставить, ставить, ставит, поставил, поставили, выставить, выставлять",
  "pin: pinned, pinning, закрепить, закрепленное, закреп",
  "approve: approving, approved, accept requests, одобрить, одобрять, принять заявку, принимать заявки",
  "request: requests, запрос, запросы, запроса, заявка, заявки, заявку, заявок",
  "check: checking, verify, verifying, find out, проверить, проверка, проверять, узнать, узнавать",
  // Qualities and amounts
  "recent: recently, last, latest, newest, последние, последний, последнее, последних, недавние, недавно, свежие",
  "old: older, oldest, previous, past, earlier, prior, старый, старше, старее, давно, давнишние, старые, старое, старых, старое, прошлые, прошлых, предыдущие, давние, ранние, прежние",
  "missed: miss, missing, lost, lose, skipped, пропущенный, пропущенные, пропущенных, пропустил, пропускает, потерянные, потерял, потерять, пропали, пропадают",
  "offline: down, downtime, outage, restart, restarted, restarting, reboot, shutdown, turned off, выключен, выключить, выключал, лежал, упал, падал, перезапуск, перезапустить, перезапуска, оффлайн, офлайн",
  "big: bigger, biggest, large, larger, huge, heavy, большой, большие, большого, больших, крупный, крупные, тяжелый, тяжелые, огромный",
  "size: sizes, размер, размера, размеры, объем, вес",
  "limit: how many, сколько, limits, limitation, limitations, cap, caps, max, maximum, maximal, лимит, лимиты, лимита, лимитов, ограничение, ограничения, ограничений, максимальный, максимальная, максимальное, максимальную, максимум, предел",
  "length: long, longer, lengthy, длина, длину, длины, длинный, длинное, длинные, длиннее",
  "first: первым, первый, первая, первое, первой",
  "multiple: several, many instances, two, both, twice, несколько, два, две, двух, оба, дважды",
  "other: others, another, someone else, другой, другого, другие, других, другому, чужой, чужого, чужие, чужих",
  "online: last seen, seen recently, last online, was online, online status, в сети последний раз, онлайн, в сети, был в сети, последний визит",
  "time: timing, seconds, second, minutes, minute, время, времени, секунд, секунды, секунду, минут, минуты, срок, сроки",
  "hour: hours, час, часа, часов",
  "day: days, день, дня, дней, сутки, суток",
  "timeout: timeouts, timed out, deadline, deadlines, expire, expired, expires, expiry, таймаут, таймауты, дедлайн, истекает, истек, протух, протухает",
  "count: number of, amount, quantity, количество, число",
  "free: бесплатно, бесплатный",
  "scale: scaling, horizontally, horizontal, load balancer, load balancing, масштабирование, масштабировать, балансировщик, балансировка",
  "botapi: bot api, botapi, http api, bot-api, бот апи, ботапи, бот api",
  "clientapi: client api, telegram api, tg api, core api, апи телеграма, телеграм апи",
  "useraccount: user account, user accounts, personal account, my account, own account, regular account, normal account, пользовательский аккаунт, личный аккаунт, обычный аккаунт, свой аккаунт, своего аккаунта, своим аккаунтом, моего аккаунта, мой аккаунт",
];

/**
 * Words that carry no meaning here: function words, words every question
 * about the two APIs has ("telegram", "api", "can"), and the names of Bot
 * API libraries (which library someone uses does not change the answer).
 */
export const STOP_WORDS: readonly string[] = [
  // English
  ..."a an the and or of to in on for with by from at as is are was were be been being it its it's i i'm my me mine we our us you your yours he she his her they them their this that these those there here if not no nor so than too very just also only even ever then now still yet already again really quite please".split(
    " ",
  ),
  ..."can could cannot do does did done doing have has had having will would should shall may might must am get gets got getting how what which why when where who whom whose want wants wanted need needs needed way ways possible possibly any anything anyone some something all every each much many lot lots one ones thing things use using used uses via about into onto over under out up off like able there's is it".split(
    " ",
  ),
  ..."t s d ll m re ve don doesn didn isn aren wasn weren won wouldn shouldn couldn cant dont doesnt isnt wont hasn haven".split(
    " ",
  ),
  ..."telegram tg api apis method methods function error errors exception problem issue issues help question way possible option options work works working properly correctly fine okay ok hi hello thanks thank pls plz guys bro anyone anybody somehow anyway anyhow actually basically currently simply".split(
    " ",
  ),
  ..."python javascript typescript node nodejs js ts php java kotlin golang rust csharp c# lib library libraries framework sdk ptb aiogram telebot pytelegrambotapi telegraf grammy grammyjs telegrambots tgbotapi teloxide botman nutgram madeline".split(
    " ",
  ),
  // Russian
  ..."и или а но в во на с со к ко по из у о об обо за для от до ли же бы ну как что чтобы это этот эта эти тот та те то там тут здесь если не нет ни да так также тоже еще уже вот даже только просто вообще всё все всех всем всю весь вся его ее их им ему ей мне меня мой моя мое мои моего моей моих моим я ты вы мы он она они свой своя свое свои своего своей своих".split(
    " ",
  ),
  ..."можно могу может могут мочь нужно надо нужен нужна нужны хочу хотим хочется есть быть был была было были будет будут какой какая какое какие каким каких какую который которая которое которые где когда зачем почему чем кто куда откуда сколько-то как-то какой-то что-то кто-то где-то то-есть типа вроде через при про под над без между".split(
    " ",
  ),
  ..."телеграм телеграмм телеграма телеграмма телеграме телега телеге телеги тг апи api метод метода методы методом ошибка ошибку ошибки ошибкой проблема вопрос помогите подскажите пожалуйста плиз ребята народ подскажите скажите кстати вообще реально".split(
    " ",
  ),
  ..."должен должна должно должны обязан обязательно значит означает mean means meaning получить получил получим получу заново снова опять потом сейчас сразу именно конкретно конкретного конкретный конкретной тех того тем том той ту всего всему всеми либо нибудь какие-то какой-нибудь вдруг итак значит".split(
    " ",
  ),
  ..."питон питоне пайтон python-telegram-bot aiogram айограм аиограм телебот".split(" "),
];

/**
 * Small talk, by the kind of reply it gets. A message made only of these
 * (and stop words) is small talk, not a question.
 */
export const SMALLTALK: Readonly<Record<"thanks" | "hello" | "bye" | "ack" | "about", readonly string[]>> = {
  thanks: [
    ..."thanks thank thx ty tysm tnx cheers appreciated appreciate helped helpful perfect awesome great".split(" "),
    ..."спасибо спасиб спс пасиб пасибо благодарю мерси сенкс помогло помог выручил выручили большое огромное".split(
      " ",
    ),
  ],
  hello: [
    ..."hi hello hey hiya yo sup howdy greetings morning evening afternoon".split(" "),
    ..."привет приветик здравствуйте здравствуй здорово хай хелло добрый доброе вечер утро день салют дела делишки".split(
      " ",
    ),
  ],
  bye: [..."bye goodbye cya later night".split(" "), ..."пока досвидания свидания бывай ночи".split(" ")],
  ack: [
    ..."ok okay k kk yes yeah yep no nope nah lol lmao haha hah hmm hm cool nice wow got it alright sure fine good great understood gotcha".split(
      " ",
    ),
    ..."ок окей ага угу да нет понял поняла ясно понятно круто класс супер отлично хорошо норм лол ахах хаха ржу ого вау".split(
      " ",
    ),
  ],
  about: [..."who are you what can you do help".split(" "), ..."кто ты что умеешь умеешь помощь помоги".split(" ")],
};

/**
 * Words that show a question is about the two APIs themselves, what they
 * are and which to pick, rather than about one need: with two of the sides
 * named and one of these, it is the bot's own subject.
 */
export const OVERVIEW_CUES: readonly string[] = [
  ..."vs versus difference differences different differ compare comparison compared or better best which choose pick instead gain gives give advantage advantages benefit benefits pros cons rewrite switch migrate worth between what is explain".split(
    " ",
  ),
  ..."разница разницу разницы отличие отличия отличается отличаются отличаются сравнение сравнить или лучше выбрать выбор вместо дает даст преимущество преимущества плюсы минусы переписать переходить перейти стоит между что такое чем".split(
    " ",
  ),
];

/**
 * Libraries of the Bot API, as a text names them (lower case, words joined
 * by spaces): naming one names the Bot API side.
 */
export const BOT_API_LIBRARIES: readonly string[] = [
  "python telegram bot",
  "ptb",
  "aiogram",
  "telebot",
  "pytelegrambotapi",
  "grammy",
  "telegraf",
  "node telegram bot api",
  "telegrambots",
  "tgbotapi",
  "teloxide",
  "айограм",
  "аиограм",
];

/** The sides the bot compares, as concepts of {@link CONCEPTS}: naming two of them is the bot's own subject. */
export const SIDES: readonly string[] = ["botapi", "clientapi", "mtproto", "userbot", "useraccount"];

/**
 * What people ask that no row answers: setting up tools, hosting, code
 * structure, the Telegram apps themselves. A question with one of these
 * needs stronger evidence for a row, or it is outside the reference.
 */
export const OUT_OF_SCOPE: readonly string[] = [
  ..."install installing installed installation pip npm yarn deploy deploying deployed deployment host hosting hosted heroku vps vds docker kubernetes replit pythonanywhere vercel netlify render railway aws lambda serverless cloudflare".split(
    " ",
  ),
  ..."database databases db postgres postgresql mysql mongo mongodb sqlite orm sqlalchemy prisma".split(" "),
  ..."fsm conversationhandler middleware middlewares scene scenes wizard".split(" "),
  ..."test tests testing pytest unittest jest vitest mock mocking debug debugging".split(" "),
  ..."indentationerror syntaxerror typeerror modulenotfounderror importerror attributeerror keyerror valueerror nameerror undefined null traceback".split(
    " ",
  ),
  ..."asyncio threading multiprocessing selenium pandas regex excel spreadsheet spreadsheets gmail email emails smtp csv".split(
    " ",
  ),
  "event loop, google sheets, google sheet, google drive, гугл таблицы, гугл таблицу, гугл таблице, гугл диск, эксель, электронная почта, почту",
  ..."linux ubuntu debian macos android iphone ios desktop viber whatsapp discord slack vk вконтакте".split(" "),
  ..."установить установка установки задеплоить деплой деплоить хостинг хостинге захостить впс вдс докер реплит".split(
    " ",
  ),
  ..."бд постгрес монго sqlite фсм мидлварь мидлвари сцены".split(" "),
  "база данных, базу данных, базы данных, базе данных",
  ..."тест тесты тестировать тестирование отладка дебаг".split(" "),
  "telegram app, telegram desktop, in the app, delete my account, delete account, удалить аккаунт, в приложении, телеграм десктоп",
];
