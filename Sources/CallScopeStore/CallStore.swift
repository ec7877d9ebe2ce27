import CallScopeKit
import Foundation
import GRDB

/// callscope's local store: one SQLite file (WAL, mode 0600) in the data folder holding the
/// calls fetched or pushed, the full-text index over them, local notes and tags, and the outbox
/// of remote edits. Safe to share between tasks, and between processes (the TUI and the CLI).
public final class CallStore: Sendable {
    public let fileURL: URL
    let pool: DatabasePool

    /// The store's file name in the data folder.
    public static let fileName = "store.sqlite"

    /// The writer's page cache by default: the indexes of a million calls stay in memory while a
    /// page of calls is upserted.
    public static let bulkWriterCacheMiB = 32

    /// Opens (creating and migrating when needed) the store of a data folder; a store a newer
    /// callscope migrated is refused (`StoreError.writtenByNewerVersion`) and left unchanged.
    public convenience init(dataDirectory: URL, writerCacheMiB: Int = bulkWriterCacheMiB) throws {
        try self.init(file: dataDirectory.appendingPathComponent(Self.fileName), writerCacheMiB: writerCacheMiB)
    }

    /// `writerCacheMiB`: the writer connection's page cache (the TUI, which syncs in the
    /// background while the user reads, keeps it small).
    public init(file: URL, writerCacheMiB: Int = bulkWriterCacheMiB) throws {
        fileURL = file
        try StoreFile.prepare(file)
        var configuration = Configuration()
        configuration.busyMode = .timeout(10)
        configuration.label = "callscope.store"
        configuration.prepareDatabase { db in
            // The writer: `writerCacheMiB` of page cache (SQLite's default is 2 MiB). A reader
            // walks an index once per page or count: 4 MiB each (the kernel caches the file
            // anyway), so a TUI's memory does not grow with the store.
            try db.execute(sql: "PRAGMA cache_size = \(db.configuration.readonly ? -4096 : -1024 * writerCacheMiB)")
            RowFunctions.register(in: db)
        }
        // Processes opening a new store at once would each find it unmigrated and create the same
        // tables: one migrates at a time.
        let lock: Int32
        switch FileLock.exclusive(file.appendingPathExtension("lock")) {
        case .success(let descriptor): lock = descriptor
        case .failure(let failure): throw StoreError.open(path: file.path, detail: failure.description)
        }
        defer { close(lock) }
        try StoreVersion.refuseNewer(file)
        do {
            pool = try DatabasePool(path: file.path, configuration: configuration)
            try StoreSchema.migrator.migrate(pool)
        } catch {
            throw StoreError.open(path: file.path, detail: "\(error)")
        }
    }

    /// A write that survives a power cut as well as a crash (`synchronous = FULL` for this
    /// transaction): for what the user typed. Cache writes use WAL's default (NORMAL), which
    /// survives a crash of the process.
    func durableWrite<T: Sendable>(_ updates: @escaping @Sendable (Database) throws -> T) async throws -> T {
        try await pool.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA synchronous = FULL")
            defer { try? db.execute(sql: "PRAGMA synchronous = NORMAL") }
            var result: T?
            try db.inTransaction(.immediate) {
                result = try updates(db)
                return .commit
            }
            return result!
        }
    }
}
