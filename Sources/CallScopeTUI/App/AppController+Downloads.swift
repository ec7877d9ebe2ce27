import CallScopeKit
import Foundation

/// Recording downloads run as tasks of their own, several at once; progress, the end and
/// failures come back as actions. A cancelled one leaves its part for the next `d`.
extension AppController {
    func startDownload(_ call: CallRecord) {
        let key = DownloadKey(call)
        guard let recordings else {
            send(.downloadFailed(key, message: "no downloads folder"))
            return
        }
        downloadTasks[key]?.cancel()
        let task = Task {
            do {
                let outcome = try await recordings.download(call) { progress in
                    Task { @MainActor in self.send(.downloadProgress(key, progress)) }
                }
                send(.downloadFinished(key, file: outcome.saved.file.path, indexProblem: outcome.indexProblem.map { "\($0)" }))
            } catch is CancellationError {
            } catch {
                if !Task.isCancelled { send(.downloadFailed(key, message: "\(error)")) }
            }
        }
        downloadTasks[key] = task
        Task {
            await task.value
            // A newer download of the same call may have replaced this one meanwhile.
            if downloadTasks[key] == task { downloadTasks[key] = nil }
        }
    }

    func play(_ file: String, url: String) {
        guard FileManager.default.fileExists(atPath: file) else {
            let key = state.downloads.files.first { $0.value == file }?.key
            if let key { send(.downloadedFileMissing(key, url: url)) }
            return
        }
        launch(file, with: openFile)
    }

    func loadDownloads() {
        guard let recordings else { return }
        do {
            let entries = try recordings.index.entries()
            let files = Dictionary(entries.map { (DownloadKey(account: $0.account, id: $0.id), $0.path) }, uniquingKeysWith: { _, last in last })
            send(.downloadsLoaded(files, problem: nil))
        } catch {
            send(.downloadsLoaded([:], problem: "downloaded recordings: \(error)"))
        }
    }
}
