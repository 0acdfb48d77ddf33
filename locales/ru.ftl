# Все строки бота, которые видит пользователь, на русском.
# Сам справочник — в data/ (sections.yaml, matrix/<раздел>.yaml, advisor.yaml).

## Профиль бота (задаётся через setMyCommands / setMyDescription при запуске)

command-start = Что это за бот и как им пользоваться
command-compare = Справочник по разделам
command-new = Что изменили последние версии Bot API
command-help = Как пользоваться ботом
command-about = Источники и авторы
command-choose = Какой API нужен моему проекту?
command-cancel = Прервать вопросы /choose
profile-description =
    Умеет ли это Telegram-бот или нужен пользовательский аккаунт?
    Для каждой задачи сравниваю три варианта: бот на Bot API, тот же бот через MTProto и пользовательский аккаунт через MTProto. Сообщения, пользователи, группы, файлы, апдейты, кнопки, то, что доступно только ботам, и лимиты — с методами и ссылками.
profile-short-description = Что умеет Telegram-бот: Bot API, бот через MTProto, пользовательский аккаунт.

## Три варианта и слово каждой отметки

side-bot-api = 🤖 Bot API
side-mtproto-bot = 🧩 Бот через MTProto
side-mtproto-user = 👤 Аккаунт пользователя
mark-yes = Да
mark-partly = Частично
mark-local = С локальным сервером Bot API
mark-no = Нет
same-mtproto-bot = Как в Bot API
same-mtproto-user = Как у бота через MTProto

## /start и /help

start-title = Bot API, бот через MTProto или аккаунт пользователя?
start-body =
    Обычно бот работает с Telegram через Bot API. Тот же бот может войти и через MTProto — собственный протокол Telegram, а через MTProto можно автоматизировать и пользовательский аккаунт. Для каждой задачи я показываю, на что способен каждый из трёх вариантов, какие методы вызывать и где почитать подробнее.
start-how = Как мной пользоваться:
start-how-compare = /compare открывает разделы; выберите раздел, а в нём — строку с карточкой.
start-how-words = /compare файлы — сразу открыть нужную строку.
start-how-inline = В любом чате наберите { $mention } и пару слов, чтобы поделиться карточкой.
start-how-ask = Спросите своими словами, например: «может ли бот читать старые сообщения?»
start-how-choose = /choose задаст несколько вопросов и подскажет, что нужно вашему проекту.
start-how-new = /new покажет, что изменили последние версии Bot API.
start-button-browse = 📋 Открыть справочник
start-button-inline = 🔎 Попробовать инлайн
help-title = Как пользоваться ботом
help-body =
    /compare показывает разделы. Выберите раздел, чтобы увидеть его строки, и строку, чтобы открыть карточку; ◀ и ▶ листают все строки подряд, а ↑ возвращает к разделу.
    /compare <слова> открывает самое подходящее, например /compare участники.
    В любом чате наберите { $mention } и пару слов, затем выберите результат — карточка отправится в этот чат. Её кнопки работают у всех.
    Спросите своими словами, например «файл какого размера может скачать бот?», — и я отвечу подходящей строкой.
    /choose задаст несколько вопросов «да или нет» и подскажет, что нужно вашему проекту; /cancel их прервёт.
    /new покажет, что изменили последние версии Bot API. /table пришлёт справочник картинками по разделам и одним файлом; /language переключит язык между русским и английским.
    /about — источники.

## /about

about-title = О боте
about-body = Каждый факт здесь сверен с источником { $date }: прежде всего с документацией Telegram, а с хендбуком — там, где документация молчит. Формулировки наши.
about-docs = Документация Telegram:
about-handbook = Хендбук Артёма Иванова, таблица сравнения — { $author }:
about-license = Распространяется по лицензии CC BY-NC 4.0, как и хендбук.

## /compare: обзор и разделы

overview-title = Bot API, бот через MTProto или аккаунт пользователя?
overview-legend = Что умеет Bot API: ✅ да · ⚠️ частично · 🖥️ с локальным сервером · ❌ нет
overview-hint = Выберите раздел или напишите слова после /compare.
overview-section = { $title } ({ $count })
overview-button-inline = 🔎 Искать в инлайне
section-position = Раздел { $position } из { $total }
section-button-overview = ☰ Все разделы

## Карточка строки

card-position = { $position }/{ $total }
card-button-previous = ◀ Назад
card-button-next = Вперёд ▶
card-button-up = ↑ { $section }
card-button-share = ↗ Поделиться
card-change = 🆕 Bot API { $version }:
card-link-handbook = 📖 { $label }
card-link-botapi = 📘 Bot API: { $label }
card-link-core = 📕 { $label }

## /new

news-title = Что изменили последние версии Bot API
news-version = Bot API { $version }
news-empty = Изменений пока не записано.

## /compare <слова>

nothing-found = В справочнике нет ничего по запросу «{ $query }».
nothing-found-hint = Возможно, вы искали это — или посмотрите всё через /compare:
nothing-found-all = Вот разделы справочника:

## Инлайн-режим

inline-nothing-found = Ничего не нашлось. Открыть бота

## Кнопки

callback-outdated = Эта кнопка устарела.

## Вопросы своими словами

ask-runner-up = 🤔 Или: { $title }
ask-unsure = Не совсем понятно, о чём речь. Ближе всего вот эти строки:
ask-unsure-hint = Или посмотрите все через /compare.
smalltalk =
    Привет! Я отвечаю на вопросы о том, что умеет Telegram-бот через Bot API, что — бот через MTProto, а что доступно только пользовательскому аккаунту.
    Спросите своими словами, откройте /compare, наберите { $mention } в любом чате или доверьте /choose подобрать то, что нужно вашему проекту.
smalltalk-button-choose = 🧭 Что мне нужно?

## Подбор API: /choose

advisor-title = Что нужно вашему проекту?
advisor-progress = Вопрос { $step }, всего не больше { $total }
advisor-yes = Да
advisor-no = Нет
advisor-unsure = Не знаю
advisor-back = ◀ Назад
advisor-cancel = ✖ Отмена
advisor-use-buttons = Ответьте кнопками под вопросом или отправьте /cancel, чтобы прервать.
advisor-cancelled = Отменено. Отправьте /choose, когда захотите начать заново.
advisor-closed = Этот вопрос уже закрыт.
advisor-left = Вы вышли из опроса. Отправьте /choose, чтобы начать заново.
advisor-bot-api-title = Хватит и Bot API
advisor-bot-api-how = Это самый простой путь: обычные HTTPS-запросы с токеном бота, long polling или вебхук и библиотеки вроде grammY.
advisor-local-server-title = Bot API, но со своим локальным сервером Bot API
advisor-local-server-how = Запустите сервер telegram-bot-api от Telegram (github.com/tdlib/telegram-bot-api) с api_id и api_hash с my.telegram.org и укажите его адрес в библиотеке. Код останется ботом на Bot API.
advisor-mtproto-bot-title = Бот, вошедший через MTProto
advisor-mtproto-bot-how = Войдите ботом по его токену через библиотеку для MTProto: mtcute или GramJS для JavaScript, Telethon или Pyrogram для Python. Понадобятся api_id и api_hash с my.telegram.org. Это всё тот же бот-аккаунт с ограничениями бота.
advisor-user-account-title = Это умеет только пользовательский аккаунт
advisor-user-account-warning = Автоматизация пользовательского аккаунта грозит баном: Telegram ограничивает, что может делать аккаунт, и может заблокировать тот, что ведёт себя как бот или рассылает нежелательные сообщения.
advisor-user-account-how = Войдите пользовательским аккаунтом по номеру телефона через библиотеку для MTProto: mtcute или GramJS для JavaScript, Telethon или Pyrogram для Python, с api_id и api_hash с my.telegram.org. Делайте только то, что сделал бы человек.
advisor-because = Почему так:
advisor-nothing-more = Ни один ваш ответ не требует большего.
advisor-also-bot = То, что умеет только бот, всё равно потребует бота рядом с аккаунтом:
advisor-unsure-list = Стоит проверить — здесь вы не были уверены:
advisor-start-over = 🔁 Начать заново
advisor-open-card = 📄 { $title }
advisor-private-only = Вопросы /choose я задаю в личке, чтобы не засорять группу.
advisor-open-private = 🧭 Спросить в личке
cancel-nothing = Отменять нечего.

## /language

command-language = Выбрать язык бота
language-name = 🇷🇺 Русский
language-auto = 🌐 Как в приложении Telegram
language-prompt = На каком языке мне говорить? Сейчас — { $current }.
language-set = Готово: теперь я говорю на языке «{ $language }».
language-set-auto = Готово: теперь я говорю на языке вашего приложения Telegram.

## Ошибки

state-unavailable = Простите, сейчас не могу: моя память временно недоступна. /compare и инлайн-режим работают.
rate-limited = Помедленнее, пожалуйста: попробуйте через несколько секунд.

## /table

command-table = Весь справочник картинками, по разделам
table-title = Bot API, бот через MTProto, аккаунт пользователя: кто что умеет
table-local = Локальный сервер
table-footer = Источники: core.telegram.org · papercraft.tmat.me · таблица @vanutp · CC BY-NC 4.0
table-caption = Справочник, по картинке на раздел. В файле ниже вся таблица одной картинкой — её удобно увеличивать.
table-source = Источник: { $title }
table-document-caption = Весь справочник одной картинкой: откройте и увеличьте.
overview-button-table = 🖼 Показать картинками
table-inline-title = 🖼 Весь справочник картинкой
table-inline-description = Один PNG-файл со всеми разделами
