import Hummingbird
import NIOCore

/// What the fault middleware asks the answer's body to suffer. A task-local, so that the
/// simulators write their answers once and the middleware decides how they arrive.
enum BodyFault: Sendable {
    case none
    /// A complete HTTP answer whose JSON is cut in half.
    case malformed
    /// The connection closes half-way through the body.
    case truncate(any Channel)
    /// The connection closes before any body byte.
    case drop(any Channel)

    @TaskLocal static var current: BodyFault = .none
}

enum Reply {
    static func json(_ value: JSONOut, status: HTTPResponse.Status = .ok, headers: HTTPFields = [:]) -> Response {
        bytes(value.encoded(), status: status, contentType: "application/json; charset=utf-8", headers: headers)
    }

    static func bytes(_ bytes: [UInt8], status: HTTPResponse.Status = .ok, contentType: String, headers: HTTPFields = [:]) -> Response {
        var fields = headers
        fields[.contentType] = contentType
        let half = bytes.count / 2
        switch BodyFault.current {
        case .none:
            return Response(status: status, headers: fields, body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
        case .malformed:
            return Response(status: status, headers: fields, body: .init(byteBuffer: ByteBuffer(bytes: bytes[..<half])))
        case .truncate(let channel):
            return cut(length: bytes.count, keeping: half, status: status, fields: fields, channel: channel) { Array(bytes[$0]) }
        case .drop(let channel):
            return cut(length: bytes.count, keeping: 0, status: status, fields: fields, channel: channel) { Array(bytes[$0]) }
        }
    }

    /// A body of `length` bytes made piece by piece by `piece` (a byte range in, its bytes out),
    /// so a large one is never whole in memory, sent at `bytesPerSecond` when given; the faults
    /// cut it as they cut any answer.
    static func streamed(length: Int, status: HTTPResponse.Status = .ok, contentType: String, headers: HTTPFields = [:],
                         bytesPerSecond: Int? = nil, piece: @escaping @Sendable (Range<Int>) -> [UInt8]) -> Response {
        var fields = headers
        fields[.contentType] = contentType
        let pacing = Pacing(bytesPerSecond: bytesPerSecond)
        switch BodyFault.current {
        case .none:
            return Response(status: status, headers: fields, body: .init(contentLength: length) { writer in
                if await send(0..<length, piece: piece, pacing: pacing, to: &writer) { try await writer.finish(nil) }
            })
        case .malformed:
            let half = length / 2
            return Response(status: status, headers: fields, body: .init(contentLength: half) { writer in
                if await send(0..<half, piece: piece, pacing: pacing, to: &writer) { try await writer.finish(nil) }
            })
        case .truncate(let channel):
            return cut(length: length, keeping: length / 2, status: status, fields: fields, channel: channel, pacing: pacing, piece: piece)
        case .drop(let channel):
            return cut(length: length, keeping: 0, status: status, fields: fields, channel: channel, pacing: pacing, piece: piece)
        }
    }

    /// How fast a streamed body goes: pieces of 64 KiB at full speed, or a tenth of a second's
    /// worth each, spaced to keep the rate.
    struct Pacing: Sendable {
        let bytesPerSecond: Int?

        var pieceSize: Int { bytesPerSecond.map { max(256, min(64 * 1024, $0 / 10)) } ?? 64 * 1024 }

        /// Waits until `sent` bytes are due, `started` being when the first was sent.
        func wait(sent: Int, since started: ContinuousClock.Instant) async throws {
            guard let bytesPerSecond else { return }
            try await Task.sleep(until: started + .milliseconds(Int64(sent) * 1000 / Int64(bytesPerSecond)))
        }
    }

    /// Writes `range` piece by piece; false when the client went away (a write failed). It never
    /// throws: a body writer that throws leaves Hummingbird's outbound writer unfinished, which
    /// NIO treats as a fatal error.
    private static func send(_ range: Range<Int>, piece: (Range<Int>) -> [UInt8], pacing: Pacing,
                             to writer: inout any ResponseBodyWriter) async -> Bool {
        let started = ContinuousClock.now
        var offset = range.lowerBound
        while offset < range.upperBound {
            let end = min(range.upperBound, offset + pacing.pieceSize)
            do {
                try await writer.write(ByteBuffer(bytes: piece(offset..<end)))
                try await pacing.wait(sent: end - range.lowerBound, since: started)
            } catch {
                return false
            }
            offset = end
        }
        return true
    }

    /// Promises the whole body, sends only `keeping` bytes of it, then closes the connection.
    /// The body's writer must end normally: a writer that throws leaves Hummingbird's outbound
    /// writer unfinished, which NIO treats as a fatal error.
    private static func cut(length: Int, keeping: Int, status: HTTPResponse.Status, fields: HTTPFields, channel: any Channel,
                            pacing: Pacing = Pacing(bytesPerSecond: nil), piece: @escaping @Sendable (Range<Int>) -> [UInt8]) -> Response {
        Response(status: status, headers: fields, body: .init(contentLength: length) { writer in
            if await send(0..<keeping, piece: piece, pacing: pacing, to: &writer) { try await writer.finish(nil) }
            channel.close(promise: nil)
        })
    }

    /// An HTML error page, as a proxy in front of a provider sends it.
    static func proxyError(_ status: HTTPResponse.Status) -> Response {
        let html = "<html><head><title>\(status.code) \(status.reasonPhrase)</title></head><body><center><h1>\(status.code) \(status.reasonPhrase)</h1></center><hr><center>nginx</center></body></html>"
        return Response(status: status, headers: [.contentType: "text/html"], body: .init(byteBuffer: ByteBuffer(string: html)))
    }
}
