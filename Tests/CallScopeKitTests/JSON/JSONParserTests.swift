import Testing

@testable import CallScopeKit

@Suite("JSON parser")
struct JSONParserTests {
    @Test func parsesScalarsAndContainers() throws {
        let value = try JSONParser.parse(#" { "a" : [ true , false , null , -1.5e+3 , "x" ] , "b" : { } , "c" : [ ] } "#)
        #expect(
            value
                == .object([
                    JSONMember("a", .array([.bool(true), .bool(false), .null, .number("-1.5e+3"), .string("x")])),
                    JSONMember("b", .object([])),
                    JSONMember("c", .array([])),
                ]))
    }

    @Test func keepsObjectKeyOrderAndDuplicates() throws {
        let value = try JSONParser.parse(#"{"z":1,"a":2,"m":3,"a":4}"#)
        #expect(value.objectMembers?.map(\.key) == ["z", "a", "m", "a"])
        #expect(value["a"] == .number("4"), "the last duplicate wins, as in JavaScript")
    }

    @Test func keepsNumberSourceText() throws {
        let value = try JSONParser.parse(#"[6780056666542059520, 10.10, 1E5, -0, 0.000001]"#)
        #expect(value.arrayValue == [.number("6780056666542059520"), .number("10.10"), .number("1E5"), .number("-0"), .number("0.000001")])
    }

    @Test func decodesEveryEscape() throws {
        let value = try JSONParser.parse(#""q\" b\\ s\/ \b\f\n\r\t u\u00e9\u4fe1 esc\u001b""#)
        #expect(value == .string("q\" b\\ s/ \u{8}\u{C}\n\r\t ué信 esc\u{1B}"))
    }

    @Test func decodesSurrogatePairs() throws {
        #expect(try JSONParser.parse(#""\ud83d\ude00""#) == .string("😀"))
        #expect(try JSONParser.parse(#""a\uD834\uDD1Eb""#) == .string("a𝄞b"))
    }

    @Test func replacesUnpairedSurrogatesWithReplacementCharacter() throws {
        #expect(try JSONParser.parse(#""\ud83d""#) == .string("\u{FFFD}"))
        #expect(try JSONParser.parse(#""\ude00x""#) == .string("\u{FFFD}x"))
        #expect(try JSONParser.parse(#""\ud83d\u0041""#) == .string("\u{FFFD}A"), "a non-low escape after a high surrogate is kept")
    }

    @Test func keepsRawUTF8AndRawControlCharacters() throws {
        let text = "\"Trần \u{1B}[31m\u{0}\ttab\""
        #expect(try JSONParser.parse(text) == .string("Trần \u{1B}[31m\u{0}\ttab"))
    }

    @Test func acceptsOneTrailingCommaAndByteOrderMark() throws {
        #expect(try JSONParser.parse("[1,2,]") == .array([.number("1"), .number("2")]))
        #expect(try JSONParser.parse(#"{"a":1 , }"#) == .object([JSONMember("a", .number("1"))]))
        #expect(try JSONParser.parse([0xEF, 0xBB, 0xBF] + Array("true".utf8)) == .bool(true))
    }

    @Test(arguments: [
        ("", JSONParseError(.unexpectedEndOfInput, at: 0)),
        ("   ", JSONParseError(.unexpectedEndOfInput, at: 3)),
        (#"{"a":1"#, JSONParseError(.unexpectedEndOfInput, at: 6)),
        (#"{"a":"#, JSONParseError(.unexpectedEndOfInput, at: 5)),
        (#"{"a""#, JSONParseError(.unexpectedEndOfInput, at: 4)),
        (#"{"ab"#, JSONParseError(.unexpectedEndOfInput, at: 4)),
        (#"["x\"#, JSONParseError(.unexpectedEndOfInput, at: 4)),
        (#"["\u00"#, JSONParseError(.unexpectedEndOfInput, at: 6)),
        ("[1,", JSONParseError(.unexpectedEndOfInput, at: 3)),
        ("[-", JSONParseError(.unexpectedEndOfInput, at: 2)),
        ("[1.", JSONParseError(.unexpectedEndOfInput, at: 3)),
        ("tru", JSONParseError(.unexpectedEndOfInput, at: 3)),
    ])
    func rejectsTruncatedDocumentsAtTheirEnd(text: String, expected: JSONParseError) {
        #expect(throws: expected) { try JSONParser.parse(text) }
    }

    @Test(arguments: [
        (#"{"a" 1}"#, JSONParseError(.unexpectedByte(UInt8(ascii: "1")), at: 5)),
        (#"{a:1}"#, JSONParseError(.unexpectedByte(UInt8(ascii: "a")), at: 1)),
        ("[1 2]", JSONParseError(.unexpectedByte(UInt8(ascii: "2")), at: 3)),
        ("[1,,2]", JSONParseError(.unexpectedByte(UInt8(ascii: ",")), at: 3)),
        ("[01]", JSONParseError(.unexpectedByte(UInt8(ascii: "1")), at: 2)),
        ("[1.e5]", JSONParseError(.invalidNumber, at: 3)),
        ("[-x]", JSONParseError(.invalidNumber, at: 2)),
        ("[+1]", JSONParseError(.unexpectedByte(UInt8(ascii: "+")), at: 1)),
        ("nul!", JSONParseError(.unexpectedByte(UInt8(ascii: "!")), at: 3)),
        (#"["\x"]"#, JSONParseError(.invalidEscape, at: 2)),
        (#"["ab\u12G4"]"#, JSONParseError(.invalidEscape, at: 4)),
        (#"{"a":1}}"#, JSONParseError(.trailingContent, at: 7)),
        ("1 2", JSONParseError(.trailingContent, at: 2)),
    ])
    func rejectsMalformedDocumentsNamingTheOffset(text: String, expected: JSONParseError) {
        #expect(throws: expected) { try JSONParser.parse(text) }
    }

    @Test func rejectsInvalidUTF8AtTheBadByte() {
        let fastPath: [UInt8] = Array(#"["ok é "#.utf8) + [0xC3, 0x28] + Array(#""]"#.utf8)
        #expect(throws: JSONParseError(.invalidUTF8, at: 8)) { try JSONParser.parse(fastPath) }
        let escapedPath: [UInt8] = Array(#"["\n"#.utf8) + [0xED, 0xA0, 0x80] + Array(#""]"#.utf8)
        #expect(throws: JSONParseError(.invalidUTF8, at: 4)) { try JSONParser.parse(escapedPath) }
    }

    @Test func errorDescriptionNamesTheByteOffset() {
        let error = JSONParseError(.unexpectedByte(UInt8(ascii: "}")), at: 42)
        #expect(error.description == "invalid JSON at byte offset 42: unexpected character '}'")
    }

    @Test func limitsNestingDepth() throws {
        let deep = String(repeating: "[", count: JSONParser.maximumDepth + 1)
        #expect(throws: JSONParseError(.tooDeeplyNested, at: JSONParser.maximumDepth)) { try JSONParser.parse(deep) }
        let allowed = String(repeating: "[", count: JSONParser.maximumDepth) + String(repeating: "]", count: JSONParser.maximumDepth)
        _ = try JSONParser.parse(allowed)
    }

    @Test func parsesEveryProviderSampleResponse() throws {
        let names = [
            "caresoft-calls", "omicall-list", "omicall-detail", "omicall-change", "omicall-report",
            "vbot-campaign-bot-conversation", "vbot-campaign-getall", "vbot-campaign-countall",
            "vbot-crm-getall", "vbot-crm-getall-by-time", "vbot-crm-countall", "vbot-crm-countall-by-time",
            "icsoc-search", "icsoc-push-plain",
        ]
        for name in names {
            let value = try Fixtures.json(name)
            #expect(value.objectMembers?.isEmpty == false, "\(name)")
        }
        let report = try Fixtures.json("omicall-report")
        #expect(report["payload"]?["categorized_by_direction"]?[0]?["total_count"] == .number("1051"))
    }
}
