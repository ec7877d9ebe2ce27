import Foundation
import Synchronization

/// The data folder's list of downloaded recordings (call → file), `downloads.json`, so the
/// TUI's `o` plays a downloaded file rather than the URL. The file is written whole to a private
/// temporary file and renamed over the old one (`AtomicFile`), so it is never half-written; a failure to read or
/// write it is thrown, never ignored. Writes in one process are serialised; two processes
/// recording at the same instant can still lose one entry (the file is then only missing a line
/// of the index: the recording itself is on disk).
public final class DownloadIndex: Sendable {
    public struct Entry: Codable, Sendable, Equatable {
        public var account: String
        public var id: String
        public var path: String
        public var bytes: Int64
        public var downloadedAt: Date

        public init(account: String, id: String, path: String, bytes: Int64, downloadedAt: Date = Date()) {
            self.account = account
            self.id = id
            self.path = path
            self.bytes = bytes
            self.downloadedAt = downloadedAt
        }

        enum CodingKeys: String, CodingKey {
            case account, id, path, bytes
            case downloadedAt = "downloaded_at"
        }
    }

    public static let fileName = "downloads.json"
    public let fileURL: URL
    private let writing = Mutex(())

    public init(dataDirectory: URL) { fileURL = dataDirectory.appendingPathComponent(Self.fileName) }

    /// Every recorded download whose file is still there.
    public func entries() throws(DownloadError) -> [Entry] {
        try load().filter { FileManager.default.fileExists(atPath: $0.path) }
    }

    /// The downloaded file of a call, if it is still there.
    public func file(account: String, id: String) throws(DownloadError) -> URL? {
        try entries().first { $0.account == account && $0.id == id }.map { URL(fileURLWithPath: $0.path) }
    }

    /// Adds (or replaces) a call's entry.
    public func record(_ entry: Entry) throws(DownloadError) {
        try writing.withLock { _ throws(DownloadError) in
            var all = try load().filter { !($0.account == entry.account && $0.id == entry.id) }
            all.append(entry)
            try save(all.sorted { ($0.account, $0.id) < ($1.account, $1.id) })
        }
    }

    private struct Document: Codable {
        var downloads: [Entry]
    }

    private func load() throws(DownloadError) -> [Entry] {
        let data: Data
        do {
            data = try Data(contentsOf: fileURL)
        } catch CocoaError.fileReadNoSuchFile {
            return []
        } catch {
            throw .file(path: fileURL.path, problem: "cannot read the download index: \(error.localizedDescription)")
        }
        do {
            return try Self.decoder.decode(Document.self, from: data).downloads
        } catch {
            throw .file(path: fileURL.path, problem: "the download index is not readable JSON (\(error)); move it away to start a new one")
        }
    }

    private func save(_ entries: [Entry]) throws(DownloadError) {
        let data: Data
        do { data = try Self.encoder.encode(Document(downloads: entries)) } catch {
            throw .file(path: fileURL.path, problem: "cannot write the download index: \(error.localizedDescription)")
        }
        do throws(FileFailure) { try AtomicFile.write(data, to: fileURL) } catch {
            if error.isDiskFull { throw .diskFull(path: fileURL.path) }
            throw .file(path: fileURL.path, problem: "cannot write the download index: \(error)")
        }
    }

    private static let encoder: JSONEncoder = {
        let e = JSONEncoder()
        e.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        e.dateEncodingStrategy = .iso8601
        return e
    }()

    private static let decoder: JSONDecoder = {
        let d = JSONDecoder()
        d.dateDecodingStrategy = .iso8601
        return d
    }()
}
