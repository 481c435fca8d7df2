# UI strings for taxbot, English (the source language).
# Every message here must exist in every language (taxbot faq check).
# Keep SMS-bound strings short and free of curly quotes and emoji.

welcome = Hi! I answer questions about tax privacy, ITINs and the IRS-ICE data sharing. I am a bot, not a lawyer. Never send me your SSN, ITIN or address.
menu-intro = Pick a topic (reply with its number), or type your question:
choice-line = { $number }. { $label }
menu-language = Language / Idioma

group-mou = IRS and ICE data sharing
group-itin = ITIN numbers
group-filing = Filing taxes
group-lawsuits = Court cases
group-help = Get help and stay safe
group-intro = { $group }. Reply with a number:

language-menu = Choose your language. Reply with a number:
language-set = OK, I will answer in English.

suggest-intro = I am not sure I understood. Did you mean:
suggest-pick = Reply with a number, or ask in other words.
choice-invalid = Please reply with a number from the list, or type your question.

fallback = Sorry, I do not have an answer for that. I only answer questions about tax privacy, ITINs and the IRS-ICE data sharing.

# The list of people who can help, added to replies that send people to help.
# Names and numbers come from faq/contacts.toml; these strings are the words around them.
contacts-intro = People who can help:
contact-line = { $name }: { $reach }
contact-line-hours = { $name }: { $reach } ({ $hours })
contact-always = 24/7
contact-open = open now
contact-closed = closed now
# Put first when a message talks of custody, a court or officers nearby but is not judged an emergency.
danger-line = If someone is detained or ICE is at the door now, call { $line }

help = Ask a question in your own words. Reply MENU for topics, LANGUAGE to change language, MORE for the rest of an answer, FORGET ME to erase what I keep about you. This is information, not legal advice.

optout-confirm = You will get no more messages from this service. Reply START to come back.
optin-confirm = Welcome back. Ask a question or reply MENU for topics.

privacy-notice = I keep very little: your language and where you are in a conversation, under a scrambled code, not your number. It is deleted after { $days ->
    [one] { $days } day
   *[other] { $days } days
} of silence. Reply FORGET ME to erase it now.
forget-done = Done: I erased everything I kept about you.

answer-checked = Info checked { $date }.
# Instead of answer-checked for entries marked time-sensitive = true in entry.toml: they say
# what a court ordered or what the agencies may do now, and our sources end mid-2026.
answer-checked-time-sensitive = Info checked { $date }. Our info ends mid-2026: court rulings may have changed since.
# A language may also add date-format, how it writes { $date } when Babel writes it badly
# (see locales/ht/bot.ftl): { $day }, { $month } (a number, 1 to 12: pick the month's name
# with a selector) and { $year }. Without it the bot uses Babel's date for the language.

more-prompt = Reply MORE for more.
more-none = That is all I have on this. Reply MENU for other topics.

sensitive-warning = Please never send an SSN, ITIN, A-number or phone number here. I did not keep it.
thanks-reply = You are welcome. Reply MENU for more topics.

error-generic = Sorry, something went wrong on our side. Please try again in a few minutes.
error-empty = Please type your question.

text-only = I can only read text messages. Please type your question in words.
sms-help = { $service }: free info on tax privacy and ITINs, not legal advice. Ask a question or reply MENU. Reply STOP to end. Msg frequency varies. Msg & data rates may apply.

group-private = For anything about your own situation, please write to me in a private chat: { $link }
group-hint = Ask me here with /ask and your question. For your own situation, write to me privately.

command-start = Start and see the topics
command-help = How to use this bot
command-language = Change the language
command-privacy = What this bot keeps about you
command-forget = Erase what this bot keeps about you

web-title = Tax privacy questions
web-intro = Ask a question about tax privacy, ITINs or the IRS-ICE data sharing. Do not type your name, SSN, ITIN or address.
web-input-label = Your question
web-send = Send
web-language = Language
web-error = Sorry, the message did not go through. Please try again.
# The web chat's header (who runs it, the privacy notice), its emergency box, the message
# shown instead of sending a question that is too long, and the privacy page (/privacy).
web-run-by = Run by:
web-privacy = How this chat protects your privacy
web-org-privacy = Privacy policy of { $service }
web-emergency = Emergency
web-too-long = This message is too long, so it was not sent. Please shorten it to { $limit } characters or fewer, or send it in two parts.
web-privacy-browser = On this web page, your browser keeps only a random code, for this tab only, so the bot can follow the conversation. It is gone when you close the tab. No cookies.
web-back = Back to the chat

# A person instead of the bot: the offer (it says plainly who sees the question),
# what the person sees after YES, and the name shown before a worker's words.
handoff-offer = Want a person to help? Reply YES and a legal-aid worker will write to you here. Your question will be shown to legal-aid staff, but not your phone number or name.
handoff-opened = Thank you. I sent your question to legal-aid staff, without your number. A worker will write to you here when they can. Reply STOP to end it at any time.
handoff-relayed = Sent to the legal-aid worker.
handoff-closed = The legal-aid worker has closed this conversation. You can ask me questions again at any time.
handoff-ended = Your conversation with legal-aid staff is closed.
handoff-staff-label = Legal-aid worker

# Messages in the staff Telegram group, in [escalation] staff_language. Never a phone
# number, chat id or name: the ticket number stands for the person.
staff-ticket =
    Ticket #{ $number } · language: { $lang } · channel: { $channel } · topic: { $topic }
    Question (numbers removed): { $question }
    Reply to this message to write to the person; they see your words, not your name. Reply /close to end the ticket.
staff-from-person = #{ $number } ({ $lang }): { $text }
staff-closed = Ticket #{ $number } closed; the person was told.
staff-ended = Ticket #{ $number } ended by the person (STOP or forget me). Nothing more can be sent.
staff-no-ticket = That ticket is closed or expired. Nothing was sent.
staff-not-sent = Ticket #{ $number }: the reply could not be delivered. Try again later.

# Sent once when someone passes the [limits] in bot.toml; then the bot is silent for a while.
slow-down = You are sending messages very fast. Please wait a few minutes, then write again. I will not answer until then.
