# Textos da interface do taxbot, português do Brasil.
# translation: needs-review (escrito sem revisão de um falante nativo)

welcome = Oi! Eu respondo perguntas sobre a privacidade dos impostos, o ITIN e o repasse de dados do IRS para o ICE. Sou um robô, não um advogado. Nunca me mande seu SSN, ITIN ou endereço.
menu-intro = Escolha um assunto (responda com o número) ou escreva sua pergunta:
choice-line = { $number }. { $label }
menu-language = Idioma / Language

group-mou = Dados do IRS para o ICE
group-itin = O número ITIN
group-filing = Declarar os impostos
group-lawsuits = Processos na justiça
group-help = Ajuda e segurança
group-intro = { $group }. Responda com um número:

language-menu = Escolha seu idioma. Responda com um número:
language-set = Certo, vou responder em português.

suggest-intro = Não tenho certeza se entendi. Você quis dizer:
suggest-pick = Responda com um número, ou pergunte de outro jeito.
choice-invalid = Responda com um número da lista, ou escreva sua pergunta.

fallback = Desculpe, não tenho resposta para isso. Só respondo perguntas sobre a privacidade dos impostos, o ITIN e o repasse de dados do IRS para o ICE.

# needs-review: lista de contatos (nomes e números em faq/contacts.toml)
contacts-intro = Quem pode ajudar:
contact-line = { $name }: { $reach }
contact-line-hours = { $name }: { $reach } ({ $hours })
contact-always = 24/7
contact-open = aberto agora
contact-closed = fechado agora
# needs-review
danger-line = Se alguém foi detido ou o ICE está na porta agora, ligue para { $line }

help = Faça sua pergunta do seu jeito. Responda MENU para ver os assuntos, IDIOMA para mudar de idioma, MAIS para o resto de uma resposta, APAGAR MEUS DADOS para apagar o que guardo sobre você. Isto é informação, não orientação jurídica.

optout-confirm = Você não vai receber mais mensagens deste serviço. Responda START para voltar.
optin-confirm = Que bom ter você de volta. Faça uma pergunta ou responda MENU para ver os assuntos.

privacy-notice = Guardo muito pouco: seu idioma e em que parte da conversa você está, com um código embaralhado, não o seu número. Isso é apagado depois de { $days ->
    [one] { $days } dia
   *[other] { $days } dias
} sem mensagens. Responda APAGAR MEUS DADOS para apagar agora.
forget-done = Pronto: apaguei tudo o que eu guardava sobre você.

answer-checked = Verificado em { $date }.
# needs-review
answer-checked-time-sensitive = Verificado em { $date }. Dados até meados de 2026: decisões da Justiça podem ter mudado.
more-prompt = Responda MAIS para ver mais.
more-none = Isso é tudo o que tenho sobre esse assunto. Responda MENU para ver outros assuntos.

sensitive-warning = Por favor, nunca mande aqui SSN, ITIN, A-number ou número de telefone. Eu não guardei.
thanks-reply = De nada! Responda MENU para ver mais assuntos.

error-generic = Desculpe, deu um problema do nosso lado. Tente de novo daqui a alguns minutos.
error-empty = Por favor, escreva sua pergunta.

text-only = Eu só consigo ler mensagens de texto. Por favor, escreva sua pergunta em palavras.
sms-help = { $service }: informação gratuita sobre privacidade fiscal e ITIN, não é orientação jurídica. Pergunte ou responda MENU. Responda STOP (ou PARAR) para não receber mais. Frequência variável. Podem ser cobradas tarifas de SMS e dados.

group-private = Para qualquer coisa sobre a sua situação, me escreva numa conversa privada: { $link }
group-hint = Me pergunte aqui com /ask e a sua pergunta. Sobre a sua situação, me escreva no privado.

command-start = Começar e ver os assuntos
command-help = Como usar este robô
command-language = Mudar o idioma
command-privacy = O que este robô guarda sobre você
command-forget = Apagar o que este robô guarda sobre você

web-title = Perguntas sobre a privacidade dos impostos
web-intro = Faça uma pergunta sobre a privacidade dos impostos, o ITIN ou o repasse de dados do IRS para o ICE. Não escreva seu nome, SSN, ITIN ou endereço.
web-input-label = Sua pergunta
web-send = Enviar
web-language = Idioma
web-error = Desculpe, a mensagem não foi enviada. Por favor, tente de novo.
# needs-review: written by a non-native speaker; check with a native speaker.
web-run-by = Mantido por:
web-privacy = Como este chat protege sua privacidade
web-org-privacy = Política de privacidade de { $service }
web-emergency = Emergência
web-too-long = Esta mensagem é longa demais e não foi enviada. Encurte para { $limit } caracteres ou menos, ou mande em duas partes.
web-privacy-browser = Nesta página, seu navegador guarda só um código aleatório, só nesta aba, para o bot acompanhar a conversa. Ele some quando você fecha a aba. Sem cookies.
web-back = Voltar ao chat

# A person instead of the bot: the offer (it says plainly who sees the question),
# what the person sees after YES, and the name shown before a worker's words.
# needs-review: written by a non-native speaker; check with a native speaker.
handoff-offer = Quer ajuda de uma pessoa? Responda SIM e alguém da equipe de assistência jurídica vai escrever para você aqui. Sua pergunta será mostrada à equipe jurídica, mas não o seu número nem o seu nome.
handoff-opened = Obrigado. Enviei sua pergunta à equipe de assistência jurídica, sem o seu número. Alguém da equipe vai escrever para você aqui quando puder. Responda STOP para encerrar quando quiser.
handoff-relayed = Enviado à equipe de assistência jurídica.
handoff-closed = A equipe de assistência jurídica encerrou esta conversa. Você pode me fazer perguntas de novo quando quiser.
handoff-ended = Sua conversa com a equipe de assistência jurídica foi encerrada.
handoff-staff-label = Equipe de assistência jurídica

# Messages in the staff Telegram group, in [escalation] staff_language. Never a phone
# number, chat id or name: the ticket number stands for the person.
# needs-review: written by a non-native speaker; check with a native speaker.
staff-ticket =
    Caso #{ $number } · idioma: { $lang } · canal: { $channel } · tema: { $topic }
    Pergunta (sem números): { $question }
    Responda a esta mensagem para escrever à pessoa; ela vê suas palavras, não seu nome. Responda /close para encerrar o caso.
staff-from-person = #{ $number } ({ $lang }): { $text }
staff-closed = Caso #{ $number } encerrado; a pessoa foi avisada.
staff-ended = A pessoa encerrou o caso #{ $number } (STOP ou apagar dados). Não é possível enviar mais nada.
staff-no-ticket = Esse caso está encerrado ou expirou. Nada foi enviado.
staff-not-sent = Caso #{ $number }: não foi possível entregar a resposta. Tente mais tarde.

# Sent once when someone passes the [limits] in bot.toml; then the bot is silent for a while.
# needs-review
slow-down = Você está enviando mensagens muito rápido. Espere alguns minutos e escreva de novo. Não vou responder até lá.
