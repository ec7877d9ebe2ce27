import Testing
@testable import CallScopeKit

@Suite("Which call ids a store can keep") struct CallIDTests {
    @Test(arguments: ["a", "CA0f3e-1", "Đức/1", "hash-9f2c", "zero\u{200B}width", "🙂"])
    func ordinaryIdsAreAcceptable(_ id: String) {
        #expect(CallRecord.isAcceptableCallID(id))
        #expect(CallRecord.printableCallID(id) == id)
    }

    @Test(arguments: ["", "a\u{0}b", "\u{0}", "tab\there", "line\n", "esc\u{1B}[2J", "del\u{7F}", "c1\u{85}", "csi\u{9B}31m"])
    func emptyOrWithAControlCharacterIsNot(_ id: String) {
        #expect(!CallRecord.isAcceptableCallID(id))
        let printable = CallRecord.printableCallID(id)
        #expect(!printable.unicodeScalars.contains { $0.properties.generalCategory == .control }, "\(printable.debugDescription)")
    }

    @Test func controlCharactersArePrintedAsEscapes() {
        #expect(CallRecord.printableCallID("a\u{0}b\u{1B}[2J") == #"a\0b\u{1B}[2J"#)
    }
}
