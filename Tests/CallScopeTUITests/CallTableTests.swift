import CallScopeKit
import Foundation
import Testing
@testable import CallScopeTUI
@testable import CallScopeText

@Suite("Call table") struct CallTableTests {
    func record(_ id: String, customer: String?, agentName: String? = nil, tags: [String] = []) -> CallRecord {
        CallRecord(account: "omi", provider: .omicall, id: id, direction: .inbound, from: "0901774143", to: "842899990338",
                   agent: "1444", agentName: agentName, customerName: customer,
                   startedAt: Date(timeIntervalSince1970: 1_790_000_000), talkSeconds: 83, disposition: .answered, tags: tags)
    }

    @Test func columnsLineUpByDisplayWidth() {
        let rows = [record("a", customer: "Nguyễn Văn Tiến", agentName: "Tiến"), record("b", customer: "陈大文", tags: ["vip", "dongy"]),
                    record("c", customer: "Tran Van A")]
        let table = CallTable(formatting: CallFormatting(timeZone: TimeZone(identifier: "Asia/Ho_Chi_Minh")!), sizingRows: rows)
        let lines = [table.header] + rows.map(table.row)
        // Every line's ID column starts at the same display column.
        let idColumns = lines.map { line in DisplayWidth.of(String(line[..<line.range(of: "  ", options: .backwards)!.upperBound])) }
        #expect(Set(idColumns).count == 1)
        #expect(lines[1].hasPrefix("2026-09-21 21:13:20  ←    0901774143  842899990338"))
        #expect(lines[1].contains("1444 Tiến") && lines[1].contains("1:23"))
        #expect(lines.allSatisfy { !$0.hasSuffix(" ") })
    }

    @Test func hostileTextBecomesPlaceholdersAndLongValuesEndInAnEllipsis() {
        let hostile = record("x", customer: "Nguyễn \u{1B}]0;PWNED\u{07}Văn \u{1B}[2J\u{9B}31mHacker and a very long tail of text")
        let table = CallTable(formatting: CallFormatting(timeZone: .gmt), sizingRows: [hostile])
        let line = table.row(hostile)
        #expect(!line.unicodeScalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) })
        #expect(line.contains("…"))
        #expect(line.contains("Nguyễn"))
    }
}
