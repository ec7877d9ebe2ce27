import AsyncHTTPClient
import Foundation
import Testing
@testable import CallScopeKit
@testable import CallScopeSandbox

/// A sandbox, a downloads folder, and a recorded call of each kind to download.
struct RecordingFixture {
    let clients: SandboxFixture
    let folder: URL

    /// Retries quickly, so a test that exhausts them ends soon.
    static let quick = RetryPolicy(maxAttempts: 5, baseDelay: .milliseconds(1), maxDelay: .milliseconds(5))

    func downloader(_ provider: ProviderKind, policy: RetryPolicy = quick) -> RecordingDownloader {
        RecordingDownloader(account: clients.account(provider), tokenCache: clients.tokenCache, policy: policy)
    }

    /// A recent answered call with a recording (skipping the first `skipping` of them).
    func recordedCall(_ provider: ProviderKind, skipping: Int = 0) async throws -> CallRecord {
        let calls = try await clients.client(provider).allCalls(CallQuery(from: clientAnchor.addingTimeInterval(-days(5)), to: clientAnchor))
        return try #require(calls.filter { $0.recordingURL != nil }.dropFirst(skipping).first)
    }

    /// The recording as the sandbox serves it, read in one plain request.
    func served(_ call: CallRecord, bearer: String? = nil) async throws -> [UInt8] {
        var request = HTTPClientRequest(url: call.recordingURL!)
        if let bearer { request.headers.add(name: "Authorization", value: "Bearer \(bearer)") }
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(30))
        #expect(response.status.code == 200)
        return Array(try await response.body.collect(upTo: 16 << 20).readableBytesView)
    }

    func destination(_ call: CallRecord) -> DownloadDestination { .standard(folder: folder, account: call.account, id: call.id) }

    func bytes(_ url: URL) throws -> [UInt8] { Array(try Data(contentsOf: url)) }

    /// Files in the downloads folder.
    func files() throws -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).sorted()
    }

    /// The recordings' paths the sandbox was asked for, with their `Range` and answer.
    var requests: [RecordingRequest] { clients.sandbox.recordingRequests }
}

func withRecordings<T>(_ configure: (inout SandboxOptions) -> Void = { _ in }, _ body: (RecordingFixture) async throws -> T) async throws -> T {
    try await withClients(calls: 400, configure) { clients in
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("callscope-dl-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        return try await body(RecordingFixture(clients: clients, folder: folder))
    }
}
