/// The words the generated calls are made of: realistic Vietnamese names with diacritics,
/// Vietnamese mobile prefixes, Chinese areas for ICSOC, and the tags and notes a call centre writes.
enum Vocabulary {
    static let familyNames = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ",
                              "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý"]
    static let middleNames = ["Văn", "Thị", "Hữu", "Minh", "Ngọc", "Thanh", "Đức", "Quang", "Thu", "Xuân"]
    static let givenNames = ["An", "Bình", "Cường", "Dũng", "Đức", "Giang", "Hà", "Hải", "Hạnh", "Hiếu",
                             "Hoa", "Hùng", "Hương", "Khánh", "Lan", "Linh", "Long", "Mai", "Minh", "Nam",
                             "Nga", "Ngọc", "Phúc", "Phương", "Quân", "Sơn", "Tâm", "Thảo", "Thành", "Tiến",
                             "Trang", "Trung", "Tú", "Tuấn", "Vy", "Yến", "Ánh", "Ân", "Ý", "Ưng"]
    /// Vietnamese mobile prefixes (Viettel, Mobifone, Vinaphone, Vietnamobile).
    static let mobilePrefixes = ["032", "033", "034", "035", "036", "037", "038", "039", "070", "076",
                                 "077", "078", "079", "081", "082", "083", "084", "085", "086", "088",
                                 "089", "090", "091", "093", "094", "096", "097", "098", "056", "058"]
    static let carriers = ["viettel", "mobifone", "vinaphone", "vietnamobile"]
    static let tags = ["vip", "dongy", "hailong", "goilaisau", "khieunai", "baohanh", "tuvan",
                       "khuyenmai", "donhang", "huy"]
    static let notes = ["Khách hỏi về khuyến mãi tháng này", "Gọi lại sau 17h", "Khách phàn nàn giao hàng chậm",
                        "Đã tư vấn gói cước mới", "Khách đồng ý gia hạn hợp đồng", "Hẹn gặp trực tiếp tại chi nhánh",
                        "Khách cần hỗ trợ kỹ thuật, đã chuyển tổ IT", "Xác nhận đơn hàng #DH2041",
                        "Không liên lạc được, để lại lời nhắn", "Khách muốn đổi sản phẩm bảo hành"]
    static let chineseAreas: [(code: String, name: String)] = [
        ("0755", "广东 深圳"), ("0376", "河南 信阳"), ("010", "北京"), ("021", "上海"), ("0571", "浙江 杭州"),
        ("025", "江苏 南京"), ("028", "四川 成都"), ("027", "湖北 武汉"), ("020", "广东 广州"), ("0591", "福建 福州"),
    ]
    static let chineseMobilePrefixes = ["130", "135", "138", "139", "150", "156", "158", "176", "185", "186", "189"]
    static let botTurns = [
        ("Bot", "Xin chào, em là trợ lý ảo của công ty. Anh/chị có quan tâm gói ưu đãi tháng này không ạ?"),
        ("Khách", "Ừ, nói tôi nghe thử."),
        ("Bot", "Gói ưu đãi giảm 20% cho khách hàng đăng ký trước ngày 30. Anh/chị muốn nhân viên gọi lại tư vấn không ạ?"),
        ("Khách", "Được, chiều mai gọi lại nhé."),
        ("Bot", "Dạ em cảm ơn anh/chị, chúc anh/chị một ngày tốt lành."),
    ]

    /// Values that a terminal must never interpret: they retitle the window, clear the screen,
    /// move the cursor or ring the bell if written raw. The TUI and CLI have to show them as
    /// placeholders. They are given to a few recent calls on purpose.
    static let hostileName = "Nguyễn \u{1B}]0;PWNED\u{07}Văn \u{1B}[2J\u{1B}[HHacker\u{9B}31m"
    static let hostileNote = "Gọi lại\u{1B}[31m ĐỎ\u{1B}[0m\r\nghi đè\u{08}\u{08}\u{7F}\u{00} \u{202E}txt.exe"

    /// The same text without diacritics, as OMICall's `full_name_unsigned` holds it.
    static func unsigned(_ text: String) -> String {
        var out = ""
        for ch in text {
            switch ch {
            case "Đ": out.append("D")
            case "đ": out.append("d")
            default:
                let base = String(ch).decomposedStringWithCanonicalMapping.unicodeScalars.first { $0.value < 0x300 || $0.value > 0x36F }
                out.unicodeScalars.append(base ?? " ")
            }
        }
        return out
    }
}
