import NIOCore
import Synchronization

/// Watches the start of a connection to PostgreSQL at the socket, below TLS: whether the server
/// took TLS, and, on a connection without it, a request for the password in clear text, which it
/// refuses by closing the connection before PostgresNIO (which has no setting for this) can
/// answer it. It reads the protocol's frames only until the login is settled.
final class StartupWatch: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = ByteBuffer
    typealias InboundOut = ByteBuffer
    typealias OutboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    /// What the watch saw, read once the connection is made or has failed.
    final class Findings: Sendable {
        private let state = Mutex((tls: false, refusedCleartext: false))
        var tls: Bool { state.withLock { $0.tls } }
        var refusedCleartext: Bool { state.withLock { $0.refusedCleartext } }
        init() {}
        fileprivate func sawTLS() { state.withLock { $0.tls = true } }
        fileprivate func refused() { state.withLock { $0.refusedCleartext = true } }
    }

    private enum Phase {
        case start, awaitingTLSAnswer, plain, done
    }

    // The protocol's numbers (PostgreSQL, "Message Formats").
    private static let sslRequestCode: UInt32 = 80_877_103
    private static let authentication = UInt8(ascii: "R")
    private static let errorResponse = UInt8(ascii: "E")
    private static let authenticationOK: UInt32 = 0
    private static let cleartextPassword: UInt32 = 3

    private let findings: Findings
    private let refuseCleartext: Bool
    private var phase = Phase.start
    /// Server bytes of a plain connection not yet framed into whole messages.
    private var unframed = ByteBuffer()

    init(refuseCleartext: Bool, findings: Findings) {
        self.refuseCleartext = refuseCleartext
        self.findings = findings
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        if case .start = phase {
            let bytes = unwrapOutboundIn(data)
            let isSSLRequest = bytes.readableBytes == 8 && bytes.getInteger(at: bytes.readerIndex + 4, as: UInt32.self) == Self.sslRequestCode
            phase = isSSLRequest ? .awaitingTLSAnswer : .plain
        }
        context.write(data, promise: promise)
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        var bytes = unwrapInboundIn(data)
        switch phase {
        case .awaitingTLSAnswer:
            guard let answer = bytes.readInteger(as: UInt8.self) else { break }
            if answer == UInt8(ascii: "S") {
                findings.sawTLS()
                phase = .done
            } else {
                // 'N': no TLS, messages in the clear follow
                phase = .plain
                if !frame(bytes, context: context) { return }
            }
        case .plain:
            if !frame(bytes, context: context) { return }
        case .start, .done:
            break
        }
        context.fireChannelRead(data)
    }

    /// Reads the whole messages that have come; false when the connection was closed instead.
    private func frame(_ bytes: ByteBuffer, context: ChannelHandlerContext) -> Bool {
        unframed.writeImmutableBuffer(bytes)
        while case .plain = phase,
              let type = unframed.getInteger(at: unframed.readerIndex, as: UInt8.self),
              let length = unframed.getInteger(at: unframed.readerIndex + 1, as: UInt32.self) {
            guard length >= 4, let whole = Int(exactly: length).map({ $0 + 1 }) else {
                phase = .done  // not the protocol: PostgresNIO will say so
                break
            }
            guard unframed.readableBytes >= whole else { return true }
            if type == Self.authentication, let code = unframed.getInteger(at: unframed.readerIndex + 5, as: UInt32.self), length >= 8 {
                if code == Self.cleartextPassword && refuseCleartext {
                    findings.refused()
                    phase = .done
                    context.close(promise: nil)
                    return false
                }
                if code == Self.authenticationOK { phase = .done }
            } else if type == Self.errorResponse {
                phase = .done
            }
            unframed.moveReaderIndex(forwardBy: whole)
            unframed.discardReadBytes()
        }
        if case .done = phase { unframed = ByteBuffer() }
        return true
    }
}
