# Все строки бота, которые видит пользователь, на русском.
# Сами строки таблицы — в data/matrix.ru.yaml.

## Профиль бота (задаётся через setMyCommands / setMyDescription при запуске)

command-start = Что это за бот и как им пользоваться
command-compare = Сравнить Bot API и Telegram API
command-help = Как пользоваться ботом
command-about = Источники и авторы
command-choose = Какой API нужен моему проекту?
command-cancel = Прервать вопросы /choose
profile-description =
    Умеет ли это Telegram-бот или нужен пользовательский клиент?
    Сравниваю Bot API и Telegram API (MTProto) по пунктам: получение сообщений и пользователей, размер файлов, участники групп, пропущенные апдейты и запуск нескольких программ.
profile-short-description = Bot API или Telegram API? Что бот может, а чего не может — по пунктам.

## Отметки: насколько сторона это умеет

ability-yes = может
ability-partly = с ограничениями
ability-no = не может

## /start и /help

start-title = Bot API или Telegram API?
start-body =
    Бот общается с Telegram через Bot API, а приложения и юзерботы — через Telegram API (MTProto). Я показываю, что недоступно боту, но доступно клиенту, — по одной возможности за раз.
start-how = Как мной пользоваться:
start-how-compare = /compare — список возможностей; нажмите на любую, чтобы увидеть подробности.
start-how-words = /compare файлы — сразу открыть нужную возможность.
start-how-inline = В любом чате наберите { $mention } и пару слов, чтобы поделиться карточкой.
start-how-ask = Спросите своими словами, например: «может ли бот читать старые сообщения?»
start-how-choose = /choose задаст несколько вопросов и подскажет, какой API нужен вашему проекту.
start-how-table = /table покажет всю таблицу одной картинкой.
start-button-browse = 📋 Все возможности
start-button-inline = 🔎 Попробовать инлайн
help-title = Как пользоваться ботом
help-body =
    /compare показывает все возможности с коротким выводом по каждой. Нажмите на любую, чтобы открыть её карточку, а кнопками ◀ и ▶ листайте между ними.
    /compare <слова> открывает самое подходящее, например /compare участники.
    В любом чате наберите { $mention } и пару слов, затем выберите результат — карточка отправится в этот чат. Её кнопки работают у всех.
    Спросите своими словами, например «файл какого размера может скачать бот?», — и я отвечу подходящей возможностью.
    /choose задаст несколько вопросов «да или нет» и подскажет, какой API нужен вашему проекту; /cancel их прервёт.
    /table пришлёт всю таблицу одной картинкой; /language переключит язык между русским и английским.
    /about — источники.

## /about

about-title = О боте
about-body = Факты взяты из таблицы «{ $table }» в книге Telegram Bot Handbook (Papercraft) Артёма Иванова; саму таблицу составил @vanutp. Здесь она пересказана нашими словами и, как и книга, распространяется по лицензии CC BY-NC 4.0.
about-source = Страница источника
about-see-also = Что почитать ещё:
about-license = Лицензия: CC BY-NC 4.0

## /compare: обзор

overview-title = Bot API против Telegram API
overview-legend = ✅ бот может · ⚠️ только с ограничениями · ❌ бот не может
overview-hint = Нажмите на возможность, чтобы сравнить обе стороны.
overview-button-inline = 🔎 Искать в инлайне

## Карточка возможности

card-bot-api = 🤖 Bot API
card-telegram-api = 👤 Telegram API
card-position = { $position }/{ $total }
card-button-previous = ◀ Назад
card-button-next = Вперёд ▶
card-button-overview = ☰ Все возможности
card-button-share = ↗ Поделиться
card-read-more = 📖 { $label }

## /compare <слова>

nothing-found = В таблице нет ничего по запросу «{ $query }».
nothing-found-hint = Возможно, вы искали это — или откройте полный список через /compare:
nothing-found-all = Вот всё, что есть в таблице:

## Инлайн-режим

inline-nothing-found = Ничего не нашлось. Открыть бота

## Кнопки

callback-outdated = Эта кнопка устарела.

## Вопросы своими словами

ask-runner-up = 🤔 Или: { $title }
ask-unsure = Не совсем понятно, о какой возможности речь. Ближе всего вот эти:
ask-unsure-hint = Или посмотрите все через /compare.
smalltalk =
    Привет! Я отвечаю на вопросы о том, что умеет Telegram-бот по сравнению с пользовательским клиентом на Telegram API.
    Спросите своими словами, откройте /compare, наберите { $mention } в любом чате или доверьте /choose подобрать API для вашего проекта.
smalltalk-button-choose = 🧭 Какой API мне нужен?

## Подбор API: /choose

advisor-title = Какой API нужен вашему проекту?
advisor-progress = Вопрос { $step } из { $total }
advisor-yes = Да
advisor-no = Нет
advisor-unsure = Не знаю
advisor-back = ◀ Назад
advisor-cancel = ✖ Отмена
advisor-use-buttons = Ответьте кнопками под вопросом или отправьте /cancel, чтобы прервать.
advisor-cancelled = Отменено. Отправьте /choose, когда захотите начать заново.
advisor-closed = Этот вопрос уже закрыт.
advisor-left = Вы вышли из опроса. Отправьте /choose, чтобы начать заново.
advisor-telegram-title = Вашему проекту нужен Telegram API (MTProto)
advisor-telegram-because = То, что вам нужно, умеет только Telegram API:
advisor-telegram-how = Возьмите библиотеку для MTProto, например mtcute или GramJS для JavaScript. Ей нужны api_id и api_hash с my.telegram.org; бот-аккаунт при этом может войти через неё по своему токену.
advisor-bot-title = Хватит и Bot API
advisor-bot-because = Ни одно из его ограничений вам не мешает.
advisor-bot-how = Это вариант попроще: обычные HTTPS-запросы, вебхуки и библиотеки вроде grammY.
advisor-unsure-list = Стоит проверить — здесь вы не были уверены:
advisor-read-more = подробнее
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

command-table = Вся таблица одной картинкой
table-title = Bot API и Telegram API: что умеет каждый
table-feature = Возможность
table-yes = Да
table-partly = Частично
table-no = Нет
table-footer = Источник: papercraft.tmat.me/ru/book/api-comparison · таблица @vanutp · CC BY-NC 4.0
table-caption = Вся таблица с первого взгляда.
table-source = Источник: { $title }
overview-button-table = 🖼 Показать таблицей
table-inline-title = 🖼 Вся таблица картинкой

# The Mini App (only with MINI_APP_URL): the button under the welcome, /help and the overview, and the menu button.
miniapp-button = 📱 Открыть таблицу
miniapp-menu = Таблица
