import CallScopeKit
import CallScopeStore
import Foundation

/// An export runs as a task of its own: online, the filter's range is first brought into the
/// store (as `callscope calls` does), then the store's calls are written to the file by
/// `CallExporter`; progress, the end and failures come back as `.exportUpdated`. A cancelled
/// export leaves no file.
extension AppController {
    func startExport(id: Int, query: StoreQuery, sync: CallQuery?, format: MachineFormat, path: String) {
        let base = providers[query.account]
        let file = Self.exportFile(path)
        exportTasks[id] = Task {
            do {
                if let sync {
                    guard let base else { throw CallScopeTUIError("\(query.account): no such account") }
                    _ = try await SyncEngine(provider: base, store: store).sync(sync) { progress in
                        Task { @MainActor in self.send(.exportUpdated(export: id, .syncing(fetched: progress.calls, total: progress.total))) }
                    }
                }
                let calls = try await CallExporter(store: store).export(query, format: format, to: file) { progress in
                    Task { @MainActor in self.send(.exportUpdated(export: id, .writing(progress))) }
                }
                send(.exportUpdated(export: id, .done(calls: calls, file: file.path)))
            } catch is CancellationError {
            } catch {
                if !Task.isCancelled { send(.exportUpdated(export: id, .failed("\(error)"))) }
            }
            exportTasks[id] = nil
        }
    }

    /// Cancels every export and waits until each has removed its part (on quitting).
    func cancelExports() async {
        let running = exportTasks.values
        for task in running { task.cancel() }
        for task in running { await task.value }
    }

    /// The path as typed: `~/` is the home folder, a relative path is from the current folder.
    static func exportFile(_ path: String) -> URL {
        let home = ProcessInfo.processInfo.environment["HOME"] ?? NSHomeDirectory()
        if path == "~" || path.hasPrefix("~/") { return URL(fileURLWithPath: home + path.dropFirst()) }
        return URL(fileURLWithPath: path)
    }
}
