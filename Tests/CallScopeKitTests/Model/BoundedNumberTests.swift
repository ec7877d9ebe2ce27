import Foundation
import NIOCore
import Testing

@testable import CallScopeKit

/// Numbers from outside converted without a trap: clamps, saturating sums, the `Retry-After`
/// wait, and the writers given a date no mapping would make (a row someone else wrote).
@Suite("Bounded numbers")
struct BoundedNumberTests {
    @Test(arguments: [("1e20", 60.0), ("inf", 60), ("-inf", 0), ("nan", 60), ("Wed, 21 Oct 2015 07:28:00 GMT", 60), ("", 60),
                      ("2.5", 2.5), (" 7 ", 7), ("-3", 0), ("60", 60), ("61", 60)])
    func retryAfterIsClampedToTheLongestWaitBeforeItIsConverted(_ header: String, _ seconds: Double) {
        #expect(RetryPolicy.standard.retryAfter(header) == .milliseconds(Int64(seconds * 1000)))
    }

    @Test func withoutRetryAfterTheBackoffDecides() {
        #expect(RetryPolicy.standard.retryAfter(nil) == nil)
    }

    @Test(arguments: [(1e300, Int64.max), (-1e300, Int64.min), (.nan, 0), (.infinity, Int64.max), (9.223372036854775807e18, Int64.max),
                      (-9.223372036854775808e18, Int64.min), (12.9, 12), (-12.9, -12)])
    func clampedConversion(_ value: Double, _ expected: Int64) {
        #expect(Int64.clamped(value) == expected)
    }

    @Test func timeoutsOfAnyConfiguredSizeConvert() {
        #expect(TimeAmount.seconds(clamping: 1e300) == .nanoseconds(Int64.max))
        #expect(TimeAmount.seconds(clamping: 2.5) == .milliseconds(2500))
        #expect(TimeAmount.seconds(clamping: -1) == .zero)
    }

    @Test func saturatingSums() {
        #expect(Int.max.addingSaturated(1) == .max && Int.min.addingSaturated(-1) == .min && 2.addingSaturated(3) == 5)
        var counts = CallCounts(calls: .max, answered: 1, missed: 0, talkSeconds: .max - 1)
        counts += CallCounts(calls: 5, answered: 1, missed: 0, talkSeconds: 10)
        #expect(counts == CallCounts(calls: .max, answered: 2, missed: 0, talkSeconds: .max))
    }

    @Test(arguments: [1e300, -1e300, 9.3e18, -62_167_219_201, 253_402_300_800])
    func writersGivenAnImpossibleDateWriteTheNearestEnd(_ seconds: Double) throws {
        let date = Date(timeIntervalSince1970: seconds)
        let record = CallRecord(account: "a", provider: .omicall, id: "x", startedAt: date, durationSeconds: .max, cost: 1e300)
        let json = try JSONParser.parse(record.jsonText())
        let expected = seconds > 0 ? "9999-12-31T23:59:59Z" : "0000-01-01T00:00:00Z"
        #expect(json["started_at"] == .string(expected))
        var csv: [UInt8] = []
        CSVFormat.appendRow(of: record, includeRaw: false, to: &csv)
        #expect(String(decoding: csv, as: UTF8.self).contains(expected))
        #expect(NaiveTimestamp.string(from: date, in: .gmt).contains(":"), "the TUI's and the table's clock of it")
    }

    @Test func wholeSecondsAreFlooredAndClampedToTwoToThe53() {
        #expect(EpochTime.wholeSeconds(Date(timeIntervalSince1970: 1e300)) == 1 << 53)
        #expect(EpochTime.wholeSeconds(Date(timeIntervalSince1970: -1e300)) == -(1 << 53))
        #expect(EpochTime.wholeSeconds(Date(timeIntervalSince1970: 12.7)) == 12)
        #expect(EpochTime.wholeSeconds(Date(timeIntervalSince1970: -0.5)) == -1)
    }

    @Test func theFieldOutOfBoundsIsNamed() {
        var record = CallRecord(account: "a", provider: .icsoc, id: "x", startedAt: CallBounds.latest, durationSeconds: CallBounds.longestDuration, cost: -9.2e18)
        #expect(CallBounds.fieldOutOfBounds(in: record) == nil)
        record.endedAt = Date(timeIntervalSince1970: -1)
        #expect(CallBounds.fieldOutOfBounds(in: record) == "ended_at")
        record.endedAt = nil
        record.holdSeconds = -1
        #expect(CallBounds.fieldOutOfBounds(in: record) == "hold_seconds")
        record.holdSeconds = nil
        record.cost = .infinity
        #expect(CallBounds.fieldOutOfBounds(in: record) == "cost")
    }

    @Test func reportSlicesOfAnImpossibleRangeDoNotTrap() {
        let range = TimeRange(from: Date(timeIntervalSince1970: -1e300), to: Date(timeIntervalSince1970: -1e300))
        #expect(ReportSlicing.hours.bounds(of: range).count == 1)
    }
}
