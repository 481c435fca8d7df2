# Textos de la interfaz de taxbot, español.
# translation: needs-review (escrito sin revisión de un hablante nativo)

welcome = ¡Hola! Respondo preguntas sobre la privacidad de los impuestos, el ITIN y el intercambio de datos entre el IRS y ICE. Soy un bot, no un abogado. Nunca me mande su número de Seguro Social, ITIN ni su dirección.
menu-intro = Elija un tema (responda con el número) o escriba su pregunta:
choice-line = { $number }. { $label }
menu-language = Idioma / Language

group-mou = Datos del IRS y ICE
group-itin = El número ITIN
group-filing = Declarar impuestos
group-lawsuits = Casos en la corte
group-help = Ayuda y seguridad
group-intro = { $group }. Responda con un número:

language-menu = Elija su idioma. Responda con un número:
language-set = Listo, le responderé en español.

suggest-intro = No estoy seguro de haber entendido. ¿Quiso decir:
suggest-pick = Responda con un número, o pregunte con otras palabras.
choice-invalid = Responda con un número de la lista, o escriba su pregunta.

fallback = Lo siento, no tengo respuesta para eso. Solo respondo preguntas sobre la privacidad de los impuestos, el ITIN y los datos que el IRS comparte con ICE.

# needs-review: lista de contactos (nombres y números en faq/contacts.toml)
contacts-intro = Quién le puede ayudar:
contact-line = { $name }: { $reach }
contact-line-hours = { $name }: { $reach } ({ $hours })
contact-always = 24/7
contact-open = abierto ahora
contact-closed = cerrado ahora
# needs-review
danger-line = Si detuvieron a alguien o ICE está en la puerta ahora, llame a { $line }

help = Haga su pregunta con sus propias palabras. Responda MENU para ver temas, IDIOMA para cambiar de idioma, MAS para el resto de una respuesta, BORRAR MIS DATOS para borrar lo que guardo. Esto es información, no consejo legal.

optout-confirm = No recibirá más mensajes de este servicio. Responda START para volver.
optin-confirm = Bienvenido de nuevo. Haga una pregunta o responda MENU para ver temas.

privacy-notice = Guardo muy poco: su idioma y en qué parte de la conversación va, bajo un código revuelto, no su número. Se borra después de { $days ->
    [one] { $days } día
   *[other] { $days } días
} sin mensajes. Responda BORRAR MIS DATOS para borrarlo ya.
forget-done = Listo: borré todo lo que guardaba sobre usted.

answer-checked = Información revisada el { $date }.
# needs-review
answer-checked-time-sensitive = Información revisada el { $date }. Datos hasta mediados de 2026: las decisiones de las cortes pueden haber cambiado.
more-prompt = Responda MAS para seguir.
more-none = Eso es todo lo que tengo sobre este tema. Responda MENU para ver otros temas.

sensitive-warning = Por favor nunca mande aquí un número de Seguro Social, ITIN, número A ni de teléfono. No lo guardé.
thanks-reply = De nada. Responda MENU para ver más temas.

error-generic = Lo siento, algo falló de nuestro lado. Intente de nuevo en unos minutos.
error-empty = Por favor escriba su pregunta.

text-only = Solo puedo leer mensajes de texto. Por favor escriba su pregunta con palabras.
sms-help = { $service }: información gratis sobre privacidad de impuestos e ITIN, no es consejo legal. Pregunte o responda MENU. Responda STOP (o PARAR) para no recibir más. La frecuencia de mensajes varía. Pueden aplicarse tarifas de mensajes y datos.

group-private = Para todo lo que sea sobre su propia situación, escríbame en un chat privado: { $link }
group-hint = Pregúnteme aquí con /ask y su pregunta. Para su propia situación, escríbame en privado.

command-start = Empezar y ver los temas
command-help = Cómo usar este bot
command-language = Cambiar el idioma
command-privacy = Lo que este bot guarda sobre usted
command-forget = Borrar lo que este bot guarda sobre usted

web-title = Preguntas sobre la privacidad de los impuestos
web-intro = Haga una pregunta sobre la privacidad de los impuestos, el ITIN o el intercambio de datos entre el IRS y ICE. No escriba su nombre, número de Seguro Social, ITIN ni dirección.
web-input-label = Su pregunta
web-send = Enviar
web-language = Idioma
web-error = Lo siento, el mensaje no se envió. Por favor intente de nuevo.
# needs-review: written by a non-native speaker; check with a native speaker.
web-run-by = A cargo de:
web-privacy = Cómo protege este chat su privacidad
web-org-privacy = Política de privacidad de { $service }
web-emergency = Emergencia
web-too-long = Este mensaje es demasiado largo y no se envió. Acórtelo a { $limit } caracteres o menos, o mándelo en dos partes.
web-privacy-browser = En esta página, su navegador guarda solo un código al azar, y solo en esta pestaña, para que el bot pueda seguir la conversación. Se borra al cerrar la pestaña. Sin cookies.
web-back = Volver al chat

# A person instead of the bot: the offer (it says plainly who sees the question),
# what the person sees after YES, and the name shown before a worker's words.
# needs-review: written by a non-native speaker; check with a native speaker.
handoff-offer = ¿Quiere que una persona le ayude? Responda SI y un trabajador de ayuda legal le escribirá aquí. Su pregunta se mostrará al personal de ayuda legal, pero no su número ni su nombre.
handoff-opened = Gracias. Envié su pregunta al personal de ayuda legal, sin su número. Un trabajador le escribirá aquí cuando pueda. Responda STOP para terminar cuando quiera.
handoff-relayed = Enviado al trabajador de ayuda legal.
handoff-closed = El trabajador de ayuda legal cerró esta conversación. Puede hacerme preguntas otra vez cuando quiera.
handoff-ended = Su conversación con el personal de ayuda legal está cerrada.
handoff-staff-label = Trabajador de ayuda legal

# Messages in the staff Telegram group, in [escalation] staff_language. Never a phone
# number, chat id or name: the ticket number stands for the person.
# needs-review: written by a non-native speaker; check with a native speaker.
staff-ticket =
    Caso #{ $number } · idioma: { $lang } · canal: { $channel } · tema: { $topic }
    Pregunta (sin números): { $question }
    Responda a este mensaje para escribirle a la persona; verá sus palabras, no su nombre. Responda /close para cerrar el caso.
staff-from-person = #{ $number } ({ $lang }): { $text }
staff-closed = Caso #{ $number } cerrado; se le avisó a la persona.
staff-ended = La persona terminó el caso #{ $number } (STOP o borrar datos). Ya no se puede enviar nada.
staff-no-ticket = Ese caso está cerrado o venció. No se envió nada.
staff-not-sent = Caso #{ $number }: no se pudo entregar la respuesta. Intente más tarde.

# Sent once when someone passes the [limits] in bot.toml; then the bot is silent for a while.
# needs-review
slow-down = Está enviando mensajes muy rápido. Espere unos minutos y escriba otra vez. No responderé hasta entonces.
