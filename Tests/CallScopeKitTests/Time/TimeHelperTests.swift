import Foundation
import Testing

@testable import CallScopeKit

@Suite("Time helpers")
struct TimeHelperTests {
    let saigon = TimeZone(identifier: "Asia/Ho_Chi_Minh")!
    let shanghai = TimeZone(identifier: "Asia/Shanghai")!

    @Test func epochSecondsAndMillisecondsAreTellApartAt10To11() {
        #expect(EpochTime.date(fromEpoch: 1_616_491_476) == utc("2021-03-23T09:24:36Z"))
        #expect(EpochTime.date(fromEpoch: 1_575_253_235_933) == utc("2019-12-02T02:20:35Z"), "milliseconds, floored")
        #expect(EpochTime.date(fromEpoch: 100_000_000_000) == Date(timeIntervalSince1970: 100_000_000_000), "10^11 itself is seconds")
        #expect(EpochTime.date(fromEpoch: 100_000_000_001) == Date(timeIntervalSince1970: 100_000_000))
        #expect(EpochTime.date(fromEpoch: 0) == nil)
        #expect(EpochTime.date(fromEpoch: -5) == nil)
        #expect(EpochTime.date(from: .string("1623996691")) == utc("2021-06-18T06:11:31Z"))
        #expect(EpochTime.date(from: .string("0")) == nil)
    }

    @Test func naiveTimestampsAreReadInTheGivenZone() {
        #expect(NaiveTimestamp.date(from: "2022-10-08 23:38:14", in: saigon) == utc("2022-10-08T16:38:14Z"))
        #expect(NaiveTimestamp.date(from: "2022-10-08T23:38:14", in: saigon) == utc("2022-10-08T16:38:14Z"))
        #expect(NaiveTimestamp.date(from: "02/27/2026 14:33:47", in: saigon) == utc("2026-02-27T07:33:47Z"))
        #expect(NaiveTimestamp.date(from: "2/7/2026 04:03:02", in: saigon) == utc("2026-02-06T21:03:02Z"))
        #expect(NaiveTimestamp.date(from: "2021-03-23 17:24:35", in: shanghai) == utc("2021-03-23T09:24:35Z"))
        #expect(NaiveTimestamp.date(from: "2021-03-23", in: shanghai) == utc("2021-03-22T16:00:00Z"))
        #expect(NaiveTimestamp.date(from: "2021-03-23 17:24:35.123", in: .gmt) == utc("2021-03-23T17:24:35Z"))
    }

    @Test func naiveTimestampsFollowHistoricalOffsets() {
        // Shanghai kept daylight saving time in 1986-1991 (UTC+9 in summer).
        #expect(NaiveTimestamp.date(from: "1988-07-01 12:00:00", in: shanghai) == utc("1988-07-01T03:00:00Z"))
        // Saigon was UTC+8 until 1975.
        #expect(NaiveTimestamp.date(from: "1970-01-01 08:00:00", in: saigon) == utc("1970-01-01T00:00:00Z"))
    }

    @Test(arguments: ["", "2022-13-01 00:00:00", "2023-02-29 10:00:00", "2022-10-08 24:00:00", "2022-10-08 23:60:00",
        "22-10-08 10:00:00", "2022/10/08 10:00:00", "2022-10-08 10:00:00Z", "10/08/22 10:00:00", "sample string 4"])
    func naiveTimestampsRejectOtherText(text: String) {
        #expect(NaiveTimestamp.date(from: text, in: saigon) == nil)
    }

    @Test func zeroDatesAreRecognised() {
        #expect(NaiveTimestamp.isZeroDate("0000-00-00 00:00:00"))
        #expect(!NaiveTimestamp.isZeroDate("2000-00-00 00:00:00"))
        #expect(!NaiveTimestamp.isZeroDate("n/a"))
    }

    @Test(arguments: [("00:00:15", 15), ("01:02:03", 3723), ("100:00:00", 360_000), ("1:02:03", 3723), ("02:03", 123), ("42", 42), ("0", 0)] as [(String, Int)])
    func durationsReadClockTextAndPlainSeconds(text: String, seconds: Int) {
        #expect(DurationText.seconds(from: text) == seconds)
    }

    @Test(arguments: ["", "-5", "00:61:00", "00:00:60", "1:2:3:4", "12.5", "ab:cd:ef", "00:00:"])
    func durationsRejectOtherText(text: String) {
        #expect(DurationText.seconds(from: text) == nil)
    }

    @Test func rfc3339WritesUTCWithoutFractions() {
        #expect(RFC3339.string(from: Date(timeIntervalSince1970: 1_789_880_061.9)) == "2026-09-20T04:54:21Z")
        #expect(RFC3339.string(from: Date(timeIntervalSince1970: 0)) == "1970-01-01T00:00:00Z")
        #expect(RFC3339.string(from: Date(timeIntervalSince1970: -1)) == "1969-12-31T23:59:59Z")
        #expect(RFC3339.string(from: utc("2024-02-29T23:59:59Z")) == "2024-02-29T23:59:59Z")
    }

    @Test func rfc3339ReadsOffsetsAndFractions() {
        #expect(RFC3339.date(from: "2026-09-20T04:54:21Z") == Date(timeIntervalSince1970: 1_789_880_061))
        #expect(RFC3339.date(from: "2026-09-20T11:54:21+07:00") == Date(timeIntervalSince1970: 1_789_880_061))
        #expect(RFC3339.date(from: "2026-09-20T04:54:21.999Z") == Date(timeIntervalSince1970: 1_789_880_061))
        #expect(RFC3339.date(from: "2026-09-20T04:54:21") == nil, "an offset is required")
        #expect(RFC3339.date(from: "2026-09-20") == nil)
    }

    @Test func civilCalendarAgreesAcrossCenturies() {
        for days in stride(from: -800_000, through: 800_000, by: 997) {
            let civil = CivilCalendar.date(days: days)
            #expect(CivilCalendar.days(year: civil.year, month: civil.month, day: civil.day) == days)
        }
        #expect(CivilCalendar.days(year: 2000, month: 3, day: 1) == 11_017)
    }
}
