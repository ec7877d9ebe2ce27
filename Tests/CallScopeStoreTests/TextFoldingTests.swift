import Testing
@testable import CallScopeStore

@Suite("Folding text for search") struct TextFoldingTests {
    @Test func vietnameseLosesItsMarksAndDBar() {
        #expect(TextFolding.fold("Nguyễn Văn Đức") == "nguyen van duc")
        #expect(TextFolding.fold("Trần Thị Hồng, Phạm Ưng Ơn") == "tran thi hong, pham ung on")
        // decomposed input (an input method, macOS) folds the same
        #expect(TextFolding.fold("Nguye\u{302}\u{303}n") == "nguyen")
    }

    @Test func otherScriptsAreKeptLowercased() {
        #expect(TextFolding.fold("广东省深圳市") == "广东省深圳市")
        #expect(TextFolding.fold("ΑΘΗΝΑ Müller") == "αθηνα muller")
    }

    @Test func controlCharactersBecomeSpaces() {
        #expect(TextFolding.fold("a\u{1B}]0;x\u{7}b\u{85}c") == "a ]0;x b c")
    }

    @Test func searchTermsByLength() {
        #expect(SearchText.terms(of: "Đức  深圳 深 ab 0901-774") == [
            .indexed("duc"), .indexed("\u{1}深圳"), .scanned("深"), .scanned("ab"), .indexed("901774"),
        ])
        #expect(SearchText.matchExpression([.indexed("a\"b"), .scanned("x"), .indexed("duc")]) == "\"a\"\"b\" AND \"duc\"")
    }
}
