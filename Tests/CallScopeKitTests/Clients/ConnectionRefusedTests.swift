import Foundation
import Testing
@testable import CallScopeKit

@Suite("A provider that is down") struct ConnectionRefusedTests {
    /// Nothing listens on the port (bound, never listening: the kernel refuses every connection),
    /// and the request's deadline is an hour away: the attempts fail at once and the error comes
    /// after the retry policy's attempts, not after the deadline (the time limit only guards the
    /// run from hanging).
    @Test(.timeLimit(.minutes(1))) func aRefusedConnectionFailsEachAttemptAtOnce() async throws {
        let port = try RefusingPort()
        defer { port.close() }
        let transport = HTTPTransport(account: "down", policy: RetryPolicy(maxAttempts: 3, baseDelay: .milliseconds(1)),
                                      timeoutSeconds: 3600)
        let spec = HTTPRequestSpec(.GET, URL(string: "http://127.0.0.1:\(port.number)/calls")!)
        let error = await #expect(throws: CallScopeError.self) { try await transport.send(spec) { $0 } }
        guard case .network(let account, _, let detail) = error else { Issue.record("\(String(describing: error))"); return }
        #expect(account == "down")
        #expect(detail.localizedCaseInsensitiveContains("refused"), "\(detail)")
    }
}

/// A loopback port of the kernel's choice, bound and never listened on.
private struct RefusingPort {
    let descriptor: Int32
    let number: Int

    init() throws {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { generic in
                bind(descriptor, generic, length) == 0 && getsockname(descriptor, generic, &length) == 0
            }
        }
        try #require(descriptor >= 0 && bound)
        self.descriptor = descriptor
        number = Int(UInt16(bigEndian: address.sin_port))
    }

    func close() { _ = Glibc.close(descriptor) }
}
