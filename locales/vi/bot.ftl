# Chuỗi giao diện của taxbot, tiếng Việt.
# translation: needs-review (viết khi chưa có người bản ngữ kiểm tra)
# Chữ lệnh người dùng gõ (THÊM, MENU, NGÔN NGỮ, XÓA DỮ LIỆU CỦA TÔI) phải có trong locales/vi/language.toml.

welcome = Chào bạn! Tôi trả lời câu hỏi về bảo mật thuế, ITIN và việc IRS chia sẻ dữ liệu với ICE. Tôi là bot, không phải luật sư. Đừng gửi SSN, ITIN hay địa chỉ của bạn.
menu-intro = Chọn chủ đề (nhắn số), hoặc gõ câu hỏi của bạn:
choice-line = { $number }. { $label }
menu-language = Ngôn ngữ / Language

group-mou = IRS chia sẻ dữ liệu với ICE
group-itin = Số ITIN
group-filing = Khai thuế
group-lawsuits = Các vụ kiện
group-help = Tìm giúp đỡ và giữ an toàn
group-intro = { $group }. Nhắn một số:

language-menu = Chọn ngôn ngữ. Nhắn một số:
language-set = OK, tôi sẽ trả lời bằng tiếng Việt.

suggest-intro = Tôi không chắc mình hiểu đúng. Có phải bạn hỏi:
suggest-pick = Nhắn một số, hoặc hỏi bằng cách khác.
choice-invalid = Vui lòng nhắn một số trong danh sách, hoặc gõ câu hỏi của bạn.

fallback = Xin lỗi, tôi không có câu trả lời cho việc này. Tôi chỉ trả lời về bảo mật thuế, ITIN và việc IRS chia sẻ dữ liệu với ICE.

# needs-review: danh sách nơi giúp đỡ (tên và số điện thoại trong faq/contacts.toml)
contacts-intro = Nơi có thể giúp bạn:
contact-line = { $name }: { $reach }
contact-line-hours = { $name }: { $reach } ({ $hours })
contact-always = 24/7
contact-open = đang mở
contact-closed = đang đóng
# needs-review
danger-line = Nếu có người bị bắt hoặc ICE đang ở trước cửa, hãy gọi { $line }

help = Cứ hỏi bằng lời của bạn. Nhắn MENU để xem chủ đề, NGÔN NGỮ để đổi ngôn ngữ, THÊM để đọc tiếp, XÓA DỮ LIỆU CỦA TÔI để xóa những gì tôi giữ về bạn. Đây là thông tin, không phải tư vấn pháp lý.

optout-confirm = Bạn sẽ không nhận thêm tin nhắn nào từ dịch vụ này. Nhắn START để quay lại.
optin-confirm = Chào mừng bạn trở lại. Hãy đặt câu hỏi hoặc nhắn MENU để xem chủ đề.

privacy-notice = Tôi giữ rất ít: ngôn ngữ của bạn và chỗ bạn đang ở trong cuộc trò chuyện, dưới một mã ẩn danh, không giữ số của bạn. Sẽ xóa sau { $days ->
   *[other] { $days } ngày
} không nhắn tin. Nhắn XÓA DỮ LIỆU CỦA TÔI để xóa ngay.
forget-done = Xong: tôi đã xóa hết những gì tôi giữ về bạn.

answer-checked = Đã kiểm tra { $date }.
# needs-review
answer-checked-time-sensitive = Đã kiểm tra { $date }; tin tới giữa 2026, phán quyết có thể đã đổi.
# How { $date } is written ("22/11/2026"), not Babel's "22 thg 11, 2026".
# needs-review
date-format = { $day }/{ $month }/{ $year }
more-prompt = Nhắn THÊM để đọc tiếp.
more-none = Tôi chỉ có vậy về chủ đề này. Nhắn MENU để xem chủ đề khác.

sensitive-warning = Xin đừng bao giờ gửi SSN, ITIN, số A hay số điện thoại ở đây. Tôi đã không giữ số đó.
thanks-reply = Không có gì. Nhắn MENU để xem thêm chủ đề.

error-generic = Xin lỗi, bên chúng tôi bị lỗi. Vui lòng thử lại sau vài phút.
error-empty = Vui lòng gõ câu hỏi của bạn.

text-only = Tôi chỉ đọc được tin nhắn chữ. Vui lòng gõ câu hỏi của bạn bằng chữ.
sms-help = { $service }: thông tin miễn phí, không phải tư vấn pháp lý. Hỏi hoặc nhắn MENU. Nhắn STOP để ngừng. Số tin tùy lúc. Có thể tốn phí SMS, dữ liệu.

group-private = Nếu hỏi về trường hợp riêng của bạn, hãy nhắn riêng cho tôi: { $link }
group-hint = Hỏi tôi ở đây bằng /ask và câu hỏi của bạn. Về trường hợp riêng của bạn, hãy nhắn riêng cho tôi.

command-start = Bắt đầu và xem các chủ đề
command-help = Cách dùng bot này
command-language = Đổi ngôn ngữ
command-privacy = Bot này giữ gì về bạn
command-forget = Xóa những gì bot này giữ về bạn

web-title = Câu hỏi về bảo mật thuế
web-intro = Hãy đặt câu hỏi về bảo mật thuế, ITIN hoặc việc IRS chia sẻ dữ liệu với ICE. Đừng gõ tên, SSN, ITIN hay địa chỉ của bạn.
web-input-label = Câu hỏi của bạn
web-send = Gửi
web-language = Ngôn ngữ
web-error = Xin lỗi, tin nhắn chưa gửi được. Vui lòng thử lại.
# needs-review: written by a non-native speaker; check with a native speaker.
web-run-by = Đơn vị điều hành:
web-privacy = Cách cuộc trò chuyện này bảo vệ quyền riêng tư của bạn
web-org-privacy = Chính sách quyền riêng tư của { $service }
web-emergency = Khẩn cấp
web-too-long = Tin nhắn này quá dài nên chưa được gửi. Vui lòng rút ngắn còn { $limit } ký tự trở xuống, hoặc gửi làm hai phần.
web-privacy-browser = Trên trang này, trình duyệt của bạn chỉ giữ một mã ngẫu nhiên, chỉ cho thẻ này, để bot theo dõi cuộc trò chuyện. Mã mất khi bạn đóng thẻ. Không dùng cookie.
web-back = Quay lại trò chuyện

# A person instead of the bot: the offer (it says plainly who sees the question),
# what the person sees after YES, and the name shown before a worker's words.
# needs-review: written by a non-native speaker; check with a native speaker.
handoff-offer = Bạn muốn có người giúp không? Trả lời CÓ và một nhân viên trợ giúp pháp lý sẽ nhắn cho bạn ở đây. Nhân viên pháp lý sẽ thấy câu hỏi của bạn, nhưng không thấy số điện thoại hay tên của bạn.
handoff-opened = Cảm ơn bạn. Tôi đã gửi câu hỏi của bạn cho nhân viên trợ giúp pháp lý, không kèm số của bạn. Một nhân viên sẽ nhắn cho bạn ở đây khi có thể. Trả lời STOP để dừng bất cứ lúc nào.
handoff-relayed = Đã gửi cho nhân viên trợ giúp pháp lý.
handoff-closed = Nhân viên trợ giúp pháp lý đã đóng cuộc trò chuyện này. Bạn có thể hỏi tôi lại bất cứ lúc nào.
handoff-ended = Cuộc trò chuyện của bạn với nhân viên pháp lý đã đóng.
handoff-staff-label = Nhân viên trợ giúp pháp lý

# Messages in the staff Telegram group, in [escalation] staff_language. Never a phone
# number, chat id or name: the ticket number stands for the person.
# needs-review: written by a non-native speaker; check with a native speaker.
staff-ticket =
    Hồ sơ #{ $number } · ngôn ngữ: { $lang } · kênh: { $channel } · chủ đề: { $topic }
    Câu hỏi (đã bỏ các số): { $question }
    Trả lời tin nhắn này để viết cho người đó; họ thấy lời của bạn, không thấy tên bạn. Trả lời /close để đóng hồ sơ.
staff-from-person = #{ $number } ({ $lang }): { $text }
staff-closed = Hồ sơ #{ $number } đã đóng; người đó đã được báo.
staff-ended = Người đó đã kết thúc hồ sơ #{ $number } (STOP hoặc xóa dữ liệu). Không thể gửi gì thêm.
staff-no-ticket = Hồ sơ này đã đóng hoặc hết hạn. Chưa gửi gì cả.
staff-not-sent = Hồ sơ #{ $number }: không gửi được câu trả lời. Hãy thử lại sau.

# Sent once when someone passes the [limits] in bot.toml; then the bot is silent for a while.
# needs-review
slow-down = Bạn đang gửi tin nhắn quá nhanh. Vui lòng chờ vài phút rồi viết lại. Tôi sẽ không trả lời cho đến lúc đó.
