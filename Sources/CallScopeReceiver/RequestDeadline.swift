import NIOCore
import NIOHTTPTypes

/// Closes a connection that has not sent a whole request within `timeout` of being ready for
/// one (opened, or its previous answer sent): one bound for an idle connection and for a request
/// sent a byte at a time (slowloris). Hummingbird's own idle timeout restarts at every body
/// chunk, so it would let a trickled body hold a connection for ever.
///
/// It also ends a connection answered before its request was read to the end (a body over the
/// limit): the answer is followed by the end of our side, and whatever the client still sends is
/// read and dropped (never buffered) until it stops or the deadline closes the connection.
final class RequestDeadline: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart
    typealias OutboundIn = HTTPResponsePart
    typealias OutboundOut = HTTPResponsePart

    private let timeout: TimeAmount
    private var timer: Scheduled<Void>?
    /// A request's head has come and its end not yet.
    private var reading = false
    /// Requests read to the end and not answered yet.
    private var unanswered = 0
    /// The request being read was answered and our side ended: the connection has no more use.
    private var answeredEarly = false

    init(timeout: TimeAmount) {
        self.timeout = timeout
    }

    func handlerAdded(context: ChannelHandlerContext) {
        if context.channel.isActive { arm(context) }
    }

    func channelActive(context: ChannelHandlerContext) {
        arm(context)
        context.fireChannelActive()
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        disarm()
    }

    func channelInactive(context: ChannelHandlerContext) {
        disarm()
        context.fireChannelInactive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head:
            reading = true
            // a request sent while the previous one is being answered starts its own clock
            arm(context)
        case .body:
            break
        case .end:
            if answeredEarly {
                context.close(promise: nil)
                return
            }
            reading = false
            unanswered += 1
            disarm()
        }
        context.fireChannelRead(data)
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        guard case .end = unwrapOutboundIn(data) else {
            context.write(data, promise: promise)
            return
        }
        if reading && unanswered == 0 {
            // the request being read was answered early: nothing more is read from its body
            answeredEarly = true
            // closed once the answer is in the socket: a close now would drop it unsent
            let written = context.eventLoop.makePromise(of: Void.self)
            written.futureResult.assumeIsolated().whenComplete { result in
                promise?.completeWith(result)
                context.close(mode: .output, promise: nil)
            }
            context.writeAndFlush(data, promise: written)
            return
        }
        unanswered = max(0, unanswered - 1)
        context.write(data, promise: promise)
        if unanswered == 0 { arm(context) }
    }

    /// Starts the clock unless it already runs.
    private func arm(_ context: ChannelHandlerContext) {
        guard timer == nil else { return }
        timer = context.eventLoop.assumeIsolated().scheduleTask(in: timeout) { [self] in
            timer = nil
            context.close(promise: nil)
        }
    }

    private func disarm() {
        timer?.cancel()
        timer = nil
    }
}
