import Testing
@testable import CallScopeTUI
@testable import CallScopeText

/// Nothing that can drive a terminal: no C0, no DEL, no C1, no bidi controls.
func isTerminalSafe(_ text: String) -> Bool {
    text.unicodeScalars.allSatisfy { s in
        let v = s.value
        if v < 0x20 || (0x7F...0x9F).contains(v) { return false }
        if (0x202A...0x202E).contains(v) || (0x2066...0x2069).contains(v) { return false }
        if [0x200E, 0x200F, 0x061C, 0x2028, 0x2029].contains(v) { return false }
        return true
    }
}

@Suite("Sanitising")
struct SanitizerTests {
    @Test func oscTitleIsCollapsed() {
        let name = "\u{1B}]0;pwned\u{07}Alice"
        #expect(Sanitizer.sanitize(name) == "␛Alice")
        let st = "\u{1B}]2;title\u{1B}\\Bob"
        #expect(Sanitizer.sanitize(st) == "␛Bob")
    }

    @Test func csiClearScreenIsCollapsed() {
        #expect(Sanitizer.sanitize("\u{1B}[2J") == "␛")
        #expect(Sanitizer.sanitize("a\u{1B}[31;1mred\u{1B}[0m") == "a␛red␛")
        #expect(Sanitizer.sanitize("\u{1B}[?1049h") == "␛")
    }

    @Test func c1CsiIsCollapsed() {
        #expect(Sanitizer.sanitize("A\u{9B}31mB") == "A�B")
        #expect(Sanitizer.sanitize("A\u{9D}0;x\u{9C}B") == "A�B")
        #expect(Sanitizer.sanitize("x\u{85}y") == "x�y")  // NEL, another C1
    }

    @Test func otherEscapes() {
        #expect(Sanitizer.sanitize("\u{1B}c") == "␛")  // full reset
        #expect(Sanitizer.sanitize("\u{1B}(0q") == "␛q")  // line-drawing charset, then a plain q
        #expect(Sanitizer.sanitize("end\u{1B}") == "end␛")
        #expect(Sanitizer.sanitize("\u{1B}\u{1B}[1m") == "␛␛")
        // An unterminated OSC (e.g. a clipboard write) swallows the rest of the value.
        #expect(Sanitizer.sanitize("x\u{1B}]52;c;QUFBQQ==") == "x␛")
        // DCS with ST.
        #expect(Sanitizer.sanitize("\u{1B}P1$r\u{1B}\\ok") == "␛ok")
    }

    @Test func controlCharactersBecomeControlPictures() {
        #expect(Sanitizer.sanitize("a\u{0}b") == "a␀b")
        #expect(Sanitizer.sanitize("line1\r\nline2") == "line1␍␊line2")
        #expect(Sanitizer.sanitize("a\tb") == "a␉b")
        #expect(Sanitizer.sanitize("bell\u{07}") == "bell␇")
        #expect(Sanitizer.sanitize("bs\u{08}") == "bs␈")
        #expect(Sanitizer.sanitize("del\u{7F}") == "del␡")
    }

    @Test func bidiOverridesBecomeVisible() {
        #expect(Sanitizer.sanitize("\u{202E}4341") == "�4341")
        #expect(Sanitizer.sanitize("a\u{2066}b\u{2069}c") == "a�b�c")
        #expect(Sanitizer.sanitize("\u{200F}x") == "�x")
        #expect(Sanitizer.sanitize("a\u{2028}b") == "a�b")
    }

    @Test func invisibleFormatCharactersAreDropped() {
        #expect(Sanitizer.sanitize("09\u{200B}01\u{FEFF}") == "0901")
        #expect(Sanitizer.sanitize("soft\u{AD}hyphen") == "soft\u{AD}hyphen")
        #expect(Sanitizer.sanitize("👨\u{200D}👩") == "👨\u{200D}👩")  // ZWJ kept
    }

    @Test func ordinaryTextIsUntouched() {
        for text in ["0901774143", "Nguyễn Văn Tiến", nguyenDecomposed, "广东 深圳", "Khách hỏi về khuyến mãi", "a–b “q” €"] {
            #expect(Sanitizer.sanitize(text) == text)
        }
    }

    @Test func multiLineForm() {
        #expect(Sanitizer.lines("a\tb\r\nc\rd\ne") == ["a   b", "c", "d", "e"])
        #expect(Sanitizer.lines("{\n\t\"x\": \"\u{1B}[2J\"\n}") == ["{", "    \"x\": \"␛\"", "}"])
        #expect(Sanitizer.lines("") == [""])
    }

    /// Many random strings built from nasty pieces: nothing unsafe ever survives.
    @Test func randomNastyStringsComeOutSafe() {
        let pieces: [String] = [
            "\u{1B}", "[", "]", "0;", "2J", "\u{07}", "\u{9B}", "\u{9D}", "\u{9C}", "\u{90}", "\u{0}", "\r", "\n",
            "\u{7F}", "\u{202E}", "\u{2066}", "\u{200F}", "\u{2028}", "\\", "P", "a", "广", "e\u{0302}",
            "\u{0301}", "\u{18}", "\u{85}", "\u{FFFE}", "\u{200B}", "m", ";",
        ]
        var seed: UInt64 = 0x2545F4914F6CDD1D
        func next() -> Int {
            seed = seed &* 6364136223846793005 &+ 1442695040888963407
            return Int(seed >> 33)
        }
        for _ in 0..<2000 {
            var s = ""
            for _ in 0..<(next() % 12) { s += pieces[next() % pieces.count] }
            let clean = Sanitizer.sanitize(s)
            #expect(isTerminalSafe(clean), "unsafe: \(Array(clean.unicodeScalars.map(\.value)))")
            #expect(Sanitizer.isSafe(clean))
            // Every control or escape in the input left a visible trace.
            if s.unicodeScalars.contains(where: { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) }) {
                #expect(clean.unicodeScalars.contains { (0x2400...0x2421).contains($0.value) || $0 == "\u{FFFD}" })
            }
        }
    }

    @Test func clipboardTextLosesEscapesAndHiddenControls() {
        #expect(Sanitizer.clipboardText("https://x/a.mp3\u{1B}[2J") == "https://x/a.mp3")
        #expect(Sanitizer.clipboardText("rm -rf ~\rls") == "rm -rf ~\nls")
        #expect(Sanitizer.clipboardText("a\r\nb\tc\u{0}\u{202E}d") == "a\nb\tcd")
        #expect(Sanitizer.clipboardText("Nguyễn 广东") == "Nguyễn 广东")
    }

    @Test func screenBufferOnlyHoldsSanitisedText() {
        var buffer = ScreenBuffer(rows: 2, columns: 30)
        buffer.put("\u{1B}]0;x\u{07}Eve\u{1B}[2J\u{9B}1m\u{0}", row: 0, col: 0)
        #expect(buffer.line(0) == "␛Eve␛�␀")
        for cell in buffer.cells {
            #expect(isTerminalSafe(cell.text))
        }
    }
}
