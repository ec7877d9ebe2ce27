import Foundation

/// A 24-bit colour.
public struct RGB: Hashable, Sendable, CustomStringConvertible {
    public var r: UInt8
    public var g: UInt8
    public var b: UInt8
    public init(_ r: UInt8, _ g: UInt8, _ b: UInt8) {
        self.r = r
        self.g = g
        self.b = b
    }

    /// Parses `#rrggbb` or `#rgb` (case-insensitive).
    public init?(hex: String) {
        guard hex.hasPrefix("#") else { return nil }
        let digits = Array(hex.dropFirst())
        func nibble(_ c: Character) -> UInt8? { c.hexDigitValue.map(UInt8.init) }
        switch digits.count {
        case 6:
            var bytes: [UInt8] = []
            for i in stride(from: 0, to: 6, by: 2) {
                guard let hi = nibble(digits[i]), let lo = nibble(digits[i + 1]) else { return nil }
                bytes.append(hi << 4 | lo)
            }
            self.init(bytes[0], bytes[1], bytes[2])
        case 3:
            guard let r = nibble(digits[0]), let g = nibble(digits[1]), let b = nibble(digits[2]) else { return nil }
            self.init(r * 17, g * 17, b * 17)
        default:
            return nil
        }
    }

    public var hex: String {
        func two(_ v: UInt8) -> String {
            let s = String(v, radix: 16)
            return s.count == 1 ? "0" + s : s
        }
        return "#" + two(r) + two(g) + two(b)
    }

    public var description: String { hex }

    /// Relative luminance, 0…1 (sRGB, not linearised: good enough to pick black or white text).
    public var luminance: Double {
        (0.299 * Double(r) + 0.587 * Double(g) + 0.114 * Double(b)) / 255
    }
}

/// A colour as a theme file names it.
public enum ThemeColor: Hashable, Sendable, CustomStringConvertible {
    /// The terminal's own default foreground or background ("default").
    case terminalDefault
    /// One of the 16 ANSI colours, 0–15 ("red", "bright-blue", …): the user's terminal palette.
    case ansi(UInt8)
    /// An entry of the xterm 256-colour palette, 16–255 ("color236").
    case indexed(UInt8)
    /// An exact colour ("#rrggbb").
    case rgb(RGB)

    /// ANSI colour names, index = colour number. "grey"/"gray" are bright-black.
    public static let ansiNames = [
        "black", "red", "green", "yellow", "blue", "magenta", "cyan", "white",
        "bright-black", "bright-red", "bright-green", "bright-yellow",
        "bright-blue", "bright-magenta", "bright-cyan", "bright-white",
    ]

    /// Parses "#rrggbb", "#rgb", "default", an ANSI name ("red", "bright-red", "brightred",
    /// "bright_red", "gray"), or "colorN" / "NNN" for a palette index 0–255.
    public init?(parsing text: String) {
        let t = text.trimmingCharacters(in: .whitespaces).lowercased()
        if t.hasPrefix("#") {
            guard let rgb = RGB(hex: t) else { return nil }
            self = .rgb(rgb)
            return
        }
        if t == "default" || t == "none" { self = .terminalDefault; return }
        if t == "grey" || t == "gray" { self = .ansi(8); return }
        let compact = t.filter { $0 != "-" && $0 != "_" && $0 != " " }
        if let i = Self.ansiNames.firstIndex(where: { $0.filter { $0 != "-" } == compact }) {
            self = .ansi(UInt8(i))
            return
        }
        let number = t.hasPrefix("color") ? String(t.dropFirst(5)) : t
        if let n = Int(number), (0...255).contains(n) {
            self = n < 16 ? .ansi(UInt8(n)) : .indexed(UInt8(n))
            return
        }
        return nil
    }

    public var description: String {
        switch self {
        case .terminalDefault: return "default"
        case .ansi(let n): return Self.ansiNames[Int(n)]
        case .indexed(let n): return "color\(n)"
        case .rgb(let rgb): return rgb.hex
        }
    }
}

/// How many colours the terminal can show, best first in `allCases.reversed()`.
public enum ColorDepth: Int, Comparable, Sendable, CaseIterable, CustomStringConvertible {
    /// No colour: attributes only (NO_COLOR, TERM=vt100, xterm-mono).
    case monochrome
    /// 8 colours; the bright half of the 16 is shown as bold (TERM=xterm, screen, linux).
    case ansi8
    /// The 16 ANSI colours.
    case ansi16
    /// The xterm 256-colour palette.
    case ansi256
    /// 24-bit colour.
    case trueColor

    public static func < (a: ColorDepth, b: ColorDepth) -> Bool { a.rawValue < b.rawValue }

    public var description: String {
        switch self {
        case .monochrome: return "monochrome"
        case .ansi8: return "8 colours"
        case .ansi16: return "16 colours"
        case .ansi256: return "256 colours"
        case .trueColor: return "true colour"
        }
    }

    /// Parses an override ("mono", "8", "16", "256", "truecolor"/"24bit").
    public init?(name: String) {
        switch name.lowercased() {
        case "mono", "monochrome", "none", "0", "2": self = .monochrome
        case "8": self = .ansi8
        case "16": self = .ansi16
        case "256": self = .ansi256
        case "truecolor", "24bit", "direct", "rgb": self = .trueColor
        default: return nil
        }
    }

    /// Picks the depth from what the terminal reports and the environment:
    /// - `NO_COLOR` set to anything non-empty: monochrome (https://no-color.org);
    /// - `CALLSCOPE_COLORS` (mono, 8, 16, 256, truecolor) forces a depth, capped at true colour;
    /// - no colour support (`has_colors()` false, or fewer than 8 colours): monochrome;
    /// - a direct-colour terminfo entry (`COLORS` ≥ 2^24, e.g. xterm-direct): true colour;
    /// - `COLORTERM=truecolor|24bit` with ≥ 256 colours and `can_change_color()`: true colour
    ///   (drawn by redefining palette entries, restored on exit);
    /// - otherwise 256, 16 or 8 by `COLORS`.
    public static func detect(hasColors: Bool, colors: Int, canChangeColor: Bool, environment: [String: String]) -> ColorDepth {
        if let noColor = environment["NO_COLOR"], !noColor.isEmpty { return .monochrome }
        if let forced = environment["CALLSCOPE_COLORS"].flatMap(ColorDepth.init(name:)) { return forced }
        guard hasColors, colors >= 8 else { return .monochrome }
        if colors >= 0x1000000 { return .trueColor }
        let colorterm = environment["COLORTERM"]?.lowercased() ?? ""
        if (colorterm == "truecolor" || colorterm == "24bit"), colors >= 256, canChangeColor { return .trueColor }
        if colors >= 256 { return .ansi256 }
        if colors >= 16 { return .ansi16 }
        return .ansi8
    }
}

/// A colour as a terminal takes it.
public enum TerminalColor: Hashable, Sendable {
    case terminalDefault
    /// A palette index (0–255).
    case indexed(Int)
    case rgb(RGB)
}

/// Pure colour reduction: true colour → 256 → 16 → 8 → none.
public enum ColorDegrade {
    /// The xterm default RGB of the 16 ANSI colours (used to pick the nearest; the user's
    /// terminal may show them differently, which is the point of using them).
    public static let ansiRGB: [RGB] = [
        RGB(0, 0, 0), RGB(205, 0, 0), RGB(0, 205, 0), RGB(205, 205, 0),
        RGB(0, 0, 238), RGB(205, 0, 205), RGB(0, 205, 205), RGB(229, 229, 229),
        RGB(127, 127, 127), RGB(255, 0, 0), RGB(0, 255, 0), RGB(255, 255, 0),
        RGB(92, 92, 255), RGB(255, 0, 255), RGB(0, 255, 255), RGB(255, 255, 255),
    ]

    static let cubeLevels: [Int] = [0, 95, 135, 175, 215, 255]

    /// The RGB of a 256-palette index as xterm defines it.
    public static func rgb(ofIndex index: Int) -> RGB {
        switch index {
        case 0..<16: return ansiRGB[index]
        case 16..<232:
            let i = index - 16
            return RGB(UInt8(cubeLevels[i / 36]), UInt8(cubeLevels[(i / 6) % 6]), UInt8(cubeLevels[i % 6]))
        default:
            let v = UInt8(8 + 10 * (min(index, 255) - 232))
            return RGB(v, v, v)
        }
    }

    /// A colour distance weighted for the eye ("redmean").
    static func distance(_ a: RGB, _ b: RGB) -> Int {
        let rm = (Int(a.r) + Int(b.r)) / 2
        let dr = Int(a.r) - Int(b.r)
        let dg = Int(a.g) - Int(b.g)
        let db = Int(a.b) - Int(b.b)
        return (((512 + rm) * dr * dr) >> 8) + 4 * dg * dg + (((767 - rm) * db * db) >> 8)
    }

    /// The nearest entry of the 6×6×6 cube or the grey ramp (16–255; never 0–15, whose look
    /// depends on the user's palette).
    public static func nearest256(_ c: RGB) -> Int {
        func level(_ v: UInt8) -> Int {
            var best = 0
            for (i, l) in cubeLevels.enumerated() where abs(l - Int(v)) < abs(cubeLevels[best] - Int(v)) { best = i }
            return best
        }
        let cube = 16 + 36 * level(c.r) + 6 * level(c.g) + level(c.b)
        let average = (Int(c.r) + Int(c.g) + Int(c.b)) / 3
        let greyStep = max(0, min(23, (average - 8 + 5) / 10))
        let grey = 232 + greyStep
        return distance(c, rgb(ofIndex: grey)) < distance(c, rgb(ofIndex: cube)) ? grey : cube
    }

    /// The ANSI colour (0–15) that best stands for `c`, keeping its hue: a plain RGB distance
    /// sends light reds and blues to grey, which loses the meaning of a theme colour. Greys
    /// (low saturation) go to black, bright-black, white or bright-white by lightness; very dark
    /// colours to black; others to the ANSI hue (red, yellow, green, cyan, blue, magenta) of
    /// their hue angle, bright when the strongest channel is near full.
    public static func nearest16(_ c: RGB) -> Int {
        let r = Int(c.r), g = Int(c.g), b = Int(c.b)
        let maxC = max(r, g, b), minC = min(r, g, b)
        let chroma = maxC - minC
        if maxC < 64 { return 0 }
        if chroma * 4 < maxC {  // saturation below 0.25: a grey
            let lightness = (maxC + minC) / 2
            if lightness < 64 { return 0 }
            if lightness < 178 { return 8 }
            if lightness < 242 { return 7 }
            return 15
        }
        var hue: Double
        if maxC == r {
            hue = 60 * Double(g - b) / Double(chroma)
        } else if maxC == g {
            hue = 60 * (Double(b - r) / Double(chroma) + 2)
        } else {
            hue = 60 * (Double(r - g) / Double(chroma) + 4)
        }
        if hue < 0 { hue += 360 }
        let base: Int
        switch hue {
        case 30..<90: base = 3  // yellow
        case 90..<150: base = 2  // green
        case 150..<210: base = 6  // cyan
        case 210..<270: base = 4  // blue
        case 270..<330: base = 5  // magenta
        default: base = 1  // red
        }
        return maxC >= 230 ? base + 8 : base
    }

    /// `color` reduced to what `depth` can show; nil in monochrome. For `.ansi8` the result is
    /// an index 0–7 and `bright` says whether the colour was one of the bright eight (the
    /// caller shows a bright foreground as bold).
    public static func degrade(_ color: ThemeColor, to depth: ColorDepth) -> (color: TerminalColor, bright: Bool)? {
        switch depth {
        case .monochrome:
            return nil
        case .trueColor:
            switch color {
            case .terminalDefault: return (.terminalDefault, false)
            case .ansi(let n): return (.indexed(Int(n)), false)
            case .indexed(let n): return (.indexed(Int(n)), false)
            case .rgb(let c): return (.rgb(c), false)
            }
        case .ansi256:
            switch color {
            case .terminalDefault: return (.terminalDefault, false)
            case .ansi(let n): return (.indexed(Int(n)), false)
            case .indexed(let n): return (.indexed(Int(n)), false)
            case .rgb(let c): return (.indexed(nearest256(c)), false)
            }
        case .ansi16, .ansi8:
            let index: Int
            switch color {
            case .terminalDefault: return (.terminalDefault, false)
            case .ansi(let n): index = Int(n)
            case .indexed(let n): index = nearest16(rgb(ofIndex: Int(n)))
            case .rgb(let c): index = nearest16(c)
            }
            if depth == .ansi8 { return (.indexed(index % 8), index >= 8) }
            return (.indexed(index), false)
        }
    }
}
