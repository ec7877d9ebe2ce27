import Foundation

/// Why a recording was not downloaded, in words that say what to do. Network, token and
/// provider failures are `CallScopeError`s, as for `calls`.
public enum DownloadError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The call has no `recording_url`.
    case noRecording(account: String, id: String)
    /// 404 or 410 at the recording's URL.
    case missing(account: String, request: String, status: Int, words: String)
    /// The answer is not audio (a login page, an error in JSON).
    case notAudio(account: String, request: String, contentType: String, words: String)
    /// The disk (or the user's quota) is full; the part already written is kept for a resume.
    case diskFull(path: String)
    /// Another failure to write or rename the file.
    case file(path: String, problem: String)

    public var description: String {
        switch self {
        case .noRecording(let a, let id): "\(a): call \(id) has no recording"
        case .missing(let a, let r, let s, let w): "\(a): \(r): HTTP \(s): the recording is not there: \(w)"
        case .notAudio(let a, let r, let type, let w):
            "\(a): \(r): not audio: the server sent \(type.isEmpty ? "no content type" : type)\(w.isEmpty ? "" : " (\(w))")"
        case .diskFull(let path): "\(path): disk full; free some space and run the download again (it resumes)"
        case .file(let path, let problem): "\(path): \(problem)"
        }
    }
}

extension DownloadError {
    /// A file's failure as a download says it: a full disk apart (the part is kept for a resume).
    init(_ failure: FileFailure) {
        self = failure.isDiskFull ? .diskFull(path: failure.path) : .file(path: failure.path, problem: failure.description)
    }
}
