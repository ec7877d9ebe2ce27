import Hummingbird
import Synchronization

/// One request for a recording as the sandbox answered it; tests read them to see that a resumed
/// download asked for the rest of the file.
public struct RecordingRequest: Sendable, Equatable {
    public let path: String
    /// The `Range` header, when sent.
    public let range: String?
    public let status: Int
}

/// Serves recordings for every simulator: the whole file (200), a range of it (206 with
/// `Content-Range`) or 416 past its end. The `norange=` fault makes it ignore `Range` and send
/// the whole file, as some servers do; `truncate=` and `drop=` cut the body as for any answer;
/// `bandwidth=` slows it down.
final class RecordingServer: Sendable {
    let faults: FaultController
    let secondsLimit: Int
    private let log = Mutex<[RecordingRequest]>([])

    init(faults: FaultController, secondsLimit: Int) {
        self.faults = faults
        self.secondsLimit = secondsLimit
    }

    var requests: [RecordingRequest] { log.withLock { $0 } }

    func audio(of call: SimCall) -> RecordingAudio { RecordingAudio(call: call, limit: secondsLimit) }

    func answer(_ request: Request, call: SimCall) -> Response {
        let audio = audio(of: call)
        let length = audio.length
        let path = request.uri.path
        let asked = request.headers[.range]
        let ignoring = faults.rollIgnoreRange(path: path)
        let range = ignoring ? .whole : ByteRange(header: asked, length: length)
        let pace = faults.bandwidth(for: path)
        var headers: HTTPFields = [:]
        if !ignoring { headers[.acceptRanges] = "bytes" }
        let response: Response
        switch range {
        case .whole:
            response = Reply.streamed(length: length, contentType: RecordingAudio.contentType, headers: headers, bytesPerSecond: pace) { audio.bytes($0) }
        case .part(let part):
            headers[.contentRange] = "bytes \(part.lowerBound)-\(part.upperBound - 1)/\(length)"
            response = Reply.streamed(length: part.count, status: .partialContent, contentType: RecordingAudio.contentType, headers: headers,
                                      bytesPerSecond: pace) {
                audio.bytes(($0.lowerBound + part.lowerBound)..<($0.upperBound + part.lowerBound))
            }
        case .unsatisfiable:
            headers[.contentRange] = "bytes */\(length)"
            response = Response(status: .rangeNotSatisfiable, headers: headers)
        }
        note(path, range: asked, status: Int(response.status.code))
        return response
    }

    /// Notes a refusal (404, 401) too, so tests see every request.
    func note(_ path: String, range: String?, status: Int) {
        log.withLock { $0.append(RecordingRequest(path: path, range: range, status: status)) }
    }
}
