import Testing

@testable import CallScopeKit

@Suite("JSON serializer")
struct JSONSerializationTests {
    let sample: JSONValue = [
        "id": 6780056666542059520, "name": "Trần", "ok": true, "none": nil,
        "list": [1, "two", [], [:]], "price": .number("10.10"),
    ]

    @Test func writesCompactTextInStoredOrder() {
        #expect(
            sample.serialized()
                == #"{"id":6780056666542059520,"name":"Trần","ok":true,"none":null,"list":[1,"two",[],{}],"price":10.10}"#)
    }

    @Test func writesPrettyTextWithTwoSpaceIndent() {
        let expected = """
            {
              "id": 6780056666542059520,
              "name": "Trần",
              "ok": true,
              "none": null,
              "list": [
                1,
                "two",
                [],
                {}
              ],
              "price": 10.10
            }
            """
        #expect(sample.serialized(pretty: true) == expected)
    }

    @Test func escapesQuotesBackslashesAndControlCharactersAsUnicodeEscapes() {
        let value = JSONValue.string("a\"b\\c\n\t\u{0}\u{1B}[2J\u{7F}\u{9B}é/")
        #expect(value.serialized() == #""a\"b\\c\u000a\u0009\u0000\u001b[2J\u007f\u009bé/""#)
    }

    @Test func escapesKeysToo() {
        let value: JSONValue = ["k\u{1B}": 1]
        #expect(value.serialized() == #"{"k\u001b":1}"#)
    }

    @Test func roundTripsThroughTheParser() throws {
        let tricky: JSONValue = [
            "esc": "\u{1B}[31mred\u{1B}[0m", "ctl": "\u{0}\u{1F}\u{7F}\u{85}", "emoji": "😀𝄞", "zh": "河南 信阳",
            "nested": ["a": [["b": nil]], "big": .number("-12345678901234567890.5e-7")],
        ]
        #expect(try JSONParser.parse(tricky.serialized()) == tricky)
        #expect(try JSONParser.parse(tricky.serialized(pretty: true)) == tricky)
    }

    @Test func roundTripsEveryProviderSample() throws {
        for name in ["caresoft-calls", "omicall-list", "omicall-change", "vbot-campaign-getall", "vbot-crm-getall", "icsoc-search", "icsoc-push-plain"] {
            let value = try Fixtures.json(name)
            #expect(try JSONParser.parse(value.serialized()) == value, "\(name)")
        }
    }

    @Test func stableHashIsFNV1aOfCompactTextAsHex() {
        let value: JSONValue = ["a": 1]
        #expect(value.stableHashHex == "9c3e82dd6fcae8b1", "FNV-1a 64 of {\"a\":1}, computed outside Swift")
        #expect(JSONValue.string("a").stableHash != JSONValue.string("b").stableHash)
    }
}
