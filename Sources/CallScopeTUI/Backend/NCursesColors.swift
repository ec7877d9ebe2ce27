import CNCursesW

/// The ncurses colour pairs and redefined palette slots of a theme: a style's attributes and
/// pair, allocated on first use and remembered until the theme changes. Only the main actor
/// touches ncurses.
@MainActor
struct NCursesColors {
    private let colors: Int
    private let colorPairs: Int
    private let directColor: Bool
    private var styleCache: [Style: (attrs: attr_t, pair: Int32)] = [:]
    private var pairCache: [PairKey: Int32] = [:]
    private var nextPair: Int32 = 1
    private var paletteSlots: [RGB: Int32] = [:]
    private var nextPaletteSlot: Int32 = 16
    /// Whether a palette slot was redefined (the terminal's colours must be reset on exit).
    private(set) var changedPalette = false

    private struct PairKey: Hashable {
        var fg: Int32
        var bg: Int32
    }

    /// The colours the started terminal has.
    init() {
        colors = Int(cs_COLORS())
        colorPairs = Int(cs_COLOR_PAIRS())
        directColor = colors >= 0x1000000
    }

    /// Forgets every pair and slot (a new theme); the palette stays changed once it was.
    mutating func reset() {
        styleCache = [:]
        pairCache = [:]
        nextPair = 1
        paletteSlots = [:]
        nextPaletteSlot = 16
    }

    mutating func resolved(_ style: Style, theme: Theme, depth colorDepth: ColorDepth) -> (attr_t, Int32) {
        if let hit = styleCache[style] { return hit }
        let r = theme.resolve(style, depth: colorDepth)
        var attrs = cs_A_NORMAL()
        if r.attributes.contains(.bold) { attrs |= cs_A_BOLD() }
        if r.attributes.contains(.dim) { attrs |= cs_A_DIM() }
        if r.attributes.contains(.italic) { attrs |= cs_A_ITALIC() }
        if r.attributes.contains(.underline) { attrs |= cs_A_UNDERLINE() }
        if r.attributes.contains(.reverse) { attrs |= cs_A_REVERSE() }
        var pair: Int32 = 0
        if colorDepth != .monochrome {
            let key = PairKey(fg: colorNumber(r.foreground), bg: colorNumber(r.background))
            if key.fg == -1 && key.bg == -1 {
                pair = 0
            } else if let p = pairCache[key] {
                pair = p
            } else if Int(nextPair) < colorPairs {
                if init_extended_pair(nextPair, key.fg, key.bg) != cs_ERR() {
                    pair = nextPair
                    pairCache[key] = nextPair
                    nextPair += 1
                }
            }
        }
        styleCache[style] = (attrs, pair)
        return (attrs, pair)
    }

    /// The ncurses colour number for a terminal colour: -1 for the default, a palette index,
    /// a packed 0xRRGGBB on direct-colour terminals, or a redefined palette slot (true colour
    /// on a 256-colour terminal that can change colours).
    private mutating func colorNumber(_ color: TerminalColor) -> Int32 {
        switch color {
        case .terminalDefault:
            return -1
        case .indexed(let n):
            if directColor && n >= 8 { return packed(ColorDegrade.rgb(ofIndex: n)) }
            return Int32(n) < Int32(colors) ? Int32(n) : Int32(n % 8)
        case .rgb(let c):
            if directColor { return packed(c) }
            if let slot = paletteSlots[c] { return slot }
            if Int(nextPaletteSlot) < min(colors, 256), can_change_color() {
                // Round up: terminfo initc strings scale back down with a floor.
                let scale = { (v: UInt8) in Int32((Int(v) * 1000 + 254) / 255) }
                if init_extended_color(nextPaletteSlot, scale(c.r), scale(c.g), scale(c.b)) != cs_ERR() {
                    paletteSlots[c] = nextPaletteSlot
                    nextPaletteSlot += 1
                    changedPalette = true
                    return paletteSlots[c]!
                }
            }
            return Int32(ColorDegrade.nearest256(c))
        }
    }

    private func packed(_ c: RGB) -> Int32 {
        Int32(c.r) << 16 | Int32(c.g) << 8 | Int32(c.b)
    }
}
