import CallScopeTestSupport
import Foundation
import GRDB
import Testing
@testable import CallScopeStore

@Suite("The store's file: migrations, WAL, private modes") struct StoreFileTests {
    @Test func migratesAnEmptyFileAndReopens() async throws {
        try await withTemporaryFolder { folder in
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            let file = folder.appendingPathComponent(CallStore.fileName)
            #expect(FileManager.default.createFile(atPath: file.path, contents: Data()))
            let store = try CallStore(file: file)
            let tables = try await store.pool.read { db in
                try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
            }
            for table in ["calls", "call_search", "known_tags", "local_annotations", "outbox"] {
                #expect(tables.contains(table), "\(table) missing from \(tables)")
            }
            let applied = try await store.pool.read { db in try StoreSchema.migrator.appliedIdentifiers(db) }
            #expect(applied == Set(StoreSchema.migrator.migrations))
            try await store.ingest([sampleCall("a")])
            let reopened = try CallStore(file: file)
            #expect(try await reopened.call(account: "cs", id: "a") != nil)
        }
    }

    @Test func theWriterCacheIsTheOpenersAndEachReaderKeepsFourMiB() async throws {
        try await withTemporaryFolder { folder in
            func caches(_ store: CallStore) async throws -> (writer: Int?, reader: Int?) {
                (try await store.pool.write { db in try Int.fetchOne(db, sql: "PRAGMA cache_size") },
                 try await store.pool.read { db in try Int.fetchOne(db, sql: "PRAGMA cache_size") })
            }
            // Negative: KiB. The CLI's bulk writer; the TUI's, which syncs while the user reads.
            let bulk = try await caches(try CallStore(dataDirectory: folder))
            #expect(bulk.writer == -32768 && bulk.reader == -4096)
            let small = try await caches(try CallStore(dataDirectory: folder, writerCacheMiB: 8))
            #expect(small.writer == -8192 && small.reader == -4096)
        }
    }

    @Test func walMode() async throws {
        try await withSQLiteStore { store in
            let mode = try await store.pool.read { db in try String.fetchOne(db, sql: "PRAGMA journal_mode") }
            #expect(mode == "wal")
        }
    }

    @Test func databaseAndItsWALFilesAreMode0600() async throws {
        try await withTemporaryFolder { folder in
            let store = try CallStore(dataDirectory: folder)
            try await store.ingest([sampleCall("a")])
            _ = try await store.page(StoreQuery(account: "cs"))
            let file = store.fileURL.path
            for path in [file, file + "-wal", file + "-shm"] {
                #expect(FileManager.default.fileExists(atPath: path), "\(path)")
                let found = try mode(path)
                #expect(found == 0o600, "\(path): \(String(found, radix: 8))")
            }
            #expect(try mode(folder.path) == 0o700)
        }
    }

    @Test func aFileOthersCouldReadIsNarrowed() async throws {
        try await withTemporaryFolder { folder in
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            let file = folder.appendingPathComponent(CallStore.fileName)
            #expect(FileManager.default.createFile(atPath: file.path, contents: Data(), attributes: [.posixPermissions: 0o644]))
            _ = try CallStore(file: file)
            #expect(try mode(file.path) == 0o600)
        }
    }

    @Test func aStoreANewerCallscopeMigratedIsRefusedAndLeftByteForByte() async throws {
        try await withTemporaryFolder { folder in
            let file = try await Self.storeFromTheFuture(in: folder)
            let before = try Data(contentsOf: file)
            #expect(throws: StoreError.writtenByNewerVersion(path: file.path)) { try CallStore(dataDirectory: folder) }
            #expect(StoreError.writtenByNewerVersion(path: file.path).exitCode == 2)
            #expect(try Data(contentsOf: file) == before)
            // Nothing waits to be checkpointed into it either.
            #expect(((try? FileManager.default.attributesOfItem(atPath: file.path + "-wal")[.size] as? Int) ?? 0) == 0)
        }
    }

    @Test func aSymbolicLinkAtTheStoreIsRefused() async throws {
        try await withTemporaryFolder { folder in
            let victim = try FileProbe.target(in: folder.appendingPathComponent("elsewhere"))
            let data = folder.appendingPathComponent("data")
            try FileManager.default.createDirectory(at: data, withIntermediateDirectories: true)
            try FileManager.default.createSymbolicLink(at: data.appendingPathComponent(CallStore.fileName), withDestinationURL: victim.url)
            let error = #expect(throws: StoreError.self) { try CallStore(dataDirectory: data) }
            #expect(error?.description.contains("symbolic link") == true, "\(String(describing: error))")
            #expect(try Data(contentsOf: victim.url) == victim.bytes)
        }
    }

    /// A store with one call, whose migrations table also names a migration this callscope does
    /// not have (as a newer callscope leaves it), closed.
    static func storeFromTheFuture(in folder: URL) async throws -> URL {
        let store = try CallStore(dataDirectory: folder)
        try await store.ingest([sampleCall("a")])
        try await store.pool.write { db in try db.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('v99: from a newer callscope')") }
        try store.pool.close()
        return store.fileURL
    }

    private func mode(_ path: String) throws -> Int {
        (try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int ?? -1) & 0o777
    }
}
