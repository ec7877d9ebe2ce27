import Foundation

/// A TCP connection to the receiver that sends exactly the bytes it is given, when it is told:
/// for requests no HTTP client would send (half-sent, trickled, a body announced but withheld).
/// Its blocking calls run on threads of their own: on the cooperative pool they could hold every
/// thread the receiver in this process needs to answer.
final class RawConnection: Sendable {
    private let socket: Int32

    /// Connected to 127.0.0.1:`port`; reads give up after `readBound` (a bound against a hang,
    /// never a measure).
    init(port: Int, readBound: Int = 60) throws {
        socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var bound = timeval(tv_sec: readBound, tv_usec: 0)
        setsockopt(socket, SOL_SOCKET, SO_RCVTIMEO, &bound, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        let connected = withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0 }
        }
        guard connected else { throw CocoaError(.fileReadUnknown, userInfo: [NSLocalizedDescriptionKey: "cannot connect: \(errno)"]) }
    }

    deinit { close(socket) }

    /// Sends all of `bytes`; false when the receiver has closed the connection.
    @discardableResult
    func send(_ bytes: [UInt8]) async -> Bool {
        await offPool { self.sendAll(bytes) }
    }

    @discardableResult
    func send(_ text: String) async -> Bool { await send(Array(text.utf8)) }

    /// Everything the receiver sends until it closes the connection; nil when it has not closed
    /// it within the read bound.
    func readToEnd() async -> [UInt8]? {
        await offPool { self.readAll() }
    }

    /// One answer, the connection left open; nil when none comes whole within the read bound.
    func readAnswer() async -> RawAnswer? {
        await offPool { self.readOne() }
    }

    private func offPool<T: Sendable>(_ body: @escaping @Sendable () -> T) async -> T {
        await withCheckedContinuation { continuation in Thread { continuation.resume(returning: body()) }.start() }
    }

    private func sendAll(_ bytes: [UInt8]) -> Bool {
        var sent = 0
        while sent < bytes.count {
            let count = bytes[sent...].withUnsafeBytes { Glibc.send(socket, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            if count <= 0 { return false }
            sent += count
        }
        return true
    }

    private func readAll() -> [UInt8]? {
        var all: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while true {
            let count = recv(socket, &buffer, buffer.count, 0)
            if count == 0 { return all }
            if count < 0 { return errno == ECONNRESET ? all : nil }
            all += buffer.prefix(count)
        }
    }

    private func readOne() -> RawAnswer? {
        var all: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while true {
            if let answer = RawAnswer(all), answer.body.utf8.count >= answer.contentLength { return answer }
            let count = recv(socket, &buffer, buffer.count, 0)
            if count <= 0 { return nil }
            all += buffer.prefix(count)
        }
    }

    /// Whether the receiver has closed its side already, without waiting: what has come is
    /// read and dropped.
    var isClosedByReceiver: Bool {
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while true {
            let count = recv(socket, &buffer, buffer.count, Int32(MSG_DONTWAIT))
            if count == 0 { return true }
            if count < 0 { return errno == ECONNRESET }
        }
    }
}

/// An HTTP/1.1 answer read off a connection: its status and body.
struct RawAnswer: Sendable {
    let status: Int
    let body: String
    /// What its `Content-Length` announced (0 without one).
    let contentLength: Int

    init?(_ bytes: [UInt8]) {
        let text = String(decoding: bytes, as: UTF8.self)
        guard let headEnd = text.range(of: "\r\n\r\n"), let status = Int(text.dropFirst("HTTP/1.1 ".count).prefix(3)) else { return nil }
        self.status = status
        body = String(text[headEnd.upperBound...])
        let lengthLine = text[..<headEnd.lowerBound].split(separator: "\r\n").first { $0.lowercased().hasPrefix("content-length:") }
        contentLength = lengthLine.flatMap { Int($0.dropFirst("content-length:".count).trimmingCharacters(in: .whitespaces)) } ?? 0
    }
}
