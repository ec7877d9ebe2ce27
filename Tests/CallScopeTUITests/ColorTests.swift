import Testing
@testable import CallScopeTUI

@Suite("Colours")
struct ColorTests {
    @Test func parsesColours() {
        #expect(ThemeColor(parsing: "#005f87") == .rgb(RGB(0x00, 0x5f, 0x87)))
        #expect(ThemeColor(parsing: "#FFF") == .rgb(RGB(255, 255, 255)))
        #expect(ThemeColor(parsing: "default") == .terminalDefault)
        #expect(ThemeColor(parsing: "red") == .ansi(1))
        #expect(ThemeColor(parsing: "bright-blue") == .ansi(12))
        #expect(ThemeColor(parsing: "BrightBlue") == .ansi(12))
        #expect(ThemeColor(parsing: "bright_white") == .ansi(15))
        #expect(ThemeColor(parsing: "grey") == .ansi(8))
        #expect(ThemeColor(parsing: "color236") == .indexed(236))
        #expect(ThemeColor(parsing: "3") == .ansi(3))
        for bad in ["#12345", "#gggggg", "reddish", "color256", "", "rgb(1,2,3)"] {
            #expect(ThemeColor(parsing: bad) == nil, "\(bad)")
        }
        #expect(RGB(0x00, 0x5f, 0x87).hex == "#005f87")
    }

    @Test(arguments: [
        ("#005f87", 24), ("#ffffff", 231), ("#ff0000", 196), ("#808080", 244), ("#000000", 16),
        ("#5f87af", 67), ("#121212", 233), ("#d70000", 160),
    ])
    func nearest256(hex: String, index: Int) {
        #expect(ColorDegrade.nearest256(RGB(hex: hex)!) == index)
    }

    @Test(arguments: [
        ("#ff0000", 9), ("#cd0000", 1), ("#00cd00", 2), ("#1c1c1c", 0), ("#e0e0e0", 7), ("#5c5cff", 12),
        ("#7f7f7f", 8), ("#ffffff", 15), ("#ff5f5f", 9),
    ])
    func nearest16(hex: String, index: Int) {
        #expect(ColorDegrade.nearest16(RGB(hex: hex)!) == index)
    }

    @Test func degradeChainForOneColour() {
        let red = ThemeColor.rgb(RGB(0xd7, 0, 0))
        #expect(ColorDegrade.degrade(red, to: .trueColor)?.color == .rgb(RGB(0xd7, 0, 0)))
        #expect(ColorDegrade.degrade(red, to: .ansi256)?.color == .indexed(160))
        #expect(ColorDegrade.degrade(red, to: .ansi16)?.color == .indexed(1))
        #expect(ColorDegrade.degrade(red, to: .ansi8)?.color == .indexed(1))
        #expect(ColorDegrade.degrade(red, to: .ansi8)?.bright == false)
        #expect(ColorDegrade.degrade(red, to: .monochrome) == nil)

        let pink = ThemeColor.rgb(RGB(0xff, 0x5f, 0x5f))
        #expect(ColorDegrade.degrade(pink, to: .ansi16)?.color == .indexed(9))
        #expect(ColorDegrade.degrade(pink, to: .ansi8)?.color == .indexed(1))
        #expect(ColorDegrade.degrade(pink, to: .ansi8)?.bright == true)

        // Named ANSI colours stay the user's palette entries; palette indexes reduce by RGB.
        #expect(ColorDegrade.degrade(.ansi(12), to: .trueColor)?.color == .indexed(12))
        #expect(ColorDegrade.degrade(.indexed(196), to: .ansi16)?.color == .indexed(9))
        #expect(ColorDegrade.degrade(.terminalDefault, to: .ansi8)?.color == .terminalDefault)
    }

    @Test func detectsDepth() {
        func detect(_ colors: Int, ccc: Bool = false, has: Bool = true, _ env: [String: String] = [:]) -> ColorDepth {
            ColorDepth.detect(hasColors: has, colors: colors, canChangeColor: ccc, environment: env)
        }
        #expect(detect(0x1000000) == .trueColor)  // xterm-direct
        #expect(detect(256, ccc: true, ["COLORTERM": "truecolor"]) == .trueColor)
        #expect(detect(256, ccc: false, ["COLORTERM": "truecolor"]) == .ansi256)
        #expect(detect(256, ccc: true, ["COLORTERM": "24bit"]) == .trueColor)
        #expect(detect(256) == .ansi256)
        #expect(detect(16) == .ansi16)
        #expect(detect(8) == .ansi8)  // TERM=xterm, screen, linux
        #expect(detect(2) == .monochrome)
        #expect(detect(256, has: false) == .monochrome)
        #expect(detect(0x1000000, ["NO_COLOR": "1"]) == .monochrome)
        #expect(detect(256, ccc: true, ["NO_COLOR": "yes", "COLORTERM": "truecolor"]) == .monochrome)
        #expect(detect(256, ["NO_COLOR": ""]) == .ansi256)  // empty NO_COLOR does not count
        #expect(detect(256, ["CALLSCOPE_COLORS": "16"]) == .ansi16)
        #expect(detect(8, ["CALLSCOPE_COLORS": "mono"]) == .monochrome)
    }

    @Test func resolvesTheDefaultThemeAtEveryDepth() throws {
        let theme = try #require(try ThemeLoader.builtin(named: "default"))
        let title = Style(.title)
        #expect(theme.resolve(title, depth: .trueColor) == ResolvedStyle(
            foreground: .rgb(RGB(255, 255, 255)), background: .rgb(RGB(0x00, 0x5f, 0x87)), attributes: .bold))
        #expect(theme.resolve(title, depth: .ansi256) == ResolvedStyle(foreground: .indexed(231), background: .indexed(24), attributes: .bold))
        #expect(theme.resolve(title, depth: .ansi16) == ResolvedStyle(foreground: .indexed(15), background: .indexed(4), attributes: .bold))
        #expect(theme.resolve(title, depth: .ansi8) == ResolvedStyle(foreground: .indexed(7), background: .indexed(4), attributes: .bold))
        #expect(theme.resolve(title, depth: .monochrome) == ResolvedStyle(foreground: .terminalDefault, background: .terminalDefault, attributes: [.reverse, .bold]))

        let missed = Style(.missed)
        #expect(theme.resolve(missed, depth: .ansi8) == ResolvedStyle(foreground: .indexed(1), background: .terminalDefault, attributes: .bold))
        #expect(theme.resolve(Style(.text), depth: .trueColor) == ResolvedStyle(foreground: .terminalDefault, background: .terminalDefault, attributes: []))

        // A missed call on the selection bar: red on the selection colour; in mono, bold and reversed.
        let onSelection = Style(.missed, background: .selection)
        #expect(theme.resolve(onSelection, depth: .trueColor).background == .rgb(RGB(0x30, 0x50, 0x7a)))
        #expect(theme.resolve(onSelection, depth: .trueColor).foreground == .rgb(RGB(0xff, 0x5f, 0x5f)))
        #expect(theme.resolve(onSelection, depth: .monochrome).attributes == [.bold, .reverse])
        #expect(theme.resolve(Style(.dim, attributes: .underline), depth: .monochrome).attributes == [.dim, .underline])
    }

    @Test func foregroundNeverVanishesIntoTheBackground() {
        var roles = Dictionary(uniqueKeysWithValues: StyleRole.allCases.map { ($0, RoleStyle()) })
        roles[.tag] = RoleStyle(foreground: .rgb(RGB(0, 0, 0)), background: .rgb(RGB(0, 0, 1)))
        let theme = Theme(name: "t", roles: roles)
        let r256 = theme.resolve(Style(.tag), depth: .ansi256)
        #expect(r256.background == .indexed(16))
        #expect(r256.foreground == .indexed(231))
        let r16 = theme.resolve(Style(.tag), depth: .ansi16)
        #expect(r16.background == .indexed(0))
        #expect(r16.foreground == .indexed(7))
    }
}
