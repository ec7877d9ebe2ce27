import CallScopeText
/// Modifier keys reported with navigation keys (xterm's modified cursor keys) and mouse events.
public struct KeyModifiers: OptionSet, Hashable, Sendable {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }
    public static let shift = KeyModifiers(rawValue: 1)
    public static let alt = KeyModifiers(rawValue: 2)
    public static let ctrl = KeyModifiers(rawValue: 4)

    /// Prefixes in name order: "ctrl-alt-shift-".
    var prefix: String {
        (contains(.ctrl) ? "ctrl-" : "") + (contains(.alt) ? "alt-" : "") + (contains(.shift) ? "shift-" : "")
    }
}

/// A mouse event: a button press or release, or a wheel step, at a cell.
public struct MouseEvent: Hashable, Sendable {
    public enum Kind: Hashable, Sendable {
        /// Button 1 (left), 2 (middle) or 3 (right) pressed.
        case press(Int)
        /// A button released.
        case release(Int)
        case wheelUp
        case wheelDown
    }
    public var kind: Kind
    public var position: Position
    public var modifiers: KeyModifiers

    public init(_ kind: Kind, row: Int, column: Int, modifiers: KeyModifiers = []) {
        self.kind = kind
        self.position = Position(row: row, column: column)
        self.modifiers = modifiers
    }
}

/// One key press (or mouse event, or resize) as the app sees it, decoded from ncurses input.
///
/// Every key has a readable `name` ("j", "G", "?", "ctrl-d", "pgdn", "shift-tab", "f5",
/// "ctrl-left", "enter", "space", "wheel-down") and `Key(name:)` reads names back (with aliases:
/// "pagedown", "C-d", "ctrl+d", "^D", "return", "esc", "btab", …), so a key table can be written as
/// data and rebound from the config's `[keys]` table.
public enum Key: Hashable, Sendable, CustomStringConvertible {
    /// A printable character, including wide characters and characters composed by an IME
    /// ("j", "G", "?", " ", "ễ", "广").
    case char(Character)
    /// Control plus a letter (always lowercase: `.ctrl("d")`) or one of `@ [ \ ] ^ _`. Ctrl-I,
    /// Ctrl-M and Ctrl-H arrive as `.tab`, `.enter` and `.backspace` (terminals send the same bytes).
    case ctrl(Character)
    case up, down, left, right
    case home, end, pageUp, pageDown
    case insert, delete
    case tab, backTab, enter, escape, backspace
    /// F1…F63 (shifted function keys arrive as higher numbers on many terminals: shift-F1 = F13).
    case function(Int)
    /// A navigation key with modifiers (ctrl-left, shift-up, alt-pgdn, ctrl-delete). The key is
    /// one of the arrows, home, end, pageUp, pageDown, insert, delete, and the set is not empty.
    indirect case modified(Key, KeyModifiers)
    case mouse(MouseEvent)
    /// The terminal changed size (the backend's `size` is already the new one).
    case resize

    // MARK: Names

    public var description: String { name }

    /// The canonical readable name. Mouse names leave out the position ("click", "wheel-up").
    public var name: String {
        switch self {
        case .char(" "): return "space"
        case .char(let c): return String(c)
        case .ctrl(let c): return "ctrl-" + String(c)
        case .up: return "up"
        case .down: return "down"
        case .left: return "left"
        case .right: return "right"
        case .home: return "home"
        case .end: return "end"
        case .pageUp: return "pgup"
        case .pageDown: return "pgdn"
        case .insert: return "insert"
        case .delete: return "delete"
        case .tab: return "tab"
        case .backTab: return "shift-tab"
        case .enter: return "enter"
        case .escape: return "esc"
        case .backspace: return "backspace"
        case .function(let n): return "f\(n)"
        case .modified(let key, let mods): return mods.prefix + key.name
        case .mouse(let m):
            let mods = m.modifiers.prefix
            switch m.kind {
            case .press(1): return mods + "click"
            case .press(let b): return mods + "click\(b)"
            case .release(1): return mods + "release"
            case .release(let b): return mods + "release\(b)"
            case .wheelUp: return mods + "wheel-up"
            case .wheelDown: return mods + "wheel-down"
            }
        case .resize: return "resize"
        }
    }

    /// Keys whose names are words, with their aliases (all matched case-insensitively).
    static let namedKeys: [(names: [String], key: Key)] = [
        (["space", "spc"], .char(" ")),
        (["up"], .up), (["down"], .down), (["left"], .left), (["right"], .right),
        (["home"], .home), (["end"], .end),
        (["pgup", "pageup", "page-up", "prior"], .pageUp),
        (["pgdn", "pagedown", "page-down", "pgdown", "next"], .pageDown),
        (["insert", "ins"], .insert), (["delete", "del"], .delete),
        (["tab"], .tab), (["shift-tab", "backtab", "btab", "s-tab"], .backTab),
        (["enter", "return", "ret", "cr"], .enter),
        (["esc", "escape"], .escape),
        (["backspace", "bs", "bksp"], .backspace),
        (["resize"], .resize),
    ]

    /// Reads a key name: the canonical `name`s and their aliases. Single characters are
    /// case-sensitive ("g" and "G" differ); words are not ("PgDn" = "pgdn"). Control keys:
    /// "ctrl-d", "ctrl+d", "C-d", "^d" (the letter's case does not matter). Modified navigation
    /// keys: "ctrl-left", "shift-up", "alt-pgdn", "ctrl-shift-right". Mouse: "click", "click2",
    /// "click3", "release", "wheel-up", "wheel-down" (at row 0, column 0).
    public init?(name raw: String) {
        if raw == " " { self = .char(" "); return }
        let text = raw.trimmingSpaces
        guard !text.isEmpty else { return nil }
        if text.count == 1 {
            let c = text.first!
            guard Sanitizer.isSafe(text), let first = c.unicodeScalars.first, DisplayWidth.of(first) > 0 else { return nil }
            self = .char(c)
            return
        }
        if text.hasPrefix("^"), text.count == 2, let c = Key.ctrlCharacter(text.last!) {
            self = .ctrl(c)
            return
        }
        let lower = text.lowercased()
        if let hit = Key.namedKeys.first(where: { $0.names.contains(lower) }) {
            self = hit.key
            return
        }
        if lower.hasPrefix("f"), let n = Int(lower.dropFirst()), (1...63).contains(n) {
            self = .function(n)
            return
        }
        if let mouse = Key.mouse(named: lower) {
            self = mouse
            return
        }
        // Modifier prefixes: ctrl-/ctrl+/c-, alt-/meta-/m-/a-, shift-/s-.
        var rest = Substring(lower)
        var mods: KeyModifiers = []
        var original = Substring(text)
        while let (mod, length) = Key.modifierPrefix(rest) {
            mods.insert(mod)
            rest = rest.dropFirst(length)
            original = original.dropFirst(length)
        }
        guard !mods.isEmpty, !rest.isEmpty else { return nil }
        if mods == .ctrl, original.count == 1, let c = Key.ctrlCharacter(original.first!) {
            self = .ctrl(c)
            return
        }
        if mods == .shift, rest == "tab" { self = .backTab; return }
        guard let base = Key.namedKeys.first(where: { $0.names.contains(String(rest)) })?.key, base.isNavigation else {
            if let m = Key.mouse(named: String(rest)), case .mouse(var event) = m {
                event.modifiers = mods
                self = .mouse(event)
                return
            }
            return nil
        }
        self = .modified(base, mods)
    }

    static func modifierPrefix(_ s: Substring) -> (KeyModifiers, Int)? {
        let table: [(String, KeyModifiers)] = [
            ("ctrl-", .ctrl), ("ctrl+", .ctrl), ("control-", .ctrl), ("c-", .ctrl),
            ("alt-", .alt), ("alt+", .alt), ("meta-", .alt), ("m-", .alt), ("a-", .alt),
            ("shift-", .shift), ("shift+", .shift), ("s-", .shift),
        ]
        for (p, m) in table where s.hasPrefix(p) && s.count > p.count { return (m, p.count) }
        return nil
    }

    static func mouse(named name: String) -> Key? {
        let kind: MouseEvent.Kind
        switch name {
        case "click", "click1", "mouse-left": kind = .press(1)
        case "click2", "mouse-middle": kind = .press(2)
        case "click3", "mouse-right": kind = .press(3)
        case "release", "release1": kind = .release(1)
        case "release2": kind = .release(2)
        case "release3": kind = .release(3)
        case "wheel-up", "wheelup", "scroll-up": kind = .wheelUp
        case "wheel-down", "wheeldown", "scroll-down": kind = .wheelDown
        default: return nil
        }
        return .mouse(MouseEvent(kind, row: 0, column: 0))
    }

    /// The lowercase letter (or `@ [ \ ] ^ _`) for a ctrl key name.
    static func ctrlCharacter(_ c: Character) -> Character? {
        let lower = Character(c.lowercased())
        if let a = lower.asciiValue, (0x61...0x7A).contains(a) { return lower }
        if "@[\\]^_".contains(c) { return c }
        return nil
    }

    /// Arrows, home/end, page up/down, insert, delete: the keys `.modified` can wrap.
    public var isNavigation: Bool {
        switch self {
        case .up, .down, .left, .right, .home, .end, .pageUp, .pageDown, .insert, .delete: return true
        default: return false
        }
    }

    /// The name a key table matches on: `name`, which for mouse events leaves out the position.
    public var bindingName: String { name }

    /// The mouse event, if it is one.
    public var mouse: MouseEvent? {
        if case .mouse(let event) = self { return event }
        return nil
    }

    /// The text a key types into a text field, if any (a printable character).
    public var typedCharacter: Character? {
        if case .char(let c) = self { return c }
        return nil
    }
}

extension String {
    var trimmingSpaces: String {
        var s = Substring(self)
        while s.first == " " { s = s.dropFirst() }
        while s.last == " " { s = s.dropLast() }
        return String(s)
    }
}
