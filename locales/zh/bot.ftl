# taxbot 的界面文字，简体中文。
# translation: needs-review (not checked by a native speaker)
# 发短信的文字要短，不用花引号和表情符号。

welcome = 您好！我回答关于报税隐私、ITIN和IRS把资料分享给ICE的问题。我是机器人，不是律师。千万不要发给我您的社安号、ITIN或地址。
menu-intro = 请选一个话题（回复数字），或直接打字问：
choice-line = { $number }. { $label }
menu-language = 语言 / Language

group-mou = IRS和ICE分享资料
group-itin = ITIN税号
group-filing = 报税
group-lawsuits = 法院的官司
group-help = 求助和安全
group-intro = { $group }。请回复数字：

language-menu = 请选择语言。回复数字：
language-set = 好的，我会用中文回答。

suggest-intro = 我不太确定明白您的意思。您是想问：
suggest-pick = 请回复数字，或换个说法再问。
choice-invalid = 请回复列表里的数字，或直接打字问。

fallback = 对不起，这个问题我没有答案。我只回答关于报税隐私、ITIN和IRS把资料分享给ICE的问题。

# needs-review: 求助联系名单（名称和号码在 faq/contacts.toml）
contacts-intro = 可以帮忙的机构：
contact-line = { $name }：{ $reach }
contact-line-hours = { $name }：{ $reach }（{ $hours }）
contact-always = 24小时
contact-open = 现在开放
contact-closed = 现在关闭
# needs-review
danger-line = 如果有人被抓，或ICE现在就在门口，请打电话：{ $line }

help = 用您自己的话问就可以。回复"菜单"看话题，"语言"换语言，"更多"看答案的其余部分，"删除我的资料"删除我保存的关于您的东西。这是信息，不是法律意见。

optout-confirm = 您不会再收到这个服务的短信。回复START可以重新开始。
optin-confirm = 欢迎回来。请直接问问题，或回复"菜单"看话题。

privacy-notice = 我保存的很少：您用的语言和聊到哪一步，用打乱的代码保存，不是您的电话号码。{ $days ->
   *[other] { $days }天
}没有消息就会删除。回复"删除我的资料"可以马上删除。
forget-done = 好了：我已经删除了保存的关于您的所有东西。

answer-checked = { $date }核对。
# needs-review
answer-checked-time-sensitive = { $date }核对。资料只到2026年年中，法院的裁决可能已有变化。
more-prompt = 回复"更多"看详情
more-none = 这个话题我知道的就这些。回复"菜单"看其他话题。

sensitive-warning = 请千万不要在这里发社安号、ITIN、A号码或电话号码。我没有保存。
thanks-reply = 不客气。回复"菜单"看更多话题。

error-generic = 对不起，我们这边出了问题。请过几分钟再试。
error-empty = 请打字输入您的问题。

text-only = 我只能读文字消息。请打字输入您的问题。
sms-help = { $service }：报税隐私和ITIN的免费信息，不是法律意见。可直接提问或回复"菜单"。回复STOP停止接收。消息频率不定。可能收取短信和数据费。

group-private = 关于您自己的情况，请私聊我：{ $link }
group-hint = 在这里提问请用 /ask 加上您的问题。您自己的情况，请私聊我。

command-start = 开始并查看话题
command-help = 怎样使用这个机器人
command-language = 换语言
command-privacy = 这个机器人保存了您的什么
command-forget = 删除这个机器人保存的关于您的东西

web-title = 报税隐私问题
web-intro = 请提出关于报税隐私、ITIN或IRS把资料分享给ICE的问题。请不要输入您的姓名、社安号、ITIN或地址。
web-input-label = 您的问题
web-send = 发送
web-language = 语言
web-error = 对不起，消息没有发出去。请再试一次。
# needs-review: written by a non-native speaker; check with a native speaker.
web-run-by = 运营方：
web-privacy = 本聊天如何保护您的隐私
web-org-privacy = { $service }的隐私政策
web-emergency = 紧急情况
web-too-long = 这条消息太长，没有发出去。请缩短到{ $limit }个字以内，或分两次发送。
web-privacy-browser = 在这个网页上，您的浏览器只为这个标签页保存一个随机代码，让机器人能接着对话。关掉标签页后它就没有了。不用cookie。
web-back = 回到聊天

# A person instead of the bot: the offer (it says plainly who sees the question),
# what the person sees after YES, and the name shown before a worker's words.
# needs-review: written by a non-native speaker; check with a native speaker.
handoff-offer = 想要真人帮助吗？回复“是”，法律援助工作人员会在这里给您发消息。法律援助人员会看到您的问题，但看不到您的电话号码或姓名。
handoff-opened = 谢谢。我已把您的问题发给法律援助人员，没有附上您的号码。工作人员有空时会在这里给您发消息。随时回复 STOP 可以结束。
handoff-relayed = 已发给法律援助工作人员。
handoff-closed = 法律援助工作人员已结束这次对话。您随时可以再问我问题。
handoff-ended = 您与法律援助人员的对话已结束。
handoff-staff-label = 法律援助工作人员

# Messages in the staff Telegram group, in [escalation] staff_language. Never a phone
# number, chat id or name: the ticket number stands for the person.
# needs-review: written by a non-native speaker; check with a native speaker.
staff-ticket =
    个案 #{ $number } · 语言：{ $lang } · 渠道：{ $channel } · 主题：{ $topic }
    问题（已去掉数字）：{ $question }
    回复这条消息即可给对方发消息；对方看到的是您的文字，不是您的姓名。回复 /close 结束个案。
staff-from-person = #{ $number }（{ $lang }）：{ $text }
staff-closed = 个案 #{ $number } 已结束，已通知对方。
staff-ended = 对方已结束个案 #{ $number }（STOP 或删除资料）。无法再发送任何内容。
staff-no-ticket = 该个案已结束或过期。没有发送任何内容。
staff-not-sent = 个案 #{ $number }：回复无法送达。请稍后再试。

# Sent once when someone passes the [limits] in bot.toml; then the bot is silent for a while.
# needs-review
slow-down = 您发消息太快了。请等几分钟再写。在那之前我不会回复。
