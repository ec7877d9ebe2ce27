import CallScopeTestSupport
import Foundation
import Testing

@testable import CallScopeKit

/// Each provider client against a provider that is wrong on purpose: it repeats a page, repeats a
/// cursor, sends numbers out of range, ids with control characters, an endless body, an absurd
/// `Retry-After`, escape sequences in its words. Every fetch ends, with the calls it could keep
/// or with an error that says what the provider did.
@Suite("Hostile provider")
struct HostileProviderTests {
    static let start = utc("2026-03-01T10:00:00Z")
    static let query = CallQuery(from: utc("2026-03-01T00:00:00Z"), to: utc("2026-03-01T23:59:59Z"))

    func withProvider<T>(_ mode: HostileProvider.Mode, _ body: (HostileProvider) async throws -> T) async throws -> T {
        let provider = HostileProvider(mode: mode, callStart: Self.start)
        try await provider.start()
        do {
            let result = try await body(provider)
            await provider.stop()
            return result
        } catch {
            await provider.stop()
            throw error
        }
    }

    /// Every page until the end or the error.
    func fetch(_ kind: ProviderKind, from provider: HostileProvider, _ query: CallQuery = query) async throws
        -> (pages: [CallPage], error: (any Error)?)
    {
        let client = try ProviderClients.make(try provider.account(kind), tokenCache: nil)
        var pages: [CallPage] = []
        do {
            for try await page in client.calls(query) { pages.append(page) }
            return (pages, nil)
        } catch {
            return (pages, error)
        }
    }

    @Test(arguments: ProviderKind.allCases)
    func aRepeatedPageEndsTheFetchWithAnErrorAfterItsFirstPage(_ kind: ProviderKind) async throws {
        try await withProvider(.repeatedPage) { provider in
            let (pages, error) = try await fetch(kind, from: provider)
            let account = try provider.account(kind).name
            #expect(error as? CallScopeError == .repeatedPage(account: account, page: 2, window: 1))
            #expect((error as? CallScopeError)?.description == "\(account): the provider repeated page 2 of window 1; the fetch stopped there")
            #expect(pages.flatMap(\.records).map(\.id).sorted() == ["r1", "r2"], "the first page was delivered")
            #expect(pages.allSatisfy { $0.completedWindow == nil }, "the window is not complete: a sync marks nothing synced")
            #expect(provider.requests < HostileProvider.requestLimit)
        }
    }

    @Test func anICSOCCursorGivenAgainEndsTheFetchBeforeAskingForIt() async throws {
        try await withProvider(.repeatedCursor) { provider in
            let (pages, error) = try await fetch(.icsoc, from: provider)
            #expect(error as? CallScopeError == .repeatedPage(account: "ic", page: 3, window: 1))
            #expect(pages.flatMap(\.records).map(\.id).sorted() == ["p1a", "p1b", "p2a", "p2b"])
            #expect(provider.requests == 2, "the repeated cursor was not sent")
        }
    }

    @Test(arguments: ProviderKind.allCases)
    func pagesWhoseCallsTheQueryFiltersOutAreNotRepeats(_ kind: ProviderKind) async throws {
        try await withProvider(.twoPages(phone: "0901000001")) { provider in
            var other = Self.query
            other.phone = "0777777777"
            let (pages, error) = try await fetch(kind, from: provider, other)
            #expect(error == nil)
            #expect(pages.flatMap(\.records).isEmpty)
            #expect(pages.last?.completedWindow != nil)
            let (all, _) = try await fetch(kind, from: provider)
            #expect(all.flatMap(\.records).count == 4)
        }
    }

    @Test(arguments: ProviderKind.allCases)
    func aCountNearIntMaxIsACountNotATrap(_ kind: ProviderKind) async throws {
        try await withProvider(.twoPages(phone: "0901000001", total: String(Int.max))) { provider in
            // Over 7 days: OMICall asks in three windows, and the counts add up past Int.max.
            let week = CallQuery(from: Self.query.to.addingTimeInterval(-7 * 86400), to: Self.query.to)
            let (pages, error) = try await fetch(kind, from: provider, week)
            #expect(error == nil)
            #expect(pages.flatMap(\.records).count == 4, "each call once, whatever the window")
            if kind != .icsoc {
                #expect(pages.first?.pagesInWindow == Int.max / 2 + 1)
                #expect(pages.last?.total == .max && pages.last?.totalIsComplete == true)
            }
        }
    }

    @Test(arguments: ProviderKind.allCases)
    func outOfRangeNumbersAreNilWithAWarningAndTheCallIsKept(_ kind: ProviderKind) async throws {
        try await withProvider(.outOfRange) { provider in
            let (pages, error) = try await fetch(kind, from: provider)
            #expect(error == nil)
            let record = try #require(pages.flatMap(\.records).first)
            #expect(record.id == "bad-numbers" && record.startedAt == Self.start)
            #expect(record.endedAt == nil && record.talkSeconds == nil && record.durationSeconds == nil && record.cost == nil)
            let fields = try #require(HostileRecords.outOfRangeFields[kind]).map(\.0)
            let warnings = pages.flatMap(\.warnings)
            #expect(warnings.map(\.field).sorted() == fields.sorted())
            #expect(warnings.allSatisfy { $0.recordID == "bad-numbers" && $0.message.hasPrefix("out of range") })
            #expect(pages.map(\.warningCount).reduce(0, +) == fields.count)
        }
    }

    @Test(arguments: ProviderKind.allCases)
    func callsWhoseIdHoldsAControlCharacterAreDroppedWithAWarning(_ kind: ProviderKind) async throws {
        try await withProvider(.ids(["fine", "nul\u{0}cut", "esc\u{1B}]0;retitled\u{7}"])) { provider in
            let (pages, error) = try await fetch(kind, from: provider)
            #expect(error == nil)
            #expect(pages.flatMap(\.records).map(\.id) == ["fine"])
            let warnings = pages.flatMap(\.warnings)
            #expect(warnings.count == 2)
            #expect(warnings.allSatisfy { $0.message.contains("not stored") })
            #expect(warnings.allSatisfy { !$0.description.contains("\u{1B}") && !$0.description.contains("\u{0}") })
        }
    }

    /// A 64 MiB answer can hold millions of tiny records: a page far beyond the size asked for is
    /// refused before any is mapped.
    @Test(arguments: ProviderKind.allCases)
    func aPageOfFarMoreCallsThanAskedForEndsTheFetch(_ kind: ProviderKind) async throws {
        try await withProvider(.crowdedPage(calls: 5_000)) { provider in
            let (pages, error) = try await fetch(kind, from: provider)
            #expect(pages.flatMap(\.records).isEmpty)
            guard case .oversizedPage(_, let page, let window, let calls, let asked)? = error as? CallScopeError else {
                Issue.record("\(kind): \(String(describing: error))")
                return
            }
            #expect(page == 1 && window == 1 && calls == 5_000 && asked * 4 < calls)
        }
    }

    @Test(arguments: [true, false])
    func anAnswerOver64MiBIsRefusedOnceWithoutRetries(declared: Bool) async throws {
        try await withProvider(.oversized(bytes: HTTPTransport.maximumAnswerBytes + 1, declared: declared)) { provider in
            let (pages, error) = try await fetch(.caresoft, from: provider)
            #expect(pages.isEmpty)
            #expect(error as? CallScopeError == .answerTooLarge(account: "cs", request: "GET /d/api/v1/calls", limitBytes: 64 << 20))
            #expect((error as? CallScopeError)?.description == "cs: GET /d/api/v1/calls: the answer is over 64 MiB; refused without reading the rest")
            #expect(provider.requests == 1, "not retried")
        }
    }

    @Test func anAnswerOfExactly64MiBIsRead() async throws {
        try await withProvider(.oversized(bytes: HTTPTransport.maximumAnswerBytes, declared: false)) { provider in
            let transport = HTTPTransport(account: "cs")
            let bytes = try await transport.send(HTTPRequestSpec(.GET, URL(string: provider.url + "/d/api/v1/calls")!, authenticated: false)) { reply throws(AnswerProblem) in
                reply.body.count
            }
            #expect(bytes == 64 << 20)
        }
    }

    @Test(arguments: ["1e20", "inf", "nan", "Wed, 21 Oct 2015 07:28:00 GMT", "99999999999999999999999"])
    func anAbsurdRetryAfterWaitsThePolicysLongestWait(_ header: String) async throws {
        try await withProvider(.retryAfter(header)) { provider in
            // The longest wait is short here so the test does not sit out a minute; the standard
            // policy's is 60 s (see `RetryPolicyTests`).
            let transport = HTTPTransport(account: "cs", policy: RetryPolicy(maxRetryAfter: .milliseconds(20)))
            let spec = HTTPRequestSpec(.GET, URL(string: provider.url + "/d/api/v1/calls")!, authenticated: false)
            let calls = try await transport.send(spec) { reply throws(AnswerProblem) in try reply.parsedJSON()["calls"]?.arrayValue?.count }
            #expect(calls == 0)
            #expect(provider.requests == 2)
        }
    }

    @Test(arguments: ProviderKind.allCases)
    func aRefusalIsTheProvidersWordsOnce(_ kind: ProviderKind) async throws {
        let words = "\u{1B}]0;pwned\u{7}\u{1B}[2J\u{1B}]52;c;ZXZpbA==\u{7}no"
        try await withProvider(.refusal(words: words)) { provider in
            let (pages, error) = try await fetch(kind, from: provider)
            #expect(pages.isEmpty)
            guard case .provider(let account, _, let status, let given)? = error as? CallScopeError else {
                Issue.record("\(String(describing: error))")
                return
            }
            #expect(account == (try provider.account(kind).name) && status == 400)
            #expect(given == words, "kept as the provider wrote them; the CLI sanitises what it prints")
            #expect(provider.requests <= 2, "a refusal is not retried (VBot also asks for the count)")
        }
    }
}
