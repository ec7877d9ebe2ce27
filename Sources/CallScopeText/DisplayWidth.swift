import Foundation

/// Terminal display width, from Unicode properties only (never the C locale), so layout and
/// tests are the same on every machine.
///
/// The model is the one `wcwidth(3)` and ncurses use: a line is a sequence of *cells*; each
/// spacing character starts a cell cluster one or two cells wide, and the zero-width characters
/// after it (combining marks, ZWJ, variation selectors, Hangul medial/final jamo) ride along in
/// that cluster. A grapheme cluster that holds several spacing characters (an emoji ZWJ sequence,
/// a flag) is therefore several cell clusters; that is what ncurses and most terminals do too.
///
/// Rules for one scalar:
/// - 0: general category Mn or Me, format characters (Cf) except the soft hyphen and the
///   prepended concatenation marks, Hangul Jungseong/Jongseong (U+1160–U+11FF, U+D7B0–U+D7FF),
///   and controls (which `Sanitizer` has already replaced).
/// - 2: East Asian Width W or F (Unicode 17 table in `EastAsianWide.swift`): CJK ideographs, kana,
///   Hangul syllables, fullwidth forms, emoji with emoji presentation.
/// - 1: everything else, including unassigned code points and private use.
///
/// Known differences from glibc's `wcwidth` (Debian 12, Unicode 14): characters assigned after
/// Unicode 14 are width 1 or 2 here and -1 there; an emoji with VS16 (U+FE0F) is 1 cell in both,
/// though some terminals draw it in 2. The ncurses backend checks every cell against the C
/// library's `wcwidth` and draws a placeholder of our width where they disagree, so the screen
/// never shifts.
public enum DisplayWidth {
    /// Cells one scalar takes: 0, 1 or 2.
    public static func of(_ scalar: Unicode.Scalar) -> Int {
        let v = scalar.value
        if v < 0x7F { return v >= 0x20 ? 1 : 0 }
        if v < 0xA0 { return 0 }
        if v < 0x300 { return 1 }  // Latin-1 and Latin Extended: no marks here; U+00AD is 1
        if isWide(v) { return 2 }
        if (0x1160...0x11FF).contains(v) || (0xD7B0...0xD7FF).contains(v) { return 0 }
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .enclosingMark:
            return 0
        case .format:
            return Sanitizer.isVisibleFormat(v) ? 1 : 0
        case .control:
            return 0
        default:
            return 1
        }
    }

    /// Cells `text` takes once sanitised and laid out (what `ScreenBuffer.put` would use).
    public static func of(_ text: String) -> Int {
        CellText.clusters(of: text).reduce(0) { $0 + $1.width }
    }

    /// Cells one grapheme cluster takes (the sum of its cell clusters).
    public static func of(_ character: Character) -> Int {
        of(String(character))
    }

    static func isWide(_ v: UInt32) -> Bool {
        if v < 0x1100 { return false }
        var lo = 0
        var hi = eastAsianWideRanges.count - 1
        while lo <= hi {
            let mid = (lo + hi) / 2
            let (a, b) = eastAsianWideRanges[mid]
            if v < a { hi = mid - 1 } else if v > b { lo = mid + 1 } else { return true }
        }
        return false
    }
}

/// One cell cluster: the text that goes into one screen cell (a spacing character followed by
/// at most `maxZeroWidth` zero-width characters), and the cells it covers (1 or 2).
public struct CellText: Hashable, Sendable {
    public let text: String
    public let width: Int

    /// At most this many zero-width characters ride with a base character; more are dropped
    /// (ncurses holds five wide characters per cell; this also tames "zalgo" text).
    public static let maxZeroWidth = 4

    /// The dotted circle a combining mark is drawn on when it has no base character.
    public static let dottedCircle: Unicode.Scalar = "\u{25CC}"

    package init(text: String, width: Int) {
        self.text = text
        self.width = width
    }

    /// Sanitises `text`, normalises it to NFC (so "Nguyễn" typed with combining marks and
    /// "Nguyễn" precomposed give the same cells) and cuts it into cell clusters.
    public static func clusters(of text: String) -> [CellText] {
        let clean = Sanitizer.sanitize(text)
        let normalized = isASCII(clean) ? clean : clean.precomposedStringWithCanonicalMapping
        var result: [CellText] = []
        result.reserveCapacity(normalized.utf8.count)
        var current = String.UnicodeScalarView()
        var currentWidth = 0
        var zeroWidthCount = 0
        func flush() {
            if currentWidth > 0 { result.append(CellText(text: String(current), width: currentWidth)) }
            current = .init()
            currentWidth = 0
            zeroWidthCount = 0
        }
        for s in normalized.unicodeScalars {
            let w = DisplayWidth.of(s)
            if w > 0 {
                flush()
                current.append(s)
                currentWidth = w
            } else if currentWidth > 0 {
                if zeroWidthCount < maxZeroWidth {
                    current.append(s)
                    zeroWidthCount += 1
                }
            } else if isMark(s) {
                // A combining mark with nothing to sit on: show it on a dotted circle.
                current.append(dottedCircle)
                current.append(s)
                currentWidth = 1
                zeroWidthCount = 1
            }
            // Any other zero-width character with no base (a leading ZWJ, a stray jamo
            // filler) has nothing to join: dropped.
        }
        flush()
        return result
    }

    static func isMark(_ s: Unicode.Scalar) -> Bool {
        switch s.properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .spacingMark: return true
        default: return false
        }
    }

    static func isASCII(_ s: String) -> Bool { s.utf8.allSatisfy { $0 < 0x80 } }
}
