import CallScopeKit
import CallScopeStore

extension AppController {
    /// Makes a report in the background: online, the range is synced into the store first
    /// (pages counted on the overlay), then the store counts it. Cancelling stops the fetch.
    func startReport(id: Int, account: String, query: CallQuery, text: String?, slicing: ReportSlicing) {
        guard let provider = providers[account].map({ CachedCallProvider($0, store: store, readOnly: state.readOnly) }) else {
            send(.reportUpdated(report: id, .failed("\(account): no such account")))
            return
        }
        let offline = state.offline
        reportTasks[id] = Task {
            do {
                let report = try await provider.report(query, text: text, slicing: slicing, offline: offline) { progress in
                    Task { @MainActor in self.send(.reportUpdated(report: id, .running(fetched: progress.calls))) }
                }
                send(.reportUpdated(report: id, .done(report)))
            } catch is CancellationError {
            } catch {
                if !Task.isCancelled { send(.reportUpdated(report: id, .failed("report: \(error)"))) }
            }
            reportTasks[id] = nil
        }
    }
}
