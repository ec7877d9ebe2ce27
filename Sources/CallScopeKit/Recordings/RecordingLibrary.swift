import AsyncHTTPClient
import Foundation

/// Downloads recordings into the downloads folder and keeps the data folder's index of them
/// up to date: what the CLI's `download` and the TUI's `d` share.
public struct RecordingLibrary: Sendable {
    public let folder: URL
    public let index: DownloadIndex
    let downloaders: [String: RecordingDownloader]

    public init(accounts: [AccountConfig], paths: ConfigPaths, http: @autoclosure @escaping @Sendable () -> HTTPClient = .callscope, tokenCache: TokenCache?) {
        self.init(folder: paths.downloadsDirectory, index: DownloadIndex(dataDirectory: paths.dataDirectory),
                  downloaders: accounts.map { RecordingDownloader(account: $0, http: http(), tokenCache: tokenCache) })
    }

    public init(folder: URL, index: DownloadIndex, downloaders: [RecordingDownloader]) {
        self.folder = folder
        self.index = index
        self.downloaders = Dictionary(downloaders.map { ($0.account, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// What a download left: the file, and the index's failure when the file could not be
    /// entered in it (the recording is there all the same).
    public struct Outcome: Sendable {
        public var saved: SavedRecording
        public var indexProblem: DownloadError?
    }

    /// Downloads `call`'s recording to `file`, else to `{account}-{id}.{ext}` in the folder, and
    /// enters it in the index.
    public func download(_ call: CallRecord, to file: URL? = nil,
                         progress: @Sendable (DownloadProgress) -> Void = { _ in }) async throws -> Outcome {
        guard let downloader = downloaders[call.account] else {
            throw CallScopeError.configuration(account: call.account, key: "name", problem: "is not a configured account")
        }
        let destination = file.map(DownloadDestination.file) ?? .standard(folder: folder, account: call.account, id: call.id)
        let saved = try await downloader.download(call, to: destination, progress: progress)
        do {
            try index.record(.init(account: call.account, id: call.id, path: saved.file.path, bytes: saved.bytes))
            return Outcome(saved: saved, indexProblem: nil)
        } catch {
            return Outcome(saved: saved, indexProblem: error)
        }
    }
}
