import Foundation
import Testing
@testable import CallScopeTUI
@testable import CallScopeText

/// Reference screens as text files next to this one (`Snapshots/<name>.txt`), compared exactly.
/// `CALLSCOPE_RECORD_SNAPSHOTS=1 swift test --filter CallScopeTUITests` rewrites them; look at
/// every rewritten file before committing it.
enum Snapshot {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Snapshots")

    static var recording: Bool { ProcessInfo.processInfo.environment["CALLSCOPE_RECORD_SNAPSHOTS"] == "1" }

    /// The file form of a screen: its rows (trailing spaces trimmed), one per line.
    static func text(_ screen: ScreenBuffer) -> String { screen.lines.joined(separator: "\n") + "\n" }

    static func check(_ screen: ScreenBuffer, named name: String, sourceLocation: SourceLocation = #_sourceLocation) {
        check(text: text(screen), named: name, sourceLocation: sourceLocation)
    }

    /// Any text against its reference (a screen's rows, or rows with their style marks).
    static func check(text actual: String, named name: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let file = directory.appendingPathComponent(name + ".txt")
        if recording {
            do {
                try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
                try actual.write(to: file, atomically: true, encoding: .utf8)
            } catch {
                Issue.record("could not record \(file.path): \(error)", sourceLocation: sourceLocation)
            }
            return
        }
        guard let expected = try? String(contentsOf: file, encoding: .utf8) else {
            Issue.record("no snapshot \(name).txt; record it with CALLSCOPE_RECORD_SNAPSHOTS=1 and check it:\n\(actual)",
                         sourceLocation: sourceLocation)
            return
        }
        guard expected != actual else { return }
        let want = expected.split(separator: "\n", omittingEmptySubsequences: false)
        let got = actual.split(separator: "\n", omittingEmptySubsequences: false)
        var report = ["snapshot \(name) differs:"]
        for row in 0..<max(want.count, got.count) {
            let w = row < want.count ? String(want[row]) : "<none>"
            let g = row < got.count ? String(got[row]) : "<none>"
            if w != g { report += ["row \(row) expected: \(w)", "row \(row)   actual: \(g)"] }
        }
        Issue.record(Comment(rawValue: report.joined(separator: "\n")), sourceLocation: sourceLocation)
    }
}

/// Facts every screen must hold, checked cell by cell rather than against a reference.
enum ScreenFacts {
    static func check(_ screen: ScreenBuffer, sourceLocation: SourceLocation = #_sourceLocation) {
        for row in 0..<screen.rows {
            let line = screen.line(row, trimmed: false)
            // Exactly the terminal's width: nothing runs past the edge, nothing is missing.
            #expect(DisplayWidth.of(line) == screen.columns, "row \(row) is \(DisplayWidth.of(line)) wide: \(line)",
                    sourceLocation: sourceLocation)
            // Nothing that a terminal would act on.
            let bad = line.unicodeScalars.filter { s in
                s.value < 0x20 || (0x7F...0x9F).contains(s.value) || (0x202A...0x202E).contains(s.value)
                    || (0x2066...0x2069).contains(s.value)
            }
            #expect(bad.isEmpty, "row \(row) has control characters \(bad.map { String($0.value, radix: 16) })",
                    sourceLocation: sourceLocation)
            // Wide characters occupy two cells: the second is a continuation, and no continuation is orphaned.
            for column in 0..<screen.columns {
                let cell = screen[row, column]
                if cell.width == 2 {
                    #expect(column + 1 < screen.columns && screen[row, column + 1].isContinuation,
                            "row \(row) column \(column): a wide character without its right half", sourceLocation: sourceLocation)
                }
                if cell.isContinuation {
                    #expect(column > 0 && screen[row, column - 1].width == 2,
                            "row \(row) column \(column): a right half without its character", sourceLocation: sourceLocation)
                }
                #expect(cell.isContinuation || !cell.text.isEmpty, sourceLocation: sourceLocation)
            }
        }
        #expect(screen.line(0).hasPrefix(" callscope"), "title: \(screen.line(0))", sourceLocation: sourceLocation)
        #expect(screen.line(0).hasSuffix("? help"), sourceLocation: sourceLocation)
        #expect(screen.line(screen.rows - 1).contains("q quit") || screen.line(screen.rows - 1).contains("?"),
                sourceLocation: sourceLocation)
    }

    /// The rows of the list that carry the selection marker.
    static func selectedRows(_ screen: ScreenBuffer, _ layout: Layout) -> [Int] {
        (layout.listBody.row..<layout.listBody.bottom).filter { screen[$0, layout.listBody.column].text == "▶" }
    }
}
