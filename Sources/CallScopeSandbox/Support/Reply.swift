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
            return cut(bytes, keeping: half, status: status, fields: fields, channel: channel)
        case .drop(let channel):
            return cut(bytes, keeping: 0, status: status, fields: fields, channel: channel)
        }
    }

    /// Promises the whole body, sends only `keeping` bytes of it, then closes the connection.
    /// The body's writer must end normally: a writer that throws leaves Hummingbird's outbound
    /// writer unfinished, which NIO treats as a fatal error.
    private static func cut(_ bytes: [UInt8], keeping: Int, status: HTTPResponse.Status, fields: HTTPFields, channel: any Channel) -> Response {
        Response(status: status, headers: fields, body: .init(contentLength: bytes.count) { writer in
            if keeping > 0 { try await writer.write(ByteBuffer(bytes: bytes[..<keeping])) }
            try await writer.finish(nil)
            channel.close(promise: nil)
        })
    }

    /// An HTML error page, as a proxy in front of a provider sends it.
    static func proxyError(_ status: HTTPResponse.Status) -> Response {
        let html = "<html><head><title>\(status.code) \(status.reasonPhrase)</title></head><body><center><h1>\(status.code) \(status.reasonPhrase)</h1></center><hr><center>nginx</center></body></html>"
        return Response(status: status, headers: [.contentType: "text/html"], body: .init(byteBuffer: ByteBuffer(string: html)))
    }
}
