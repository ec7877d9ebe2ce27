import Foundation
import Testing
@testable import CallScopeKit

@Suite("Download index") struct DownloadIndexTests {
    func folder() -> URL { FileManager.default.temporaryDirectory.appendingPathComponent("callscope-index-\(UUID().uuidString)") }

    @Test func recordsReplacesAndForgetsFilesThatAreGone() throws {
        let data = folder()
        defer { try? FileManager.default.removeItem(at: data) }
        let index = DownloadIndex(dataDirectory: data)
        #expect(try index.entries().isEmpty)
        let first = data.appendingPathComponent("cs-1.wav"), second = data.appendingPathComponent("cs-1-again.wav")
        try FileManager.default.createDirectory(at: data, withIntermediateDirectories: true)
        try Data([1]).write(to: first)
        try index.record(.init(account: "cs", id: "1", path: first.path, bytes: 1))
        #expect(try index.file(account: "cs", id: "1") == first)
        try Data([2]).write(to: second)
        try index.record(.init(account: "cs", id: "1", path: second.path, bytes: 1))
        #expect(try index.entries().map(\.path) == [second.path])
        // Another process (a fresh index on the same folder) sees it.
        #expect(try DownloadIndex(dataDirectory: data).file(account: "cs", id: "1") == second)
        try FileManager.default.removeItem(at: second)
        #expect(try index.file(account: "cs", id: "1") == nil)
        let mode = try FileManager.default.attributesOfItem(atPath: index.fileURL.path)[.posixPermissions] as? Int
        #expect(mode == 0o600)
    }

    @Test func unreadableOrUnwritableIndexesAreReported() throws {
        let data = folder()
        defer { try? FileManager.default.removeItem(at: data) }
        try FileManager.default.createDirectory(at: data, withIntermediateDirectories: true)
        let index = DownloadIndex(dataDirectory: data)
        try Data("{not json".utf8).write(to: index.fileURL)
        #expect(throws: DownloadError.self) { try index.entries() }
        #expect(throws: DownloadError.self) { try index.record(.init(account: "cs", id: "1", path: "/x", bytes: 1)) }
        #expect(try Data(contentsOf: index.fileURL) == Data("{not json".utf8), "a bad index is left for the user to look at")
        // A data folder that cannot be made (its parent is a file).
        let blocked = DownloadIndex(dataDirectory: index.fileURL.appendingPathComponent("sub"))
        #expect(throws: DownloadError.self) { try blocked.record(.init(account: "cs", id: "1", path: "/x", bytes: 1)) }
    }
}
