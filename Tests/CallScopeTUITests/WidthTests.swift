import Testing
@testable import CallScopeTUI
import CNCursesW
#if canImport(Glibc)
import Glibc
@testable import CallScopeText
#endif

/// "Nguyễn" with the tone and hat as combining marks: e + U+0302 (circumflex) + U+0303 (tilde).
let nguyenDecomposed = "Nguye\u{0302}\u{0303}n"
/// "Nguyễn" precomposed: U+1EC5.
let nguyenPrecomposed = "Nguy\u{1EC5}n"

@Suite("Display width")
struct DisplayWidthTests {
    @Test func asciiIsOneCellEach() {
        #expect(DisplayWidth.of("0901774143") == 10)
        #expect(DisplayWidth.of("") == 0)
    }

    @Test func vietnameseCombiningMarksTakeNoCell() {
        #expect(nguyenDecomposed.unicodeScalars.count == 8)
        #expect(nguyenPrecomposed.unicodeScalars.count == 6)
        #expect(DisplayWidth.of(nguyenDecomposed) == 6)
        #expect(DisplayWidth.of(nguyenPrecomposed) == 6)
        #expect(DisplayWidth.of("Khách hỏi về khuyến mãi") == 23)
        #expect(DisplayWidth.of(Unicode.Scalar(0x0303)!) == 0)
    }

    @Test func cjkTakesTwoCells() {
        #expect(DisplayWidth.of("广东 深圳") == 9)
        #expect(DisplayWidth.of("東京") == 4)
        #expect(DisplayWidth.of("한국") == 4)
        #expect(DisplayWidth.of("ｶﾀｶﾅ") == 4)  // halfwidth katakana: one cell each
        #expect(DisplayWidth.of("ＡＢ") == 4)  // fullwidth Latin
    }

    @Test func mixedText() {
        #expect(DisplayWidth.of("1444 Tiến 广东") == 14)
        #expect(DisplayWidth.of("Trần 陈") == 7)
    }

    @Test func emojiWithEmojiPresentationIsWide() {
        #expect(DisplayWidth.of("📞") == 2)
        #expect(DisplayWidth.of("☎") == 1)  // text presentation
    }

    @Test func clustersKeepMarksWithTheirBase() {
        let cells = CellText.clusters(of: nguyenDecomposed)
        #expect(cells.map(\.text) == ["N", "g", "u", "y", "\u{1EC5}", "n"])
        #expect(cells.allSatisfy { $0.width == 1 })
        // A mark that cannot be precomposed stays in the same cell as its base.
        let odd = CellText.clusters(of: "q\u{0303}\u{0323}x")
        #expect(odd.count == 2)
        #expect(odd[0].text.unicodeScalars.count == 3)
    }

    @Test func loneCombiningMarkSitsOnADottedCircle() {
        let cells = CellText.clusters(of: "\u{0301}a")
        #expect(cells.count == 2)
        #expect(cells[0].text == "\u{25CC}\u{0301}")
        #expect(cells[0].width == 1)
    }

    @Test func zalgoIsCapped() {
        let text = "a" + String(repeating: "\u{0301}", count: 20) + "b"
        let cells = CellText.clusters(of: text)
        #expect(cells.count == 2)
        #expect(cells[0].text.unicodeScalars.count == 1 + CellText.maxZeroWidth)
    }

    /// The widths ncurses will use come from the C library's wcwidth; for the scripts callscope
    /// shows (Latin incl. Vietnamese, CJK, kana, Hangul, fullwidth forms, box drawing) ours must
    /// agree exactly, or lines would shift on screen.
    @Test func agreesWithTheCLibraryForTheScriptsWeShow() throws {
        guard setlocale(LC_CTYPE, "C.UTF-8") != nil else {
            Issue.record("C.UTF-8 locale not available")
            return
        }
        let ranges: [ClosedRange<UInt32>] = [
            0x20...0x7E, 0xA0...0x24F, 0x300...0x36F, 0x1E00...0x1EFF, 0x2000...0x206F, 0x2190...0x21FF,
            0x2500...0x257F, 0x2580...0x259F, 0x25A0...0x25FF, 0x2400...0x243F, 0x2E80...0x2FDF,
            0x3000...0x30FF, 0x3100...0x31FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xAC00...0xD7A3,
            0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFFEF, 0x20000...0x2A6DF,
        ]
        var mismatches: [String] = []
        for range in ranges {
            for v in range {
                guard let s = Unicode.Scalar(v), s.properties.generalCategory != .unassigned else { continue }
                if !Sanitizer.isSafe(String(s)) { continue }  // never reaches a terminal
                let libc = Int(cs_wcwidth(wchar_t(bitPattern: v)))
                if libc < 0 { continue }  // unknown to this C library: the backend substitutes
                if libc != DisplayWidth.of(s) {
                    mismatches.append(String(v, radix: 16) + " ours \(DisplayWidth.of(s)) libc \(libc)")
                }
            }
        }
        #expect(mismatches.isEmpty, "\(mismatches.prefix(20))")
    }
}

@Suite("Text fitting")
struct TextFittingTests {
    /// "广东 深圳" is 9 cells: 广(2) 东(2) space(1) 深(2) 圳(2). Every width from 0 to 10.
    @Test(arguments: [
        (0, ""), (1, "…"), (2, "…"), (3, "广…"), (4, "广…"), (5, "广东…"), (6, "广东 …"),
        (7, "广东 …"), (8, "广东 深…"), (9, "广东 深圳"), (10, "广东 深圳"),
    ])
    func cjkTruncationAtEveryBoundary(width: Int, expected: String) {
        let result = TextLayout.truncate("广东 深圳", width: width)
        #expect(result == expected)
        #expect(DisplayWidth.of(result) <= width)
        let padded = TextLayout.pad("广东 深圳", width: width)
        #expect(DisplayWidth.of(padded) == width)
    }

    @Test(arguments: 0...16)
    func vietnameseTruncationNeverSplitsACharacter(width: Int) {
        let name = "Nguye\u{0302}\u{0303}n Va\u{0306}n Tie\u{0302}\u{0301}n"  // decomposed, 15 cells
        #expect(DisplayWidth.of(name) == 15)
        let (cells, used) = TextLayout.fit(name, width: width)
        #expect(used <= width)
        #expect(used == cells.reduce(0) { $0 + $1.width })
        for cell in cells {
            #expect(DisplayWidth.of(cell.text.unicodeScalars.first!) > 0, "cell starts with a mark: \(cell.text)")
        }
        if width >= 15 {
            #expect(cells.map(\.text).joined() == "Nguyễn Văn Tiến")
        } else if width > 0 {
            #expect(cells.last?.text == "…")
            #expect(used == width)  // all one-cell characters: the space is used exactly
        }
    }

    @Test func vietnameseExactCuts() {
        let name = "Nguyễn Văn Tiến"
        #expect(TextLayout.truncate(name, width: 7) == "Nguyễn…")
        #expect(TextLayout.truncate(name, width: 8) == "Nguyễn …")
        #expect(TextLayout.truncate(nguyenDecomposed, width: 5) == "Nguy…")
        #expect(TextLayout.truncate(nguyenDecomposed, width: 6) == "Nguyễn")
    }

    @Test func mixedTruncation() {
        let text = "Tiến 广东"  // 4 + 1 + 4 = 9
        #expect(TextLayout.truncate(text, width: 9) == "Tiến 广东")
        #expect(TextLayout.truncate(text, width: 8) == "Tiến 广…")
        #expect(TextLayout.truncate(text, width: 7) == "Tiến …")
        #expect(TextLayout.truncate(text, width: 6) == "Tiến …")
        #expect(TextLayout.truncate(text, width: 5) == "Tiến…")
    }

    @Test func truncationAtStartAndMiddle() {
        let url = "https://example.com/rec/4bae18d9c8a3.mp3"
        #expect(TextLayout.truncate(url, width: 12, truncation: .start) == "…8d9c8a3.mp3")
        let id = "20221104143655-LSKMQKWP-268"
        #expect(TextLayout.truncate(id, width: 11, truncation: .middle) == "20221…P-268")
        #expect(TextLayout.truncate("广东深圳", width: 5, truncation: .start) == "…深圳")
        #expect(TextLayout.truncate("广东深圳", width: 6, truncation: .middle) == "广…圳")
    }

    @Test func paddingAndAlignment() {
        #expect(TextLayout.pad("广东", width: 6, alignment: .right) == "  广东")
        #expect(TextLayout.pad("广东", width: 6, alignment: .left) == "广东  ")
        #expect(TextLayout.pad("广东", width: 7, alignment: .center) == " 广东  ")
        #expect(TextLayout.pad("0:23", width: 6, alignment: .right) == "  0:23")
        #expect(TextLayout.pad(nguyenDecomposed, width: 8) == "Nguyễn  ")
        #expect(TextLayout.pad("广东深圳", width: 4) == "广… ")  // 东 does not fit before the …: padded
    }
}
