# taxbot 화면 문구, 한국어.
# translation: needs-review (원어민 검토 전)
# 사용자가 입력하는 명령어(메뉴, 더보기, 언어, 내정보삭제)는 language.toml의 [commands]와 같아야 해요.

welcome = 안녕하세요! 세금 정보 보호, ITIN, IRS와 ICE의 정보 공유에 대해 답해 드려요. 저는 변호사가 아니라 챗봇이에요. 소셜번호(SSN), ITIN, 주소는 절대 보내지 마세요.
menu-intro = 주제를 고르세요(번호로 답장). 아니면 질문을 입력하세요:
choice-line = { $number }. { $label }
menu-language = 언어 / Language

group-mou = IRS와 ICE 정보 공유
group-itin = ITIN 번호
group-filing = 세금보고
group-lawsuits = 법원 소송
group-help = 도움받기와 안전
group-intro = { $group }. 번호로 답하세요:

language-menu = 언어를 고르세요. 번호로 답하세요:
language-set = 네, 한국어로 답해 드릴게요.

suggest-intro = 제가 잘 이해했는지 모르겠어요. 이런 뜻인가요:
suggest-pick = 번호로 답하거나 다른 말로 물어보세요.
choice-invalid = 목록에 있는 번호로 답하거나 질문을 입력하세요.

fallback = 죄송해요, 그 질문에는 답을 드릴 수 없어요. 세금 정보 보호, ITIN, IRS와 ICE의 정보 공유에 대한 질문에만 답해요.

# needs-review: 도움받을 곳 목록 (이름과 번호는 faq/contacts.toml에 있어요)
contacts-intro = 도움을 받을 수 있는 곳:
contact-line = { $name }: { $reach }
contact-line-hours = { $name }: { $reach } ({ $hours })
contact-always = 24시간
contact-open = 지금 운영 중
contact-closed = 지금 운영 안 함
# needs-review
danger-line = 누가 잡혀갔거나 ICE가 지금 문 앞에 있다면 전화하세요: { $line }

help = 궁금한 걸 편하게 물어보세요. 주제 목록은 "메뉴", 언어 변경은 "언어", 답 계속 보기는 "더보기", 내 기록 지우기는 "내정보삭제"를 보내세요. 법률 조언이 아닌 정보예요.

optout-confirm = 이제 이 서비스에서 메시지를 받지 않아요. 다시 받으려면 START를 보내세요.
optin-confirm = 다시 오신 걸 환영해요. 질문을 보내거나 "메뉴"를 보내 주제를 보세요.

privacy-notice = 저장하는 건 아주 적어요: 쓰시는 언어와 대화가 어디까지 왔는지만, 전화번호가 아닌 알아볼 수 없는 코드로 저장해요. { $days ->
   *[other] { $days }일
} 동안 메시지가 없으면 지워져요. 지금 지우려면 "내정보삭제"를 보내세요.
forget-done = 완료: 저장해 둔 정보를 모두 지웠어요.

answer-checked = { $date } 확인.
# needs-review
answer-checked-time-sensitive = { $date } 확인. 자료는 2026년 중반까지라 판결이 바뀌었을 수 있어요.
more-prompt = 더 보려면 "더보기"
more-none = 이 주제는 여기까지예요. 다른 주제는 "메뉴"를 보내세요.

sensitive-warning = 소셜번호(SSN), ITIN, A-번호, 전화번호는 여기에 절대 보내지 마세요. 저장하지 않았어요.
thanks-reply = 천만에요. 다른 주제는 "메뉴"를 보내세요.

error-generic = 죄송해요, 저희 쪽에 문제가 생겼어요. 몇 분 뒤에 다시 해 보세요.
error-empty = 질문을 입력해 주세요.

text-only = 글자로 된 메시지만 읽을 수 있어요. 질문을 글로 입력해 주세요.
sms-help = { $service }: 세금 정보 보호와 ITIN 무료 정보예요. 법률 조언이 아니에요. 질문하거나 "메뉴"를 보내세요. 그만 받으려면 STOP을 보내세요. 메시지 빈도는 달라요. 문자·데이터 요금이 나올 수 있어요.

group-private = 본인 상황에 대한 질문은 개인 채팅으로 보내 주세요: { $link }
group-hint = 여기서는 /ask 뒤에 질문을 써서 물어보세요. 본인 상황은 개인 채팅으로 보내 주세요.

command-start = 시작하고 주제 보기
command-help = 이 챗봇 사용법
command-language = 언어 바꾸기
command-privacy = 이 챗봇이 저장하는 내 정보
command-forget = 이 챗봇이 저장한 내 정보 지우기

web-title = 세금 정보 보호 질문
web-intro = 세금 정보 보호, ITIN, IRS와 ICE의 정보 공유에 대해 물어보세요. 이름, 소셜번호(SSN), ITIN, 주소는 입력하지 마세요.
web-input-label = 질문
web-send = 보내기
web-language = 언어
web-error = 죄송해요, 메시지가 전송되지 않았어요. 다시 해 보세요.
# needs-review: written by a non-native speaker; check with a native speaker.
web-run-by = 운영:
web-privacy = 이 채팅이 개인정보를 보호하는 방법
web-org-privacy = { $service } 개인정보 처리방침
web-emergency = 긴급 상황
web-too-long = 메시지가 너무 길어서 보내지 않았습니다. { $limit }자 이하로 줄이거나 두 번에 나눠서 보내 주세요.
web-privacy-browser = 이 웹페이지에서 브라우저는 이 탭에만 임의의 코드 하나를 보관합니다. 봇이 대화를 이어 가기 위해서입니다. 탭을 닫으면 사라집니다. 쿠키는 쓰지 않습니다.
web-back = 채팅으로 돌아가기

# A person instead of the bot: the offer (it says plainly who sees the question),
# what the person sees after YES, and the name shown before a worker's words.
# needs-review: written by a non-native speaker; check with a native speaker.
handoff-offer = 사람의 도움을 원하세요? "네"라고 답하시면 법률 지원 직원이 여기로 연락드려요. 법률 지원 직원은 질문을 볼 수 있지만, 전화번호나 이름은 볼 수 없어요.
handoff-opened = 고마워요. 전화번호 없이 질문을 법률 지원 직원에게 보냈어요. 직원이 가능할 때 여기로 연락드려요. 언제든 STOP이라고 답하면 끝나요.
handoff-relayed = 법률 지원 직원에게 보냈어요.
handoff-closed = 법률 지원 직원이 이 대화를 끝냈어요. 언제든 다시 질문하실 수 있어요.
handoff-ended = 법률 지원 직원과의 대화가 끝났어요.
handoff-staff-label = 법률 지원 직원

# Messages in the staff Telegram group, in [escalation] staff_language. Never a phone
# number, chat id or name: the ticket number stands for the person.
# needs-review: written by a non-native speaker; check with a native speaker.
staff-ticket =
    사례 #{ $number } · 언어: { $lang } · 채널: { $channel } · 주제: { $topic }
    질문(숫자 삭제됨): { $question }
    이 메시지에 답장하면 그 사람에게 글이 전달돼요. 상대는 보낸 사람 이름은 못 보고 글만 봐요. /close로 답하면 사례가 끝나요.
staff-from-person = #{ $number } ({ $lang }): { $text }
staff-closed = 사례 #{ $number }이(가) 끝났고 당사자에게 알렸어요.
staff-ended = 당사자가 사례 #{ $number }을(를) 끝냈어요(STOP 또는 정보 삭제). 더 이상 보낼 수 없어요.
staff-no-ticket = 이 사례는 끝났거나 만료됐어요. 아무것도 보내지 않았어요.
staff-not-sent = 사례 #{ $number }: 답장을 전달하지 못했어요. 나중에 다시 해 보세요.

# Sent once when someone passes the [limits] in bot.toml; then the bot is silent for a while.
# needs-review
slow-down = 메시지를 너무 빨리 보내고 있어요. 몇 분 기다린 뒤 다시 써 주세요. 그때까지는 답하지 않아요.
