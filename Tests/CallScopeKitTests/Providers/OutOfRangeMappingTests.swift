import CallScopeTestSupport
import Foundation
import Testing

@testable import CallScopeKit

/// The spec's "provider data that is wrong": a time outside 1970-9999, a duration outside 0-31
/// days, an amount that does not fit 64 bits is read as nil with one warning naming the field; the
/// call is kept. A call id with a control character is warned about (the fetch does not store it).
@Suite("Out-of-range provider numbers")
struct OutOfRangeMappingTests {
    static let start = utc("2026-03-01T10:00:00Z")

    @Test(arguments: ProviderKind.allCases)
    func eachOutOfRangeFieldIsNilWithOneWarningAndTheCallIsKept(_ provider: ProviderKind) throws {
        let raw = HostileRecords.outOfRange(provider, id: "call-1", start: Self.start)
        let mapped = CallMapping.map(raw, context: MappingContext(account: "acct", provider: provider, timeZone: .gmt))
        let record = mapped.record
        #expect(record.id == "call-1" && record.account == "acct" && record.raw == raw)
        #expect(record.startedAt == Self.start, "the fields in range are read")
        let fields = try #require(HostileRecords.outOfRangeFields[provider]).map(\.0)
        #expect(mapped.warningFields.sorted() == fields.sorted(), "one warning a field")
        #expect(mapped.warnings.allSatisfy { $0.message.hasPrefix("out of range") && $0.recordID == "call-1" })
        #expect(record.endedAt == nil && record.answeredAt == nil && record.talkSeconds == nil && record.holdSeconds == nil)
        #expect(record.durationSeconds == nil && record.cost == nil)
        if provider == .caresoft { #expect(record.waitSeconds == nil) }
    }

    @Test func aPoisonPushKeepsTheCallWithoutTheBadFields() {
        let raw: JSONValue = ["call_id": "push-1", "start_time": "1772359200", "end_time": "1e300", "link_secs": "9000000000000000000",
                              "all_secs": "40", "callresult": "2"]
        let mapped = ICSOCMapping.mapPush(raw, context: .test(.icsoc))
        #expect(mapped.record.id == "push-1")
        #expect(mapped.record.startedAt == utc("2026-03-01T10:00:00Z") && mapped.record.durationSeconds == 40)
        #expect(mapped.record.endedAt == nil && mapped.record.talkSeconds == nil)
        #expect(mapped.warningFields.sorted() == ["end_time", "link_secs"])
        #expect(mapped.warnings.first { $0.field == "end_time" }?.description
                == #"call push-1: end_time: out of range: "1e300" is not a time from 1970 through 9999"#)
    }

    @Test(arguments: [("1969-12-31 23:59:59", true), ("1970-01-01 00:00:00", false), ("9999-12-31 23:59:59", false)])
    func naiveTimesOutsideTheYearsAreRefused(_ text: String, _ refused: Bool) {
        let mapped = CareSoftMapping.map(["call_id": "c", "start_time": .string(text)], context: MappingContext(account: "cs", provider: .caresoft, timeZone: .gmt))
        #expect((mapped.record.startedAt == nil) == refused)
        #expect(mapped.warningFields == (refused ? ["start_time"] : []))
    }

    @Test func epochsAreBoundedInSecondsAndInMilliseconds() {
        let context = MappingContext.test(.vbotCampaign)
        // Above 10^11 an epoch is milliseconds: the latest in seconds is in 5138, in milliseconds the end of 9999.
        let last = VBotCampaignMapping.map(["trans_id": "t", "create_at": 99_999_999_999, "end_call_at": 253_402_300_799_000], context: context)
        #expect(last.record.startedAt == Date(timeIntervalSince1970: 99_999_999_999) && last.record.endedAt == CallBounds.latest)
        #expect(last.warnings.isEmpty)
        let past = VBotCampaignMapping.map(["trans_id": "t", "create_at": -1, "end_call_at": 253_402_300_800_000], context: context)
        #expect(past.record.startedAt == nil && past.record.endedAt == nil)
        #expect(past.warningFields == ["create_at", "end_call_at"])
    }

    @Test func durationsAreBoundedToThirtyOneDays() {
        let context = MappingContext.test(.omicall)
        let longest = OMICallMapping.map(["transaction_id": "t", "duration": 2_678_400, "bill_sec": "744:00:00"], context: context)
        #expect(longest.record.durationSeconds == 2_678_400 && longest.record.talkSeconds == 2_678_400 && longest.warnings.isEmpty)
        let over = OMICallMapping.map(["transaction_id": "t", "duration": 2_678_401, "bill_sec": "744:00:01"], context: context)
        #expect(over.record.durationSeconds == nil && over.record.talkSeconds == nil)
        #expect(over.warningFields == ["duration", "bill_sec"])
    }

    @Test func aCareSoftCallEndingMoreThanThirtyOneDaysAfterItsStartHasNoDuration() {
        let context = MappingContext(account: "cs", provider: .caresoft, timeZone: .gmt)
        let mapped = CareSoftMapping.map(["call_id": "c", "start_time": "2026-01-01 00:00:00", "end_time": "2026-02-15 00:00:00"], context: context)
        #expect(mapped.record.endedAt == utc("2026-02-15T00:00:00Z") && mapped.record.durationSeconds == nil)
        #expect(mapped.warningFields == ["end_time"])
    }

    @Test func anAnswerOrEndDerivedPastTheYear9999IsNil() {
        let context = MappingContext(account: "cs", provider: .caresoft, timeZone: .gmt)
        let mapped = CareSoftMapping.map(["call_id": "c", "call_status": "meetAgent", "start_time": "9999-12-31 23:59:00", "wait_time": 120],
                                         context: context)
        #expect(mapped.record.startedAt != nil && mapped.record.waitSeconds == 120 && mapped.record.answeredAt == nil)
    }

    @Test(arguments: ["1e19", "-9223372036854775809", "1e400"])
    func anAmountThatDoesNotFit64BitsIsNil(_ price: String) {
        let mapped = OMICallMapping.map(["transaction_id": "t", "call_out_price": .number(price)], context: .test(.omicall))
        #expect(mapped.record.cost == nil && mapped.warningFields == ["call_out_price"])
        let fits = OMICallMapping.map(["transaction_id": "t", "call_out_price": 9.2e18], context: .test(.omicall))
        #expect(fits.record.cost == 9.2e18 && fits.warnings.isEmpty)
    }

    @Test(arguments: ["a\u{0}b", "\u{1B}]0;title\u{7}", "tab\there", "del\u{7F}", "c1\u{9B}31m"])
    func anIdWithAControlCharacterIsWarnedAbout(_ id: String) {
        let mapped = CareSoftMapping.map(["call_id": .string(id)], context: .test(.caresoft))
        #expect(mapped.record.id == id && !CallRecord.isAcceptableCallID(id))
        #expect(mapped.warningFields == ["call_id"])
        #expect(mapped.warnings[0].message == "the call id holds a control character; the call is not stored")
        #expect(!mapped.warnings[0].description.unicodeScalars.contains { $0.properties.generalCategory == .control },
                "the warning shows the id escaped")
    }

    @Test func acceptableIDs() {
        #expect(CallRecord.isAcceptableCallID("20221104143655-ABC") && CallRecord.isAcceptableCallID("hash-0123") && CallRecord.isAcceptableCallID("Tiến 中"))
        #expect(!CallRecord.isAcceptableCallID("") && !CallRecord.isAcceptableCallID("\u{0}") && !CallRecord.isAcceptableCallID("x\n"))
        #expect(!CallRecord.isAcceptableCallID("\u{85}") && CallRecord.isAcceptableCallID("\u{A0}"))
    }

    @Test func unknownWordsAreShownEscapedInWarnings() {
        let mapped = OMICallMapping.map(["transaction_id": "t", "disposition": "\u{1B}]52;c;ZXZpbA==\u{7}"], context: .test(.omicall))
        #expect(mapped.record.providerStatus == "\u{1B}]52;c;ZXZpbA==\u{7}", "the record keeps the words as they came")
        #expect(mapped.warnings.map(\.description) == [#"call t: disposition: unknown value "\u001b]52;c;ZXZpbA==\u0007""#])
    }
}
