import CallScopeStore
import PostgresNIO

/// Every change committed to the team store, by `LISTEN` on one pooled connection: no polling.
/// When the connection is lost (a database restart) the feed says so, connects again, and says
/// `listening` once it is back.
enum ChangeFeed {
    static func changes(of database: StoreDatabase) -> AsyncStream<StoreChange> {
        let (stream, continuation) = AsyncStream.makeStream(of: StoreChange.self)
        let task = Task {
            var pause = Duration.milliseconds(200)
            while !Task.isCancelled {
                do {
                    try await database.withConnection(retry: false) { connection in
                        try await connection.listen(on: PostgresSchema.changesChannel) { notifications in
                            continuation.yield(.listening)
                            for try await notification in notifications {
                                continuation.yield(.calls(account: notification.payload))
                            }
                        }
                    }
                    guard !Task.isCancelled else { break }
                    continuation.yield(.lost("the database closed the connection"))
                    pause = .milliseconds(200)
                } catch is CancellationError {
                    break
                } catch {
                    guard !Task.isCancelled else { break }
                    continuation.yield(.lost("\(error)"))
                }
                // Not a busy loop against a database that is down: wait a little longer each time.
                try? await Task.sleep(for: pause)
                pause = min(pause * 2, .seconds(5))
            }
            continuation.finish()
        }
        continuation.onTermination = { _ in task.cancel() }
        return stream
    }
}
