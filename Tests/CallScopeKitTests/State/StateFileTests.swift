import Foundation
import Synchronization
import TerminalTestSupport
import Testing
@testable import CallScopeKit

@Suite("State files: atomic, locked, loud") struct StateFileTests {
    @Test func concurrentWritersWithTheirOwnHandlesLoseNothing() throws {
        try withFolder { folder in
            let url = folder.appendingPathComponent("index.json")
            let writers = 8, entriesEach = 25
            // Threads, each with its own StateFile (its own descriptors), as separate processes would be.
            let done = DispatchGroup()
            for writer in 0..<writers {
                done.enter()
                Thread {
                    let file = StateFile<[String: Int]>(url, empty: [:])
                    for entry in 0..<entriesEach {
                        do { try file.update { $0["\(writer)-\(entry)"] = entry } } catch { Issue.record("\(error)") }
                    }
                    done.leave()
                }.start()
            }
            done.wait()
            let stored = try StateFile<[String: Int]>(url, empty: [:]).read()
            #expect(stored.count == writers * entriesEach)
            // nothing but the file and its lock is left behind
            let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
            #expect(names == ["index.json", "index.json.lock"])
            let mode = try FileManager.default.attributesOfItem(atPath: url.path)[.posixPermissions] as? Int
            #expect(mode == 0o600)
        }
    }

    @Test func aMissingFileReadsAsEmptyAndAFolderIsCreated() throws {
        try withFolder { folder in
            let file = StateFile<[String]>(folder.appendingPathComponent("deeper/list.json"), empty: [])
            #expect(try file.read() == [])
            let count = try file.update { list in list.append("a"); return list.count }
            #expect(try count == 1 && file.read() == ["a"])
            let mode = try FileManager.default.attributesOfItem(atPath: folder.appendingPathComponent("deeper").path)[.posixPermissions] as? Int
            #expect(mode == 0o700)
        }
    }

    @Test func anUnreadableFileIsAnErrorAndIsNeverOverwritten() throws {
        try withFolder { folder in
            let url = folder.appendingPathComponent("tokens.json")
            try Data("{not json".utf8).write(to: url)
            let file = StateFile<[String: Int]>(url, empty: [:])
            #expect { try file.read() } throws: { error in
                let failure = try #require(error as? StateFileError)
                return failure.file == url && failure.action == .read && failure.description.contains(url.path)
            }
            #expect(throws: StateFileError.self) { try file.update { $0["a"] = 1 } }
            #expect(try String(contentsOf: url, encoding: .utf8) == "{not json")
        }
    }

    @Test func aReadOnlyDataFolderIsReportedOnceAndTokensStillServe() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("callscope-state-\(UUID().uuidString)")
        let data = folder.appendingPathComponent("data")
        try FileManager.default.createDirectory(at: data, withIntermediateDirectories: true)
        try await ReadOnly.set(data)
        do {
            try Self.tokensServeBesideAReadOnlyFolder(data)
            try await ReadOnly.clear(data)
            try FileManager.default.removeItem(at: folder)
        } catch {
            try await ReadOnly.clear(data)
            try FileManager.default.removeItem(at: folder)
            throw error
        }
    }

    private static func tokensServeBesideAReadOnlyFolder(_ data: URL) throws {
        let lines = Mutex<[String]>([])
        let cache = TokenCache(file: data.appendingPathComponent("tokens.json"),
                               reporter: StateFileReporter { line in lines.withLock { $0.append(line) } })
        let later = Date().addingTimeInterval(3600)
        for key in ["icsoc|a", "omicall|b", "vbot|c"] { cache.store(IssuedToken(accessToken: key, expiresAt: later), for: key) }
        cache.remove("icsoc|a")
        #expect(cache.token(for: "icsoc|a") == nil)
        let said = lines.withLock { $0 }
        #expect(said.count == 1, "\(said)")
        #expect(said.first?.contains(data.appendingPathComponent("tokens.json").path) == true, "\(said)")
        #expect(said.first.map { $0.contains("Permission denied") || $0.contains("Operation not permitted") } == true, "\(said)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: data.path).isEmpty)
    }

    @Test func everyLoginsTokenIsKeptBesideTheOthers() throws {
        try withFolder { folder in
            let url = folder.appendingPathComponent("tokens.json")
            let later = Date().addingTimeInterval(3600)
            for key in ["icsoc|a", "omicall|b", "vbot|c"] {
                // one cache per run, as separate processes have
                TokenCache(file: url).store(IssuedToken(accessToken: "t-\(key)", expiresAt: later), for: key)
            }
            // an expired token is dropped at the next write
            TokenCache(file: url).store(IssuedToken(accessToken: "old", expiresAt: Date().addingTimeInterval(-1)), for: "old|d")
            let reread = TokenCache(file: url)
            for key in ["icsoc|a", "omicall|b", "vbot|c"] { #expect(reread.token(for: key)?.accessToken == "t-\(key)") }
            #expect(reread.token(for: "old|d") == nil)
            reread.remove("omicall|b")
            #expect(TokenCache(file: url).token(for: "omicall|b") == nil && TokenCache(file: url).token(for: "vbot|c") != nil)
        }
    }
}

/// A folder nothing can be created in, even by root (whose permission checks chmod does not bind):
/// mode 0500, and for root the immutable attribute as well.
enum ReadOnly {
    static func set(_ folder: URL) async throws {
        try FileManager.default.setAttributes([.posixPermissions: 0o500], ofItemAtPath: folder.path)
        if geteuid() == 0 { try await chattr("+i", folder) }
    }

    static func clear(_ folder: URL) async throws {
        if geteuid() == 0 { try await chattr("-i", folder) }
        try FileManager.default.setAttributes([.posixPermissions: 0o700], ofItemAtPath: folder.path)
    }

    private static func chattr(_ flag: String, _ folder: URL) async throws {
        let run = try await Program.run("/usr/bin/chattr", [flag, folder.path])
        guard run.status == 0 else {
            throw CocoaError(.fileWriteNoPermission, userInfo: [NSLocalizedDescriptionKey: "chattr \(flag) \(folder.path) failed: \(run.stderr)"])
        }
    }
}

func withFolder<T>(_ body: (URL) throws -> T) throws -> T {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("callscope-state-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    return try body(folder)
}
