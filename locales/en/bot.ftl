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

help = Ask a question in your own words. Reply MENU for topics, LANGUAGE to change language, MORE for the rest of an answer, FORGET ME to erase what I keep about you. This is information, not legal advice.

optout-confirm = You will get no more messages from this service. Reply START to come back.
optin-confirm = Welcome back. Ask a question or reply MENU for topics.

privacy-notice = I keep very little: your language and where you are in a conversation, under a scrambled code, not your number. It is deleted after { $days ->
    [one] { $days } day
   *[other] { $days } days
} of silence. Reply FORGET ME to erase it now.
forget-done = Done: I erased everything I kept about you.

answer-checked = Info checked { $date }.
more-prompt = Reply MORE for more.
more-none = That is all I have on this. Reply MENU for other topics.

sensitive-warning = Please never send an SSN, ITIN, A-number or phone number here. I did not keep it.
thanks-reply = You are welcome. Reply MENU for more topics.

error-generic = Sorry, something went wrong on our side. Please try again in a few minutes.
error-empty = Please type your question.

text-only = I can only read text messages. Please type your question in words.
sms-help = { $service }: free information about tax privacy and ITINs, not legal advice. Reply STOP to end messages, START to get them again. Msg and data rates may apply.

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
