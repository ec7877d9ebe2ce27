import Foundation
import Testing

@testable import CallScopeKit

@Suite("--from and --to")
struct TimeArgumentTests {
    let saigon = TimeZone(identifier: "Asia/Ho_Chi_Minh")!
    let shanghai = TimeZone(identifier: "Asia/Shanghai")!
    let newYork = TimeZone(identifier: "America/New_York")!
    /// "Now" in the tests, with a fraction that relative times drop.
    let now = Date(timeIntervalSince1970: utc("2026-09-20T04:54:21Z").timeIntervalSince1970 + 0.75)

    func parse(_ text: String, _ bound: TimeBound = .from, in zone: TimeZone? = nil) throws -> Date {
        try TimeArgument.parse(text, as: bound, in: zone ?? saigon, now: now)
    }

    @Test func rfc3339IsAnAbsoluteInstant() throws {
        #expect(try parse("2026-09-20T04:54:21Z") == utc("2026-09-20T04:54:21Z"))
        #expect(try parse("2026-09-20T11:54:21+07:00", .to) == utc("2026-09-20T04:54:21Z"))
        #expect(try parse("2026-09-20T04:54:21.999Z") == utc("2026-09-20T04:54:21Z"), "fraction dropped")
        #expect(try parse("2026-09-20T04:54:21Z", in: shanghai) == utc("2026-09-20T04:54:21Z"), "the zone does not matter")
    }

    @Test func aDateIsTheWholeDayInTheAccountsZone() throws {
        #expect(try parse("2026-09-20", .from) == utc("2026-09-19T17:00:00Z"))
        #expect(try parse("2026-09-20", .to) == utc("2026-09-20T16:59:59Z"), "23:59:59 Saigon time, inclusive")
        #expect(try parse("2026-09-20", .from, in: shanghai) == utc("2026-09-19T16:00:00Z"))
        #expect(try parse("2026-09-20", .to, in: shanghai) == utc("2026-09-20T15:59:59Z"))
        #expect(try parse("2026-09-20", .to, in: .gmt) == utc("2026-09-20T23:59:59Z"))
    }

    @Test func aDateRangeOfOneDayCoversItsLastSecond() throws {
        let range = try TimeArgument.range(from: "2026-09-20", to: "2026-09-20", in: saigon, now: now)
        #expect(range.to.timeIntervalSince(range.from) == 86_399)
        #expect(range.contains(utc("2026-09-20T16:59:59Z")), "a call that starts exactly at --to is listed")
        #expect(!range.contains(utc("2026-09-20T17:00:00Z")))
        #expect(range.contains(utc("2026-09-19T17:00:00Z")))
    }

    @Test func daysWithADaylightSavingChangeEndAtTheirOwnMidnight() throws {
        // 2026-03-08 in New York has 23 hours (clocks go forward at 02:00 EST).
        let short = try TimeArgument.range(from: "2026-03-08", to: "2026-03-08", in: newYork, now: now)
        #expect(short.from == utc("2026-03-08T05:00:00Z"))
        #expect(short.to == utc("2026-03-09T03:59:59Z"))
        // 2026-11-01 has 25 hours.
        let long = try TimeArgument.range(from: "2026-11-01", to: "2026-11-01", in: newYork, now: now)
        #expect(long.from == utc("2026-11-01T04:00:00Z"))
        #expect(long.to == utc("2026-11-02T04:59:59Z"))
    }

    @Test(arguments: [
        ("-30m", "2026-09-20T04:24:21Z"), ("-24h", "2026-09-19T04:54:21Z"), ("-7d", "2026-09-13T04:54:21Z"),
        ("-90s", "2026-09-20T04:52:51Z"), ("-2w", "2026-09-06T04:54:21Z"), ("-0h", "2026-09-20T04:54:21Z"),
        ("now", "2026-09-20T04:54:21Z"), ("NOW", "2026-09-20T04:54:21Z"),
    ])
    func relativeTimesCountBackFromNow(text: String, expected: String) throws {
        #expect(try parse(text, .from) == utc(expected))
        #expect(try parse(text, .to) == utc(expected), "the same instant for either bound")
    }

    @Test func aNaiveDateAndTimeIsReadInTheAccountsZone() throws {
        #expect(try parse("2026-09-20 11:54") == utc("2026-09-20T04:54:00Z"))
        #expect(try parse("2026-09-20T11:54:21", .to) == utc("2026-09-20T04:54:21Z"))
        #expect(try parse("2026-09-20 11:54:21", in: shanghai) == utc("2026-09-20T03:54:21Z"))
    }

    @Test func theDefaultRangeIsTheLast24Hours() throws {
        let range = try TimeArgument.range(from: nil, to: nil, in: saigon, now: now)
        #expect(range == TimeRange(from: utc("2026-09-19T04:54:21Z"), to: utc("2026-09-20T04:54:21Z")))

        let onlyFrom = try TimeArgument.range(from: "-7d", to: nil, in: saigon, now: now)
        #expect(onlyFrom == TimeRange(from: utc("2026-09-13T04:54:21Z"), to: utc("2026-09-20T04:54:21Z")))

        let onlyTo = try TimeArgument.range(from: nil, to: "2026-09-10", in: saigon, now: now)
        #expect(onlyTo == TimeRange(from: utc("2026-09-09T16:59:59Z"), to: utc("2026-09-10T16:59:59Z")), "24 hours before --to")
    }

    @Test(arguments: [
        ("yesterday", "not a time"), ("7d", "did you mean -7d?"), ("+7d", "write -7d"), ("-7y", "unknown unit"),
        ("-d", "whole number"), ("-1.5h", "whole number"), ("2026-02-30", "no such date"), ("2026-13-01", "no such date"),
        ("", "empty"), ("2026-09-20T25:00:00Z", "not a valid date and time"), ("2026-09-20 11", "not a valid date and time"),
        ("20/09/2026", "not a time"), ("1758344061", "not a time"),
    ])
    func otherTextIsAClearError(text: String, reasonPart: String) {
        do {
            let date = try TimeArgument.parse(text, as: .to, in: saigon, now: now)
            Issue.record("\"\(text)\" parsed as \(date)")
        } catch {
            #expect(error.option == "--to")
            #expect(error.value == text)
            #expect(error.reason.contains(reasonPart), "\(error)")
            #expect(error.description.hasPrefix("--to \"\(text)\": "))
            #expect(error.exitCode == 2)
        }
    }

    @Test func aRangeThatEndsBeforeItStartsIsRefused() {
        do {
            let range = try TimeArgument.range(from: "2026-09-21", to: "2026-09-20", in: saigon, now: now)
            Issue.record("got \(range)")
        } catch {
            #expect(error.option == "--from")
            #expect(error.description.contains("is after --to"))
        }
    }

    @Test func errorsListTheAcceptedForms() {
        do {
            _ = try TimeArgument.parse("tomorrow", as: .from, in: saigon, now: now)
        } catch {
            #expect(error.description.contains("RFC 3339"))
            #expect(error.description.contains("-7d"))
            #expect(error.description.contains("2026-09-20"))
        }
    }
}
