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
    /new покажет, что изменили последние версии Bot API. /table пришлёт справочник картинкой; /language переключит язык между русским и английским.
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

command-table = Весь справочник одной картинкой
table-title = Bot API, бот через MTProto, аккаунт пользователя: кто что умеет
table-feature = Задача
table-local = Локальный сервер
table-footer = Источники: core.telegram.org · papercraft.tmat.me/ru/book/api-comparison · таблица @vanutp · CC BY-NC 4.0
table-caption = Весь справочник с первого взгляда.
table-source = Источник: { $title }
overview-button-table = 🖼 Показать таблицей
table-inline-title = 🖼 Весь справочник картинкой

## Живые демонстрации: бот показывает ограничение настоящими вызовами

command-file = Пришлите файл: что ответит getFile
command-whoami = Что бот узнаёт о вас
command-whatcanyousee = Что я вижу в этой группе
command-react = Я поставлю реакцию на ваше сообщение
command-updates = Апдейты, которые ждут меня
demo-refused = Telegram ответил { $error }
demo-button-card = 📄 { $title }

getfile-prompt = Пришлите любой файл: документ, фото, видео. Я покажу, что получил и что о нём ответит getFile. Я его не скачиваю и ничего не сохраняю.
getfile-prompt-group = Ответьте на это сообщение любым файлом, и я покажу, что получил и что о нём ответит getFile. Я ничего не сохраняю.
getfile-title = 📎 Ваш файл глазами бота
getfile-received = Вы прислали
getfile-size = { $size } ({ $bytes } байт)
getfile-size-unknown = размер неизвестен
getfile-kind-photo = фото
getfile-kind-document = файл
getfile-kind-video = видео
getfile-kind-audio = аудио
getfile-kind-voice = голосовое сообщение
getfile-kind-animation = анимацию
getfile-kind-video-note = видеосообщение
getfile-kind-sticker = стикер
getfile-ok = getFile выдал file_path: я мог бы скачать файл прямо сейчас, ссылка живёт не меньше часа.
getfile-too-big = Через Bot API бот скачивает файлы до 20 МБ. У локального сервера Bot API лимита на скачивание нет (а загружает он до 2000 МБ); через MTProto бот скачивает файлы до 2000 МБ методом upload.getFile.
getfile-kept-nothing = Я не скачивал ваш файл и ничего из присланного не храню.

whoami-title = 🪪 Что этот апдейт рассказал мне о вас
whoami-intro = Каждый апдейт называет отправителя объектом User. Вот ваш, в точности как он пришёл:
whoami-absent = Нет полей, потому что они не заданы или к вам не относятся:
whoami-cannot = Чего бот не видит
whoami-cannot-phone = ваш номер телефона, пока вы сами им не поделитесь;
whoami-cannot-status = в сети ли вы и когда были в последний раз;
whoami-cannot-common = какие чаты у нас общие: метода для этого нет.
whoami-share-private = Нажмите кнопку под полем ввода, чтобы поделиться номером и увидеть, что тогда получит бот.
whoami-share-group = Поделиться номером можно только в личке: откройте её кнопкой ниже.
whoami-button-contact = 📱 Поделиться номером
whoami-button-private = 🔒 Продолжить в личке
contact-title = 📱 Ваш контакт, как он пришёл
contact-own = Он ваш: его user_id совпадает с вашим ID. Номер телефона бот видит только так — когда им делится владелец.
contact-other = Это чужой контакт: его user_id не ваш.
contact-no-user = В нём нет user_id: Telegram не связал этот номер с аккаунтом.
contact-kept = Я показал его вам и ничего не сохранил.

seen-title = 👀 Что я вижу в группе { $title }
seen-privacy-on = Режим приватности включён: я получаю команды, ответы на мои сообщения и сообщения с упоминанием меня.
seen-privacy-off = Режим приватности выключен: я получаю все сообщения группы.
seen-privacy-admin = Как админ я и так получаю все сообщения группы.
seen-status-admin = Я здесь админ с такими правами:
seen-rights-none = никаких
seen-status-member = Я здесь участник без прав админа.
seen-status-other = Мой статус здесь: { $status }.
seen-count = Участников: { $count }
seen-admins = Админы, { $count }
seen-admins-more = …и ещё { $count }
seen-owner = владелец
seen-me = это я
seen-bot = бот
seen-list-title = Список участников недоступен
seen-list = Ни один метод Bot API не отдаёт список участников. Бот проверяет по одному пользователю через getChatMember или, будучи админом, ведёт свой список по апдейтам chat_member. Через MTProto бот листает участников постранично:
seen-private = Это для групп. Добавьте меня в группу и отправьте там /whatcanyousee: я покажу свой режим приватности, права, число участников и админов — и чего мне не достать.
seen-button-add = ➕ Добавить меня в группу

reply-hint = Ответьте на любое сообщение одним только { $mention } (без других слов), и я покажу, что получил о сообщении, на которое вы ответили.
reply-title = ↩️ Сообщение, на которое вы ответили
reply-intro = Ваш ответ принёс его в поле reply_to_message. Вот что я получил:
reply-no-fetch = Запросить его по ID я бы не смог: в Bot API нет такого метода, и каждое сообщение я вижу один раз, в апдейте. Через MTProto это может даже бот:
reply-copy = по одному только ID я отправил его копию выше. Метод возвращает новый message_id ({ $id }), а не само сообщение.

react-title = 👍 Реакции
react-one = я поставил одну реакцию на ваше сообщение.
react-two = Потом я попросил две сразу, 👍 и 🔥:
react-two-accepted = на этот раз Telegram принял две реакции.
react-why = Бот ставит одну реакцию на сообщение, как пользователь без Premium; кастомные эмодзи — только где их разрешил чат, платные реакции — никогда.

updates-title = 📬 Апдейты, которые ждут меня
updates-mode-polling = Я забираю апдейты через getUpdates (long polling).
updates-mode-webhook = Telegram доставляет апдейты на мой вебхук.
updates-pending = Ждут прямо сейчас: { $count }
updates-no-error = Ошибок доставки пока не было.
updates-error = Последняя ошибка доставки, { $date } UTC ({ $minutes } мин назад):
updates-window = Telegram хранит апдейт, пока я его не заберу, но не дольше 24 часов: что ждёт дольше, пропадает, а более старые события уже не придут.

## Код на карточках

card-button-code = 💻 Код
card-button-try = ▶️ Попробовать
code-button-back = ↩️ К карточке
code-note = Несколько строк, проверенных компилятором на настоящих пакетах.
code-title-grammy = 🤖 Bot API на grammY
code-title-gramjs = 🔌 MTProto на GramJS
