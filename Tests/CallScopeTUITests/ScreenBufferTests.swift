import Testing
@testable import CallScopeTUI
@testable import CallScopeText

@Suite("Screen buffer")
struct ScreenBufferTests {
    @Test func wideCharactersTakeACellAndAContinuation() {
        var b = ScreenBuffer(rows: 1, columns: 12)
        let end = b.put("广东 深圳", row: 0, col: 1)
        #expect(end == 10)
        #expect(b[0, 1].text == "广")
        #expect(b[0, 1].width == 2)
        #expect(b[0, 2].isContinuation)
        #expect(b[0, 3].text == "东")
        #expect(b[0, 5].text == " ")
        #expect(b[0, 6].text == "深")
        #expect(b[0, 8].text == "圳")
        #expect(b[0, 9].isContinuation)
        #expect(b.line(0) == " 广东 深圳")
        #expect(b.line(0, trimmed: false) == " 广东 深圳  ")
        #expect(DisplayWidth.of(b.line(0, trimmed: false)) == 12)
    }

    @Test func decomposedAndPrecomposedVietnameseGiveTheSameCells() {
        var a = ScreenBuffer(rows: 1, columns: 10)
        var b = ScreenBuffer(rows: 1, columns: 10)
        a.put(nguyenDecomposed, row: 0, col: 0)
        b.put(nguyenPrecomposed, row: 0, col: 0)
        #expect(a == b)
        #expect(a[0, 4].text.unicodeScalars.map(\.value) == [0x1EC5])
        #expect(a[0, 5].text == "n")
        #expect(a.line(0) == "Nguyễn")
    }

    @Test func wideCharacterAtTheRightEdgeBecomesASpace() {
        var b = ScreenBuffer(rows: 1, columns: 5)
        b.put("广东深", row: 0, col: 0, width: 6)  // asks for more room than there is: cut at the edge
        #expect(b.line(0, trimmed: false) == "广东…")
        b.put("x广", row: 0, col: 3)  // 广 cannot fit in the last cell: … instead
        #expect(b.line(0) == "广 x…")
        #expect(!b[0, 4].isContinuation)
        var c = ScreenBuffer(rows: 1, columns: 5)
        c.put("ab广东", row: 0, col: 0)  // fitted to the 5 cells that remain: cut with …
        #expect(c.line(0) == "ab广…")
    }

    @Test func overwritingHalfAWideCharacterClearsTheOtherHalf() {
        var b = ScreenBuffer(rows: 1, columns: 6)
        b.put("广东", row: 0, col: 0)
        b.put("x", row: 0, col: 1)  // over the right half of 广
        #expect(b.line(0) == " x东")
        b.put("y", row: 0, col: 2)  // over the left half of 东
        #expect(b.line(0) == " xy")
        #expect(b.cells.allSatisfy { !$0.isContinuation })
    }

    @Test func clippingAtTheEdges() {
        var b = ScreenBuffer(rows: 2, columns: 4)
        b.put("abcdef", row: 0, col: 2)
        #expect(b.line(0) == "  a…")
        b.put("广x", row: 1, col: -1, width: 4)  // left half off screen
        #expect(b.line(1) == " x")
        b.put("zz", row: 5, col: 0)  // off screen: ignored
        #expect(b.lines == ["  a…", " x"])
    }

    @Test func alignmentAndFill() {
        var b = ScreenBuffer(rows: 3, columns: 10)
        b.put("0:23", row: 0, col: 0, width: 8, alignment: .right)
        b.put("广东", row: 1, col: 0, width: 8, alignment: .center)
        b.put("sel", row: 2, col: 0, width: 10, style: Style(.selection), fill: true)
        #expect(b.lines == ["    0:23", "  广东", "sel"])
        #expect(b.styleLine(2) { $0.role == .selection ? "S" : "." } == "SSSSSSSSSS")
        #expect(b.styleLine(1) { _ in "." } == "..........")
    }

    @Test func styledSpansShareOneTruncation() {
        var b = ScreenBuffer(rows: 1, columns: 20)
        let end = b.put([("Tags ", Style(.dim)), ("vip", Style(.tag)), (" ", .text), ("dongy", Style(.tag))], row: 0, col: 0, width: 11)
        #expect(b.line(0) == "Tags vip d…")
        #expect(end == 11)
        #expect(b.styleLine(0) { s in s.role == .tag ? "t" : s.role == .dim ? "d" : "." } == "dddddttt.tt.........")
    }

    @Test func boxesMergeIntoJunctions() {
        var b = ScreenBuffer(rows: 5, columns: 12)
        b.box(Rect(row: 0, column: 0, rows: 5, columns: 12), title: "Hi")
        b.horizontalLine(row: 2, col: 0, width: 12)
        b.verticalLine(row: 0, col: 7, height: 5)
        #expect(b.lines == [
            "┌─ Hi ─┬───┐",
            "│      │   │",
            "├──────┼───┤",
            "│      │   │",
            "└──────┴───┘",
        ])
    }

    @Test func boxTitleIsCutToFit() {
        var b = ScreenBuffer(rows: 3, columns: 10)
        b.box(Rect(row: 0, column: 0, rows: 3, columns: 10), title: "20221104143655-LSKMQKWP")
        #expect(b.lines == ["┌─ 2022…─┐", "│        │", "└────────┘"])
    }

    /// A small call list screen as text: the snapshot form the app's screen tests will use.
    @Test func snapshotOfASmallScreen() {
        var b = ScreenBuffer(rows: 6, columns: 40)
        b.put(" callscope · omi · 943 calls", row: 0, col: 0, style: Style(.title), fill: true)
        b.put(" Time      From        Agent       Disp", row: 1, col: 0, style: Style(.header))
        let rows: [(String, String, String, String, StyleRole)] = [
            ("09:12:03", "0901774143", "1444 Tiến", "answered", .answered),
            ("09:10:41", "1444", "Nguye\u{0302}\u{0303}n Văn Tiến", "missed", .missed),
            ("09:02:00", "\u{1B}]0;x\u{07}广东 深圳", "陈", "busy", .busy),
        ]
        for (i, r) in rows.enumerated() {
            let y = 2 + i
            let base = i == 0 ? Style(.selection) : Style.text
            b.fill(Rect(row: y, column: 0, rows: 1, columns: 40), style: base)
            b.put(i == 0 ? "▶" : " ", row: y, col: 0, style: base)
            var x = b.put(r.0, row: y, col: 1, width: 9, style: base, fill: true)
            x = b.put(r.1, row: y, col: 11, width: 11, style: base, fill: true)
            x = b.put(r.2, row: y, col: 23, width: 11, style: base, fill: true)
            _ = x
            b.put(r.3, row: y, col: 35, width: 5, style: Style(r.4, background: i == 0 ? .selection : nil))
        }
        b.put("q quit  ? help", row: 5, col: 0, style: Style(.status), fill: true)
        #expect(b.text == """
             callscope · omi · 943 calls
             Time      From        Agent       Disp
            ▶09:12:03  0901774143  1444 Tiến   answ…
             09:10:41  1444        Nguyễn Văn… miss…
             09:02:00  ␛广东 深圳  陈          busy
            q quit  ? help
            """)
        // Every row is exactly 40 cells wide.
        for r in 0..<6 { #expect(DisplayWidth.of(b.line(r, trimmed: false)) == 40) }
        #expect(b.styleLine(2) { $0.background == .selection || $0.role == .selection ? "S" : "." } == String(repeating: "S", count: 40))
        #expect(b.styleLine(3) { $0.role == .missed ? "m" : "." } == String(repeating: ".", count: 35) + "mmmmm")
    }

    @Test func resizedKeepsWhatFits() {
        var b = ScreenBuffer(rows: 2, columns: 6)
        b.put("ab广东", row: 0, col: 0)
        b.put("xyz", row: 1, col: 0)
        let smaller = b.resized(to: TerminalSize(rows: 1, columns: 3))
        #expect(smaller.lines == ["ab"])  // 广 would straddle the new edge
        let bigger = b.resized(to: TerminalSize(rows: 3, columns: 8))
        #expect(bigger.lines == ["ab广东", "xyz", ""])
    }
}

