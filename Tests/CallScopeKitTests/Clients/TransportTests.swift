import Foundation
import Testing
@testable import CallScopeKit
@testable import CallScopeSandbox

@Suite("Transport, tokens and faults") struct TransportTests {
    let month = CallQuery(from: clientAnchor.addingTimeInterval(-days(30)), to: clientAnchor)

    @Test(arguments: [ProviderKind.omicall, .vbotCRM, .icsoc])
    func aSecondRunReusesTheCachedToken(_ provider: ProviderKind) async throws {
        try await withClients { f in
            let login = provider == .omicall ? "omicall" : provider == .icsoc ? "icsoc" : "vbot"
            // Two runs: two clients, as two processes would make, sharing the token file.
            _ = try await f.client(provider).allCalls(CallQuery(from: clientAnchor.addingTimeInterval(-days(2)), to: clientAnchor, limit: 1))
            let secondRun = TokenCache(file: f.tokenCache.fileURL)
            _ = try await f.client(provider, cache: secondRun).allCalls(CallQuery(from: clientAnchor.addingTimeInterval(-days(2)), to: clientAnchor, limit: 1))
            #expect(f.sandbox.loginCount(login) == 1)
            let mode = try FileManager.default.attributesOfItem(atPath: f.tokenCache.fileURL.path)[.posixPermissions] as? Int
            #expect(mode == 0o600)
            let text = try String(contentsOf: f.tokenCache.fileURL, encoding: .utf8)
            #expect(!text.contains(f.credentials.vbotPassword) && !text.contains(f.credentials.icsocClientSecret))
        }
    }

    @Test(arguments: [ProviderKind.omicall, .vbotCampaign, .icsoc])
    func anExpiredTokenIsReplacedAndTheFetchCompletes(_ provider: ProviderKind) async throws {
        // Every 4th authorized request finds its token expired: the fetch outlives several tokens.
        try await withClients({ $0.faults = try! .parse("expire=1/4") }) { f in
            let client = try f.client(provider, pageSize: 10)
            let calls = try await client.allCalls(month)
            #expect(calls.count == f.expectedCount(provider, from: month.from, to: month.to))
            #expect(f.sandbox.loginCount(provider == .omicall ? "omicall" : provider == .icsoc ? "icsoc" : "vbot") > 1)
        }
    }

    @Test func aTokenRevokedOnUseIsRefreshedOnce() async throws {
        try await withClients({ $0.faults = try! .parse("expire=1,only=/omicall/api/call_transaction/list") }) { f in
            // every list request revokes the token it carries: one refresh, then a definite auth error
            await #expect(throws: CallScopeError.auth(account: "omi", request: "GET /omicall/api/call_transaction/list", words: "token_expired")) {
                _ = try await f.client(.omicall).allCalls(month)
            }
            #expect(f.sandbox.loginCount("omicall") == 2)
        }
    }

    @Test(arguments: allProviders)
    func transientFaultsAreRetried(_ provider: ProviderKind) async throws {
        try await withClients({ $0.faults = try! .parse("error=0.15,throttle=0.1,malformed=0.1,truncate=0.05,drop=0.05") }) { f in
            let client = try f.client(provider, pageSize: 25)
            let calls = try await client.allCalls(month)
            #expect(calls.count == f.expectedCount(provider, from: month.from, to: month.to))
        }
    }

    @Test func aPersistentFailureIsReportedInTheProvidersWords() async throws {
        try await withClients({ $0.faults = try! .parse("error=1,only=/caresoft") }) { f in
            do {
                _ = try await f.client(.caresoft).allCalls(month)
                Issue.record("no error")
            } catch let error as CallScopeError {
                guard case .provider(let account, let request, let status, let words) = error else { Issue.record("\(error)"); return }
                #expect(account == "cs" && request == "GET /caresoft/khachhang01/api/v1/calls")
                #expect([500, 502, 503].contains(status) && words.contains("\(status)"))
                #expect(!error.description.contains(f.credentials.caresoftToken))
            }
        }
    }

    @Test func omicallRangeTooLongCarriesItsWords() async throws {
        try await withClients { f in
            // the account claims 10-day windows; the sandbox allows 3
            await #expect(throws: CallScopeError.rangeTooLong(account: "omi", request: "GET /omicall/api/call_transaction/list", words: "date_is_too_long")) {
                _ = try await f.client(.omicall, maxWindowDays: 10).allCalls(month)
            }
        }
    }

    @Test func wrongCredentialsAreAnAuthErrorWithTheProvidersWords() async throws {
        try await withClients { f in
            var account = f.account(.omicall)
            account.settings = .omicall(OMICallSettings(auth: .apiKey(Secret("wrong"))))
            await #expect(throws: CallScopeError.auth(account: "omi", request: "GET /omicall/api/auth", words: "api_key_invalid")) {
                _ = try await ProviderClients.make(account, tokenCache: nil).allCalls(month)
            }
            var vbot = f.account(.vbotCRM)
            var settings = vbot.vbot!
            settings.auth = .password(username: f.credentials.vbotUsername, password: Secret("wrong"))
            vbot.settings = .vbotCRM(settings)
            do {
                _ = try await ProviderClients.make(vbot, tokenCache: nil).allCalls(month)
                Issue.record("no error")
            } catch let error as CallScopeError {
                #expect(error.description.contains("The user name or password is incorrect."))
                #expect(!error.description.contains("wrong"))
            }
        }
    }

    @Test func careSoftSmallPagesNeverTripTheRateLimit() async throws {
        try await withClients(calls: 3000) { f in
            let client = try f.client(.caresoft, pageSize: 5)
            let query = CallQuery(from: clientAnchor.addingTimeInterval(-days(3)), to: clientAnchor)
            let calls = try await client.allCalls(query)
            #expect(calls.count > 60)   // more than 12 requests: more than the 1 s burst a token bucket would allow
            #expect(f.sandbox.caresoftRefusals == 0)
        }
    }

    @Test func slidingWindowLimiterNeverExceedsItsLimit() async throws {
        let limiter = SlidingWindowRateLimiter(limit: 5, window: .milliseconds(200), margin: .zero)
        var sent: [ContinuousClock.Instant] = []
        for _ in 0..<16 {
            try await limiter.acquire()
            sent.append(.now)
        }
        for (i, t) in sent.enumerated() where i >= 5 {
            #expect(t - sent[i - 5] >= .milliseconds(200))
        }
    }

    @Test func cancellingTheConsumerStopsTheFetch() async throws {
        try await withClients({ $0.faults = try! .parse("latency=300ms") }) { f in
            let client = try f.client(.caresoft, pageSize: 5)
            let query = CallQuery(from: clientAnchor.addingTimeInterval(-days(100)), to: clientAnchor)
            let (firstPage, arrived) = AsyncStream.makeStream(of: Void.self)
            let task = Task {
                var calls: [CallRecord] = []
                for try await page in client.calls(query) {
                    calls += page.records
                    arrived.yield()
                }
                return calls
            }
            // cancelled while the second page is on its way: the fetch ends without the rest
            for await _ in firstPage { break }
            task.cancel()
            switch await task.result {
            case .success(let calls): #expect(calls.count < f.expectedCount(.caresoft, from: query.from, to: query.to) / 2, "\(calls.count) calls")
            case .failure(let error): #expect(error is CancellationError, "\(error)")
            }
        }
    }
}
