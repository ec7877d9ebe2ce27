import Foundation
import Testing
@testable import CallScopeSandbox

@Suite("Generated data") struct DataTests {
    let agents = Staff.agents(seed: 7)

    @Test func streamIsDeterministicAndNewestFirst() {
        let a = CallStream(kind: .omicall, seed: 7, count: 5000, anchor: testAnchorEpoch, agents: agents)
        let b = CallStream(kind: .omicall, seed: 7, count: 5000, anchor: testAnchorEpoch, agents: agents)
        let c = CallStream(kind: .omicall, seed: 8, count: 5000, anchor: testAnchorEpoch, agents: agents)
        #expect((0..<50).map { a.call($0).customer.phone } == (0..<50).map { b.call($0).customer.phone })
        #expect((0..<50).map { a.call($0).customer.phone } != (0..<50).map { c.call($0).customer.phone })
        let starts = (0..<5000).map(a.start)
        #expect(starts == starts.sorted(by: >))
        #expect(starts[0] < testAnchorEpoch && starts.last! >= testAnchorEpoch - 120 * 86400)
    }

    @Test func indexRangeIsExactlyTheCallsInTheRange() {
        let s = CallStream(kind: .caresoft, seed: 3, count: 10000, anchor: testAnchorEpoch, agents: agents)
        let from = testAnchorEpoch - 40 * 86400, to = testAnchorEpoch - 9 * 86400
        let expected = (0..<10000).filter { s.start($0) >= from && s.start($0) <= to }
        #expect(Array(s.indices(startingFrom: from, to: to)) == expected)
        // both bounds inclusive
        let edge = s.start(500)
        #expect(s.indices(startingFrom: edge, to: edge).contains(500))
    }

    @Test func realisticAndHostileValues() {
        let s = CallStream(kind: .omicall, seed: 1, count: 2000, anchor: testAnchorEpoch, agents: agents)
        let calls = (0..<2000).map(s.call)
        #expect(calls.contains { $0.customer.name.unicodeScalars.contains { $0.value > 0x7F } })
        #expect(calls.allSatisfy { $0.customer.phone.count == 10 && $0.customer.phone.hasPrefix("0") })
        #expect(calls[1].customer.name.contains("\u{1B}]0;") && calls[2].note!.contains("\u{1B}["))
        #expect(calls.filter(\.answered).count > 1000 && calls.contains { $0.outcome == .busy })
        let icsoc = CallStream(kind: .icsoc, seed: 1, count: 100, anchor: testAnchorEpoch, agents: agents)
        #expect(icsoc.call(0).customer.phone.count == 11)
    }

    @Test func civilTimeAgainstFoundation() {
        // 2022-10-08 23:38:14 in Vietnam (the CareSoft document's example)
        #expect(CivilTime(epoch: 1_665_247_094, offset: CivilTime.vietnam).isoSpaced == "2022-10-08 23:38:14")
        #expect(CivilTime.parse("2022-9-11T10:00:00Z")!.epoch(offset: 0) == epoch("2022-09-11 10:00:00", offsetHours: 0))
        for t in stride(from: Int64(946_684_800), to: 1_900_000_000, by: 7_777_777) {
            let civil = CivilTime(epoch: t, offset: CivilTime.china)
            #expect(epoch(civil.isoSpaced, offsetHours: 8) == t)
            #expect(epoch(civil.usStyle, offsetHours: 8) == t)
            #expect(civil.epoch(offset: CivilTime.china) == t)
        }
        #expect(CivilTime.parse("2026-13-01 00:00:00") == nil)
    }

    @Test func phpStyleEscaping() {
        let value: JSONOut = .obj(["url": "https://a.vn/x", "name": "Đức 广东", "ctl": "a\u{1B}b", "n": 5, "s": .intString(5)])
        #expect(value.text(.php) == #"{"url":"https:\/\/a.vn\/x","name":"\u0110\u1ee9c \u5e7f\u4e1c","ctl":"a\u001bb","n":5,"s":"5"}"#)
        #expect(value.text() == #"{"url":"https://a.vn/x","name":"Đức 广东","ctl":"a\u001bb","n":5,"s":"5"}"#)
        #expect(JSONOut.string("😀").text(.php) == #""\ud83d\ude00""#)
    }

    @Test func printedConfigNamesFiveAccounts() {
        let toml = SandboxConfig.toml(endpoints: SandboxEndpoints(host: "127.0.0.1", port: 8700), options: SandboxOptions())
        for provider in ["caresoft", "omicall", "vbot-campaign", "vbot-crm", "icsoc"] {
            #expect(toml.contains("provider = \"\(provider)\""))
        }
        #expect(toml.contains("base_url = \"http://127.0.0.1:8700/caresoft\"") && toml.contains("auth_url = \"http://127.0.0.1:8700/icsoc-account\""))
    }
}
