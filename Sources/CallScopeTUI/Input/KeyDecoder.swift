import CNCursesW

/// Turns what `wget_wch` returns into `Key`s. Pure (no ncurses calls), so it is tested without a
/// terminal; the ncurses backend supplies `keyname()` for extended key codes and decodes mouse
/// events itself (they need `getmouse`).
public enum KeyDecoder {
    /// A character `wget_wch` returned with `OK` (raw mode, `nonl`: Enter is CR).
    public static func decode(character value: UInt32) -> Key? {
        switch value {
        case 0x0D, 0x0A: return .enter
        case 0x09: return .tab
        case 0x1B: return .escape
        case 0x7F, 0x08: return .backspace
        case 0x00: return .ctrl("@")
        case 0x01...0x1A: return .ctrl(Character(Unicode.Scalar(UInt8(0x60 + value))))
        case 0x1C: return .ctrl("\\")
        case 0x1D: return .ctrl("]")
        case 0x1E: return .ctrl("^")
        case 0x1F: return .ctrl("_")
        case 0x80...0x9F: return nil  // C1 controls: nothing a key sends
        default:
            guard let scalar = Unicode.Scalar(value) else { return nil }
            return .char(Character(scalar))
        }
    }

    /// A function-key code `wget_wch` returned with `KEY_CODE_YES`. `name` is ncurses'
    /// `keyname(code)`, needed for the extended codes terminfo defines at run time (xterm's
    /// modified keys: "kLFT5" is ctrl-left). Returns nil for codes with no meaning here
    /// (including KEY_MOUSE, which the backend decodes).
    public static func decode(keyCode code: Int32, name: String?) -> Key? {
        switch code {
        case KEY_UP: return .up
        case KEY_DOWN: return .down
        case KEY_LEFT: return .left
        case KEY_RIGHT: return .right
        case KEY_HOME, KEY_A1, KEY_FIND: return .home  // PuTTY/xterm send "Find" for Home
        case KEY_END, KEY_C1, KEY_SELECT, KEY_LL: return .end
        case KEY_PPAGE, KEY_A3: return .pageUp
        case KEY_NPAGE, KEY_C3: return .pageDown
        case KEY_IC: return .insert
        case KEY_DC: return .delete
        case KEY_BTAB: return .backTab
        case KEY_ENTER: return .enter
        case KEY_BACKSPACE: return .backspace
        case KEY_SLEFT: return .modified(.left, .shift)
        case KEY_SRIGHT: return .modified(.right, .shift)
        case KEY_SR: return .modified(.up, .shift)
        case KEY_SF: return .modified(.down, .shift)
        case KEY_SHOME: return .modified(.home, .shift)
        case KEY_SEND: return .modified(.end, .shift)
        case KEY_SPREVIOUS: return .modified(.pageUp, .shift)
        case KEY_SNEXT: return .modified(.pageDown, .shift)
        case KEY_SIC: return .modified(.insert, .shift)
        case KEY_SDC: return .modified(.delete, .shift)
        case KEY_RESIZE: return .resize
        default:
            break
        }
        let f0 = cs_KEY_F0()
        if code > f0, code <= f0 + 63 { return .function(Int(code - f0)) }
        if let name { return decodeExtended(name: name) }
        return nil
    }

    /// xterm's modified cursor keys as ncurses names them: a base ("kUP", "kDN", "kLFT", "kRIT",
    /// "kHOM", "kEND", "kPRV", "kNXT", "kIC", "kDC") and a digit 2…8 that is 1 + the modifier
    /// bits (1 shift, 2 alt, 4 ctrl).
    public static func decodeExtended(name: String) -> Key? {
        guard let digit = name.last?.wholeNumberValue, (2...8).contains(digit) else { return nil }
        let base: Key
        switch name.dropLast() {
        case "kUP": base = .up
        case "kDN": base = .down
        case "kLFT": base = .left
        case "kRIT": base = .right
        case "kHOM": base = .home
        case "kEND": base = .end
        case "kPRV": base = .pageUp
        case "kNXT": base = .pageDown
        case "kIC": base = .insert
        case "kDC": base = .delete
        default: return nil
        }
        return .modified(base, KeyModifiers(rawValue: UInt8(digit - 1)))
    }
}
