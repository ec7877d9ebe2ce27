import CNCursesW
import Testing
@testable import CallScopeTUI

@Suite("Keys")
struct KeyTests {
    static var everyKey: [Key] {
        var keys: [Key] = []
        for v in UInt32(0x21)...UInt32(0x7E) { keys.append(.char(Character(Unicode.Scalar(v)!))) }
        keys += ["ễ", "广", "ế", "Đ", "é"].map { Key.char($0) }
        keys.append(.char(" "))
        for v in UInt32(0x61)...UInt32(0x7A) { keys.append(.ctrl(Character(Unicode.Scalar(v)!))) }
        keys += ["@", "\\", "]", "^", "_"].map { Key.ctrl($0) }
        let nav: [Key] = [.up, .down, .left, .right, .home, .end, .pageUp, .pageDown, .insert, .delete]
        keys += nav
        keys += [.tab, .backTab, .enter, .escape, .backspace, .resize]
        keys += (1...63).map { Key.function($0) }
        for key in nav {
            for bits in UInt8(1)...7 { keys.append(.modified(key, KeyModifiers(rawValue: bits))) }
        }
        return keys
    }

    @Test func everyKeyNameReadsBack() {
        var names = Set<String>()
        for key in Self.everyKey {
            #expect(Key(name: key.name) == key, "\(key.name)")
            names.insert(key.name)
        }
        #expect(names.count == Self.everyKey.count)  // names are unique
    }

    @Test func canonicalNames() {
        #expect(Key.ctrl("d").name == "ctrl-d")
        #expect(Key.pageDown.name == "pgdn")
        #expect(Key.pageUp.name == "pgup")
        #expect(Key.char("?").name == "?")
        #expect(Key.char("G").name == "G")
        #expect(Key.char(" ").name == "space")
        #expect(Key.backTab.name == "shift-tab")
        #expect(Key.escape.name == "esc")
        #expect(Key.function(5).name == "f5")
        #expect(Key.modified(.left, .ctrl).name == "ctrl-left")
        #expect(Key.modified(.right, [.ctrl, .shift]).name == "ctrl-shift-right")
        #expect(Key.mouse(MouseEvent(.wheelDown, row: 3, column: 9)).name == "wheel-down")
        #expect(Key.mouse(MouseEvent(.press(1), row: 3, column: 9, modifiers: .ctrl)).name == "ctrl-click")
    }

    @Test(arguments: [
        ("PgDn", Key.pageDown), ("pagedown", .pageDown), ("C-d", .ctrl("d")), ("ctrl+D", .ctrl("d")),
        ("^D", .ctrl("d")), ("Return", .enter), ("ESC", .escape), ("btab", .backTab), ("Shift-Tab", .backTab),
        ("s-tab", .backTab), ("del", .delete), ("shift-ctrl-right", .modified(.right, [.ctrl, .shift])),
        ("M-up", .modified(.up, .alt)), ("F12", .function(12)), ("space", .char(" ")), (" ", .char(" ")),
        ("g", .char("g")), ("G", .char("G")),
    ])
    func aliases(name: String, key: Key) {
        #expect(Key(name: name) == key)
    }

    @Test(arguments: ["", "ctrl-", "foo", "ctrl-pgdnx", "f64", "f0", "\u{1B}", "ctrl-1", "shift-q", "\u{0301}", "ctrl-ctrl"])
    func notKeys(name: String) {
        #expect(Key(name: name) == nil)
    }

    @Test func mouseNamesReadBack() {
        for name in ["click", "click2", "click3", "release", "wheel-up", "wheel-down", "ctrl-click", "shift-wheel-up"] {
            #expect(Key(name: name)?.name == name)
        }
    }

    @Test func decodesCharacters() {
        let cases: [(UInt32, Key?)] = [
            (13, .enter), (10, .enter), (9, .tab), (27, .escape), (127, .backspace), (8, .backspace),
            (4, .ctrl("d")), (21, .ctrl("u")), (12, .ctrl("l")), (3, .ctrl("c")), (19, .ctrl("s")),
            (0, .ctrl("@")), (0x1C, .ctrl("\\")), (0x1F, .ctrl("_")), (0x71, .char("q")), (0x3F, .char("?")),
            (0x20, .char(" ")), (0x1EC5, .char("ễ")), (0x5E7F, .char("广")), (0x85, nil), (0xD800, nil),
        ]
        for (value, key) in cases {
            #expect(KeyDecoder.decode(character: value) == key, "\(value)")
        }
    }

    @Test func imeTextArrivesAsCharacters() {
        let typed = "Khách hỏi 广东"
        let keys = typed.unicodeScalars.compactMap { KeyDecoder.decode(character: $0.value) }
        #expect(String(keys.compactMap(\.typedCharacter)) == typed)
    }

    @Test func decodesKeyCodes() {
        let cases: [(Int32, Key)] = [
            (KEY_NPAGE, .pageDown), (KEY_PPAGE, .pageUp), (KEY_HOME, .home), (KEY_END, .end),
            (KEY_BTAB, .backTab), (KEY_DC, .delete), (KEY_IC, .insert), (KEY_BACKSPACE, .backspace),
            (KEY_ENTER, .enter), (KEY_UP, .up), (KEY_DOWN, .down), (KEY_LEFT, .left), (KEY_RIGHT, .right),
            (cs_KEY_F(1), .function(1)), (cs_KEY_F(12), .function(12)), (KEY_RESIZE, .resize),
            (KEY_FIND, .home), (KEY_SELECT, .end), (KEY_SLEFT, .modified(.left, .shift)), (KEY_SR, .modified(.up, .shift)),
        ]
        for (code, key) in cases {
            #expect(KeyDecoder.decode(keyCode: code, name: nil) == key, "\(code)")
        }
        #expect(KeyDecoder.decode(keyCode: 9999, name: nil) == nil)
    }

    @Test func decodesXtermModifiedKeys() {
        #expect(KeyDecoder.decode(keyCode: 600, name: "kLFT5") == .modified(.left, .ctrl))
        #expect(KeyDecoder.decode(keyCode: 600, name: "kRIT3") == .modified(.right, .alt))
        #expect(KeyDecoder.decode(keyCode: 600, name: "kDN6") == .modified(.down, [.ctrl, .shift]))
        #expect(KeyDecoder.decode(keyCode: 600, name: "kDC5") == .modified(.delete, .ctrl))
        #expect(KeyDecoder.decode(keyCode: 600, name: "kUP") == nil)
        #expect(KeyDecoder.decode(keyCode: 600, name: "kFOO5") == nil)
    }
}
