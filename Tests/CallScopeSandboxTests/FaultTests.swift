import AsyncHTTPClient
import Foundation
import Testing
@testable import CallScopeSandbox

@Suite("Faults") struct FaultTests {
    @Test func specParsesAndRefusesTypos() throws {
        let spec = try FaultSpec.parse("latency=200ms,error=0.05,throttle=0.02,malformed=0.01,truncate=0.01,drop=0.01,expire=30s,only=/omicall|/vbot")
        #expect(spec.latency == .milliseconds(200) && spec.error == 0.05 && spec.throttle == 0.02)
        #expect(spec.malformed == 0.01 && spec.truncate == 0.01 && spec.drop == 0.01)
        #expect(spec.tokenLifetime == .seconds(30) && spec.only == ["/omicall", "/vbot"])
        #expect(try FaultSpec.parse("expire=0.1").expire == 0.1)
        #expect(try FaultSpec.parse("expire=1/5").expireEvery == 5)
        #expect(try FaultSpec.parse("norange=1").noRange == 1)
        #expect(try FaultSpec.parse("bandwidth=16k").bandwidth == 16384 && FaultSpec.parse("bandwidth=2m").bandwidth == 2 << 20)
        #expect(throws: SandboxError.self) { try FaultSpec.parse("bandwidth=fast") }
        #expect(throws: SandboxError.self) { try FaultSpec.parse("eror=0.1") }
        #expect(throws: SandboxError.self) { try FaultSpec.parse("error=2") }
        #expect(throws: SandboxError.self) { try FaultSpec.parse("latency=fast") }
    }

    func omicallAuth(_ e: SandboxEndpoints) async throws -> HTTPAnswer {
        try await HTTP.get(e.omicall + "/api/auth?apiKey=" + SandboxCredentials().omicallAPIKey)
    }

    @Test func eachFaultShowsAsAClientWouldMeetIt() async throws {
        try await withSandbox { sandbox, e in
            sandbox.faults = try .parse("error=1")
            #expect([500, 502, 503].contains(try await omicallAuth(e).status))
            sandbox.faults = try .parse("throttle=1")
            let throttled = try await omicallAuth(e)
            #expect(throttled.status == 429 && throttled.headers.first(name: "Retry-After") == "1")
            sandbox.faults = try .parse("malformed=1")
            let malformed = try await omicallAuth(e)
            #expect(malformed.status == 200 && (try? JSONSerialization.jsonObject(with: Data(malformed.text.utf8))) == nil)
            #expect(!malformed.text.isEmpty)
            for fault in ["truncate=1", "drop=1"] {
                sandbox.faults = try .parse(fault)
                await #expect(throws: (any Error).self, "\(fault)") { try await omicallAuth(e) }
            }
            sandbox.faults = try .parse("latency=300ms")
            let started = ContinuousClock.now
            #expect(try await omicallAuth(e).status == 200)
            #expect(ContinuousClock.now - started >= .milliseconds(300))
            sandbox.faults = try .parse("error=1,only=/vbot")
            #expect(try await omicallAuth(e).status == 200)
            sandbox.faults = .none
            #expect(try await omicallAuth(e).json.int("status_code") == 9999)
        }
    }

    @Test func expireShareRevokesTokensOnUse() async throws {
        try await withSandbox({ $0.faults = try! .parse("expire=1") }) { _, e in
            let token = try await omicallAuth(e).json.object("payload").string("access_token")!
            let now = testAnchorEpoch * 1000
            let answer = try await HTTP.get(e.omicall + "/api/call_transaction/list?from_date=\(now - 1000)&to_date=\(now)", bearer: token)
            #expect(answer.status == 401 && answer.json.string("message") == "token_expired")
        }
    }

    @Test func faultsAreRepeatableForASeed() async throws {
        func run() async throws -> [Int] {
            try await withSandbox({ $0.faults = try! .parse("error=0.3,throttle=0.2") }) { _, e in
                var statuses: [Int] = []
                for _ in 0..<30 { statuses.append(try await omicallAuth(e).status) }
                return statuses
            }
        }
        let first = try await run()
        #expect(first == (try await run()))
        #expect(first.contains(200) && first.contains(429) && first.contains { $0 >= 500 })
    }
}
