import Foundation
import GRDB

extension CallStore {
    /// Commits by any other connection (this process's writer, a `receive` or a `sync` in another
    /// process) as `.anything`: SQLite's `data_version` of a connection of its own, read every
    /// `interval`. Changes between two reads are told once; nothing queues up while the reader
    /// is busy (the newest change is all that is kept).
    public func changes() -> AsyncStream<StoreChange>? {
        let (stream, continuation) = AsyncStream.makeStream(of: StoreChange.self, bufferingPolicy: .bufferingNewest(1))
        let path = fileURL.path
        let task = Task {
            var configuration = Configuration()
            configuration.readonly = true
            configuration.label = "callscope.store.changes"
            var seen: Int?
            var lost = false
            while !Task.isCancelled {
                do {
                    let queue = try DatabaseQueue(path: path, configuration: configuration)
                    continuation.yield(.listening)
                    lost = false
                    while !Task.isCancelled {
                        let version = try await queue.read { db in try Int.fetchOne(db, sql: "PRAGMA data_version") }
                        if let seen, version != seen { continuation.yield(.anything) }
                        seen = version
                        try await Task.sleep(for: Self.changesInterval)
                    }
                } catch is CancellationError {
                    break
                } catch {
                    // A file that went away (or cannot be read) is said once; looked for again.
                    if !lost { continuation.yield(.lost("\(path): \(error)")) }
                    lost = true
                    seen = nil
                    try? await Task.sleep(for: Self.changesInterval * 5)
                }
            }
            continuation.finish()
        }
        continuation.onTermination = { _ in task.cancel() }
        return stream
    }

    /// How often `data_version` is read: a pragma of one connection, cheap next to drawing.
    static let changesInterval: Duration = .milliseconds(200)
}
