import CallScopeKit

/// A call, as downloads know it.
public struct DownloadKey: Sendable, Hashable {
    public var account: String
    public var id: String

    public init(account: String, id: String) {
        self.account = account
        self.id = id
    }

    public init(_ call: CallRecord) { self.init(account: call.account, id: call.id) }
}

/// Recordings being downloaded (`d`, several at once) and those on disk (`o` plays them).
public struct DownloadsState: Sendable, Equatable {
    public enum Status: Sendable, Equatable {
        /// Asked for; no answer yet.
        case starting
        case running(DownloadProgress)
        case failed(String)
        /// Stopped with `d`; the part stays, and `d` goes on from it.
        case cancelled
    }

    /// Downloads in progress, failed or cancelled, by call.
    public var status: [DownloadKey: Status] = [:]
    /// Recordings on disk, by call: the data folder's index, and what finished since.
    public var files: [DownloadKey: String] = [:]

    public init() {}

    public func isRunning(_ key: DownloadKey) -> Bool {
        switch status[key] {
        case .starting?, .running?: true
        default: false
        }
    }
}
