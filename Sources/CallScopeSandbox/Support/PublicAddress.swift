import Synchronization

/// The sandbox's own base URL, known only once the server has bound its port; simulators that
/// hand out URLs pointing back at themselves (recordings) read it when they answer.
final class PublicAddress: Sendable {
    private let base = Mutex("http://127.0.0.1")

    var url: String { base.withLock { $0 } }

    func set(host: String, port: Int) { base.withLock { $0 = "http://\(host):\(port)" } }
}
