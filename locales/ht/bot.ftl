# Tèks entèfas taxbot, kreyòl ayisyen.
# translation: needs-review (written without a native speaker's check)

welcome = Bonjou! Mwen reponn kesyon sou vi prive taks ou, ITIN, ak done IRS pataje ak ICE. Mwen se yon bot, mwen pa avoka. Pa janm voye SSN, ITIN oswa adrès ou ban mwen.
menu-intro = Chwazi yon sijè (reponn ak nimewo a), oswa ekri kesyon ou:
choice-line = { $number }. { $label }
menu-language = Lang / Language

group-mou = Done IRS bay ICE
group-itin = Nimewo ITIN
group-filing = Fè taks
group-lawsuits = Ka nan tribinal
group-help = Jwenn èd epi pwoteje tèt ou
group-intro = { $group }. Reponn ak yon nimewo:

language-menu = Chwazi lang ou. Reponn ak yon nimewo:
language-set = Dakò, m ap reponn ou an kreyòl.

suggest-intro = M pa fin sèten m byen konprann. Èske ou vle di:
suggest-pick = Reponn ak yon nimewo, oswa poze kesyon an yon lòt jan.
choice-invalid = Tanpri reponn ak yon nimewo ki nan lis la, oswa ekri kesyon ou.

fallback = Padon, m pa gen repons pou sa. Mwen reponn sèlman kesyon sou vi prive taks, ITIN, ak done IRS pataje ak ICE.

# needs-review: lis moun ki ka ede (non ak nimewo nan faq/contacts.toml)
contacts-intro = Kote ou ka jwenn èd:
contact-line = { $name }: { $reach }
contact-line-hours = { $name }: { $reach } ({ $hours })
contact-always = 24/7
contact-open = louvri kounye a
contact-closed = fèmen kounye a
# needs-review
danger-line = Si yo arete yon moun oswa si ICE devan pòt la kounye a, rele { $line }

help = Poze kesyon ou ak pwòp mo pa ou. Reponn MENI pou wè sijè yo, LANG pou chanje lang, PLIS pou rès yon repons, EFASE DONE M pou efase sa m kenbe sou ou. Sa a se enfòmasyon, se pa konsèy legal.

optout-confirm = Ou p ap resevwa lòt mesaj nan sèvis sa a ankò. Reponn START pou retounen.
optin-confirm = Byenveni ankò. Poze yon kesyon oswa reponn MENI pou wè sijè yo.

privacy-notice = M kenbe trè piti: lang ou ak kote ou ye nan konvèsasyon an, anba yon kòd melanje, pa nimewo ou. Li efase apre { $days ->
    [one] { $days } jou
   *[other] { $days } jou
} san mesaj. Reponn EFASE DONE M pou efase l kounye a.
forget-done = Fini: m efase tout sa m te kenbe sou ou.

answer-checked = Enfòmasyon verifye { $date }.
# needs-review
answer-checked-time-sensitive = Enfòmasyon verifye { $date }. Sous nou yo fini mitan 2026: desizyon tribinal yo ka chanje.
# How { $date } is written ("22 novanm 2026"): Babel has no Haitian Creole month names.
# needs-review
date-format = { $day } { $month ->
     [1] janvye
     [2] fevriye
     [3] mas
     [4] avril
     [5] me
     [6] jen
     [7] jiyè
     [8] out
     [9] septanm
     [10] oktòb
     [11] novanm
    *[12] desanm
} { $year }
more-prompt = Reponn PLIS pou rès la.
more-none = Se tout sa m genyen sou sa. Reponn MENI pou lòt sijè.

sensitive-warning = Tanpri pa janm voye SSN, ITIN, nimewo A oswa nimewo telefòn isit la. M pa kenbe l.
thanks-reply = Pa gen pwoblèm. Reponn MENI pou plis sijè.

error-generic = Padon, gen yon pwoblèm bò kote nou. Tanpri eseye ankò nan kèk minit.
error-empty = Tanpri ekri kesyon ou.

text-only = Mwen ka li mesaj tèks sèlman. Tanpri ekri kesyon ou an mo.
sms-help = { $service }: enfòmasyon gratis sou vi prive taks ak ITIN, se pa konsèy legal. Poze yon kesyon oswa reponn MENI. Reponn STOP (oswa KANPE) pou pa resevwa mesaj ankò. Kantite mesaj yo varye. Ou ka peye frè mesaj ak done.

group-private = Pou nenpòt bagay sou pwòp sitiyasyon pa ou, tanpri ekri m nan yon chat prive: { $link }
group-hint = Poze m kesyon isit la ak /ask epi kesyon ou. Pou pwòp sitiyasyon pa ou, ekri m an prive.

command-start = Kòmanse epi wè sijè yo
command-help = Kijan pou sèvi ak bot sa a
command-language = Chanje lang
command-privacy = Sa bot sa a kenbe sou ou
command-forget = Efase sa bot sa a kenbe sou ou

web-title = Kesyon sou vi prive taks
web-intro = Poze yon kesyon sou vi prive taks, ITIN oswa done IRS pataje ak ICE. Pa ekri non ou, SSN, ITIN oswa adrès ou.
web-input-label = Kesyon ou
web-send = Voye
web-language = Lang
web-error = Padon, mesaj la pa t pase. Tanpri eseye ankò.
# needs-review: written by a non-native speaker; check with a native speaker.
web-run-by = Òganizasyon ki jere l:
web-privacy = Kijan chat sa a pwoteje vi prive w
web-org-privacy = Politik vi prive { $service }
web-emergency = Ijans
web-too-long = Mesaj sa a twò long, li pa t ale. Tanpri fè l pi kout, { $limit } karaktè oswa mwens, oswa voye l an de pati.
web-privacy-browser = Sou paj sa a, navigatè w la kenbe sèlman yon kòd o aza, pou onglè sa a sèlman, pou bot la ka swiv konvèsasyon an. Li disparèt lè w fèmen onglè a. Pa gen cookies.
web-back = Retounen nan chat la

# A person instead of the bot: the offer (it says plainly who sees the question),
# what the person sees after YES, and the name shown before a worker's words.
# needs-review: written by a non-native speaker; check with a native speaker.
handoff-offer = Ou vle yon moun ede w? Reponn WI epi yon travayè èd legal ap ekri w isit la. Y ap montre kesyon w lan bay anplwaye èd legal yo, men yo p ap wè nimewo w ni non w.
handoff-opened = Mèsi. Mwen voye kesyon w lan bay anplwaye èd legal yo, san nimewo w. Yon travayè ap ekri w isit la lè li kapab. Reponn STOP pou fini nenpòt ki lè.
handoff-relayed = Mwen voye l bay travayè èd legal la.
handoff-closed = Travayè èd legal la fèmen konvèsasyon sa a. Ou ka poze m kesyon ankò nenpòt ki lè.
handoff-ended = Konvèsasyon w ak anplwaye èd legal yo fèmen.
handoff-staff-label = Travayè èd legal

# Messages in the staff Telegram group, in [escalation] staff_language. Never a phone
# number, chat id or name: the ticket number stands for the person.
# needs-review: written by a non-native speaker; check with a native speaker.
staff-ticket =
    Dosye #{ $number } · lang: { $lang } · kanal: { $channel } · sijè: { $topic }
    Kesyon (san nimewo): { $question }
    Reponn mesaj sa a pou ekri moun nan; l ap wè mo w yo, men se pa non w. Reponn /close pou fèmen dosye a.
staff-from-person = #{ $number } ({ $lang }): { $text }
staff-closed = Dosye #{ $number } fèmen; yo di moun nan sa.
staff-ended = Moun nan fini dosye #{ $number } (STOP oswa efase done). Ou pa ka voye anyen ankò.
staff-no-ticket = Dosye sa a fèmen oswa li ekspire. Anyen pa t voye.
staff-not-sent = Dosye #{ $number }: repons lan pa t ka rive. Eseye ankò pita.

# Sent once when someone passes the [limits] in bot.toml; then the bot is silent for a while.
# needs-review
slow-down = W ap voye mesaj twò vit. Tanpri tann kèk minit, epi ekri ankò. Mwen p ap reponn jiskaske lè sa a.
