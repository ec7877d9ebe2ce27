import Testing

@testable import CallScopeKit

@Suite("Lenient JSON accessors")
struct JSONLenientAccessTests {
    @Test(arguments: [
        (JSONValue.number("5"), 5), (.string("5"), 5), (.string(" 42 "), 42), (.number("5.0"), 5),
        (.string("1e3"), 1000), (.number("-7"), -7),
    ] as [(JSONValue, Int)])
    func intValueReadsNumbersAndNumericStrings(value: JSONValue, expected: Int) {
        #expect(value.intValue == expected)
    }

    @Test(arguments: [
        JSONValue.number("5.5"), .string("abc"), .string(""), .string("sample string 4"), .null, .bool(true),
        .array([]), .object([]), .string("-"), .number("99999999999999999999999"),
    ])
    func intValueIsNilForAnythingElse(value: JSONValue) {
        #expect(value.intValue == nil)
    }

    @Test func doubleValueReadsNumbersAndNumericStrings() {
        #expect(JSONValue.number("10.1").doubleValue == 10.1)
        #expect(JSONValue.string("2389").doubleValue == 2389)
        #expect(JSONValue.string("nan").doubleValue == nil)
        #expect(JSONValue.string("inf").doubleValue == nil)
    }

    @Test(arguments: [
        (JSONValue.bool(true), true), (.bool(false), false), (.string("true"), true), (.string("FALSE"), false),
        (.number("1"), true), (.number("0"), false), (.string("1"), true), (.string("0"), false),
    ] as [(JSONValue, Bool)])
    func boolValueReadsTheUsualSpellings(value: JSONValue, expected: Bool) {
        #expect(value.boolValue == expected)
    }

    @Test func boolValueIsNilForOtherValues() {
        #expect(JSONValue.number("2").boolValue == nil)
        #expect(JSONValue.string("yes").boolValue == nil)
        #expect(JSONValue.null.boolValue == nil)
    }

    @Test func stringValueTreatsEmptyAsAbsentAndReadsNumberText() {
        #expect(JSONValue.string("").stringValue == nil)
        #expect(JSONValue.string("x").stringValue == "x")
        #expect(JSONValue.number("5000").stringValue == "5000")
        #expect(JSONValue.bool(true).stringValue == nil)
        #expect(JSONValue.null.isAbsent && JSONValue.string("").isAbsent)
        #expect(!JSONValue.string(" ").isAbsent && !JSONValue.number("0").isAbsent)
    }

    @Test func subscriptsReturnNilOutsideTheirShape() {
        let value: JSONValue = ["list": [10, 20]]
        #expect(value["list"]?[1] == .number("20"))
        #expect(value["list"]?[2] == nil)
        #expect(value["list"]?[-1] == nil)
        #expect(value["missing"] == nil)
        #expect(value[0] == nil)
        #expect(JSONValue.string("x")["key"] == nil)
    }
}
