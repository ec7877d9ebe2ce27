/// Turns untrusted text (provider data: caller names, notes, raw JSON) into text that is safe
/// to hand to a terminal: nothing in the result can move the cursor, retitle the window, clear
/// the screen, change colours, set the clipboard or reorder the line.
///
/// What it does, scalar by scalar:
/// - An escape sequence starting with ESC (U+001B) is collapsed, whole, into one `␛`:
///   CSI (`ESC [` parameters, intermediates, final byte), OSC/DCS/SOS/PM/APC strings (`ESC ]`,
///   `ESC P`, `ESC X`, `ESC ^`, `ESC _`, up to BEL or ST, or the end of the text), and the short
///   `ESC` intermediates final forms (`ESC c`, `ESC ( B`, …). A lone ESC is one `␛` too.
/// - The C1 introducers U+009B (CSI), U+009D (OSC), U+0090 (DCS), U+0098, U+009E, U+009F are
///   collapsed the same way, into one `�`.
/// - Any other C0 control (U+0000–U+001F) becomes its Control Pictures glyph (U+2400 + code:
///   NUL `␀`, BEL `␇`, TAB `␉`, LF `␊`, CR `␍`, …), DEL becomes `␡`, and any other C1 control
///   (U+0080–U+009F) becomes `�`.
/// - Bidirectional controls (U+202A–U+202E, U+2066–U+2069, U+200E, U+200F, U+061C) and the line
///   and paragraph separators (U+2028, U+2029) become `�`.
/// - Other invisible format characters (zero-width space, word joiner, BOM, invisible operators,
///   tag characters, …) are dropped; ZWJ/ZWNJ are kept (they join, take no cell), and so are the
///   format characters that have a visible glyph (soft hyphen, prepended concatenation marks).
/// - Noncharacters (U+FFFE, U+FFFF, …) become `�`.
///
/// Everything else passes unchanged. The result contains no scalar below U+0020, no DEL, no C1
/// and no bidi control. Pure and deterministic (does not depend on the locale).
public enum Sanitizer {
    /// The glyph an escape sequence collapses into.
    public static let escapePlaceholder: Unicode.Scalar = "\u{241B}"  // ␛
    /// The glyph for C1 controls, bidi controls and noncharacters.
    public static let replacement: Unicode.Scalar = "\u{FFFD}"  // �

    /// The single-line form: every control, including TAB, CR and LF, becomes a placeholder.
    public static func sanitize(_ text: String) -> String {
        // Fast path: plain printable ASCII needs no work.
        if text.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) { return text }
        var out = String.UnicodeScalarView()
        let scalars = Array(text.unicodeScalars)
        var i = 0
        while i < scalars.count {
            let s = scalars[i]
            let v = s.value
            switch v {
            case 0x1B:
                out.append(escapePlaceholder)
                i = skipEscapeSequence(scalars, from: i)
                continue
            case 0x9B, 0x9D, 0x90, 0x98, 0x9E, 0x9F:
                out.append(replacement)
                i = skipC1Sequence(scalars, from: i)
                continue
            case 0x00...0x1F:
                out.append(Unicode.Scalar(0x2400 + v)!)
            case 0x7F:
                out.append("\u{2421}")  // ␡
            case 0x80...0x9F:
                out.append(replacement)
            default:
                switch classify(s) {
                case .keep: out.append(s)
                case .replace: out.append(replacement)
                case .drop: break
                }
            }
            i += 1
        }
        return String(out)
    }

    /// The multi-line form, for notes and pretty-printed raw data: splits on LF, CR LF, CR,
    /// U+2028 and U+2029, expands TAB to spaces up to the next multiple of `tabWidth` (counted in
    /// scalars, which is exact for the common case of tabs before any wide text), then sanitises
    /// each line with `sanitize(_:)`.
    public static func lines(_ text: String, tabWidth: Int = 4) -> [String] {
        var result: [String] = []
        var current = String.UnicodeScalarView()
        var column = 0
        var previousWasCR = false
        for s in text.unicodeScalars {
            switch s.value {
            case 0x0A:
                if previousWasCR { previousWasCR = false; continue }
                result.append(String(current)); current = .init(); column = 0
            case 0x0D, 0x2028, 0x2029:
                result.append(String(current)); current = .init(); column = 0
                previousWasCR = s.value == 0x0D
                continue
            case 0x09:
                let w = max(1, tabWidth)
                let spaces = w - (column % w)
                for _ in 0..<spaces { current.append(" ") }
                column += spaces
            default:
                current.append(s)
                column += 1
            }
            previousWasCR = false
        }
        result.append(String(current))
        return result.map(sanitize)
    }

    /// Text for the clipboard: what a user pastes into a shell must not carry escape sequences,
    /// carriage returns that hide a command, or bidi tricks. Escape sequences and controls are
    /// removed (not replaced), except TAB and LF; CR LF becomes LF; bidi controls are removed.
    public static func clipboardText(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        let scalars = Array(text.unicodeScalars)
        var i = 0
        while i < scalars.count {
            let v = scalars[i].value
            switch v {
            case 0x1B:
                i = skipEscapeSequence(scalars, from: i)
                continue
            case 0x9B, 0x9D, 0x90, 0x98, 0x9E, 0x9F:
                i = skipC1Sequence(scalars, from: i)
                continue
            case 0x09, 0x0A:
                out.append(scalars[i])
            case 0x0D:
                if i + 1 < scalars.count, scalars[i + 1].value == 0x0A { break }
                out.append("\n")
            case 0x00...0x1F, 0x7F...0x9F:
                break
            default:
                if classify(scalars[i]) == .keep { out.append(scalars[i]) }
            }
            i += 1
        }
        return String(out)
    }

    /// True when `text` can go to a terminal as it is (what `sanitize` guarantees).
    public static func isSafe(_ text: String) -> Bool {
        text.unicodeScalars.allSatisfy { s in
            let v = s.value
            if v < 0x20 || (0x7F...0x9F).contains(v) { return false }
            return classify(s) == .keep
        }
    }

    enum Disposition { case keep, replace, drop }

    static func classify(_ s: Unicode.Scalar) -> Disposition {
        let v = s.value
        switch v {
        case 0x202A...0x202E, 0x2066...0x2069, 0x200E, 0x200F, 0x061C, 0x2028, 0x2029:
            return .replace
        case 0x200C, 0x200D:
            return .keep
        default:
            break
        }
        if s.properties.isNoncharacterCodePoint { return .replace }
        if s.properties.generalCategory == .format {
            // Format characters with a visible glyph: soft hyphen and the prepended
            // concatenation marks (Arabic number signs and the like).
            if isVisibleFormat(v) { return .keep }
            return .drop
        }
        return .keep
    }

    /// Format characters that have a glyph: the soft hyphen and the prepended concatenation
    /// marks (Arabic number signs and the like), which terminals draw in one cell.
    static func isVisibleFormat(_ v: UInt32) -> Bool {
        switch v {
        case 0x00AD, 0x0600...0x0605, 0x06DD, 0x070F, 0x0890...0x0891, 0x08E2, 0x110BD, 0x110CD:
            return true
        default:
            return false
        }
    }

    /// Index just past the escape sequence that starts with ESC at `start`.
    static func skipEscapeSequence(_ s: [Unicode.Scalar], from start: Int) -> Int {
        var i = start + 1
        guard i < s.count else { return i }
        let next = s[i].value
        switch next {
        case 0x5B:  // [ : CSI
            return skipCSIBody(s, from: i + 1)
        case 0x5D, 0x50, 0x58, 0x5E, 0x5F:  // ] P X ^ _ : string sequences
            return skipStringBody(s, from: i + 1)
        case 0x20...0x2F:  // intermediates, then a final byte
            while i < s.count, (0x20...0x2F).contains(s[i].value) { i += 1 }
            if i < s.count, (0x30...0x7E).contains(s[i].value) { i += 1 }
            return i
        case 0x30...0x7E:  // two-character escape (ESC c, ESC 7, ESC =, …)
            return i + 1
        default:
            return i  // a lone ESC; what follows is handled on its own
        }
    }

    static func skipC1Sequence(_ s: [Unicode.Scalar], from start: Int) -> Int {
        if s[start].value == 0x9B { return skipCSIBody(s, from: start + 1) }
        return skipStringBody(s, from: start + 1)
    }

    /// CSI: parameter bytes 0x30–0x3F, intermediates 0x20–0x2F, one final byte 0x40–0x7E.
    /// Stops early (without consuming) at anything else, which is then sanitised on its own.
    static func skipCSIBody(_ s: [Unicode.Scalar], from start: Int) -> Int {
        var i = start
        while i < s.count, (0x30...0x3F).contains(s[i].value) { i += 1 }
        while i < s.count, (0x20...0x2F).contains(s[i].value) { i += 1 }
        if i < s.count, (0x40...0x7E).contains(s[i].value) { i += 1 }
        return i
    }

    /// OSC/DCS/SOS/PM/APC: everything up to and including BEL, ESC \ or ST (U+009C);
    /// an unterminated string runs to the end of the text.
    static func skipStringBody(_ s: [Unicode.Scalar], from start: Int) -> Int {
        var i = start
        while i < s.count {
            switch s[i].value {
            case 0x07, 0x9C: return i + 1
            case 0x1B:
                if i + 1 < s.count, s[i + 1].value == 0x5C { return i + 2 }
                return i  // a new escape sequence starts: let the caller collapse it
            case 0x18, 0x1A: return i + 1  // CAN, SUB abort a string
            default: i += 1
            }
        }
        return i
    }
}
