import Foundation
import Synchronization

/// A man in the middle on a loopback port of the kernel's: relays every connection to a server,
/// answering its clients' TLS request with "no TLS here" ('N') itself, so that client and server
/// speak in the clear through it, whatever the server offers.
public final class TLSStrippingProxy: Sendable {
    public let port: Int
    private let listener: Int32
    private let fromClients = Mutex<[UInt8]>([])

    /// Every byte the clients sent to the server through the proxy (their TLS requests aside).
    public var clientBytes: [UInt8] { fromClients.withLock { $0 } }

    public init(to serverPort: Int) throws {
        let listener = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        self.listener = listener
        var address = Self.loopback(port: 0)
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let listening = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(listener, $0, length) == 0 && listen(listener, 16) == 0 && getsockname(listener, $0, &length) == 0
            }
        }
        guard listening else { throw PostgresMissing(reason: "the proxy cannot listen on a loopback port (errno \(errno))") }
        port = Int(UInt16(bigEndian: address.sin_port))
        Thread { [listener, self] in
            while true {
                let client = accept(listener, nil, nil)
                if client < 0 { if errno == EINTR { continue } else { return } }
                relay(client, to: serverPort)
            }
        }.start()
    }

    /// Stops taking connections (those relayed carry on until either side closes).
    public func stop() {
        shutdown(listener, Int32(SHUT_RDWR))
        close(listener)
    }

    private func relay(_ client: Int32, to serverPort: Int) {
        let server = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = Self.loopback(port: serverPort)
        let connected = withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(server, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0 }
        }
        guard connected else {
            close(client)
            close(server)
            return
        }
        // The SSLRequest: length 8, code 80877103. Anything else goes to the server as it is.
        var first = [UInt8](repeating: 0, count: 8)
        let got = recv(client, &first, 8, Int32(MSG_WAITALL))
        if got == 8, first == [0, 0, 0, 8, 0x04, 0xD2, 0x16, 0x2F] {
            _ = send(client, [UInt8(ascii: "N")], 1, Int32(MSG_NOSIGNAL))
        } else if got > 0 {
            fromClients.withLock { $0 += first.prefix(got) }
            _ = send(server, first, got, Int32(MSG_NOSIGNAL))
        }
        let pumps = DispatchGroup()
        DispatchQueue.global().async(group: pumps) { [self] in Self.pump(from: client, to: server) { bytes in fromClients.withLock { $0 += bytes } } }
        DispatchQueue.global().async(group: pumps) { Self.pump(from: server, to: client) { _ in } }
        pumps.notify(queue: .global()) {
            close(client)
            close(server)
        }
    }

    /// Copies until `source` ends, then ends `destination`'s sending side.
    private static func pump(from source: Int32, to destination: Int32, seen: (ArraySlice<UInt8>) -> Void) {
        var buffer = [UInt8](repeating: 0, count: 16_384)
        while true {
            let count = recv(source, &buffer, buffer.count, 0)
            if count <= 0 { break }
            seen(buffer.prefix(count))
            guard send(destination, buffer, count, Int32(MSG_NOSIGNAL)) == count else { break }
        }
        shutdown(destination, Int32(SHUT_WR))
        shutdown(source, Int32(SHUT_RD))
    }

    private static func loopback(port: Int) -> sockaddr_in {
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        return address
    }
}
