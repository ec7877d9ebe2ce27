import CallScopeKit
import CallScopeStore
import Foundation
import UnixSignals

/// `calls --follow 30s`: the range is synced and printed as `calls` prints it (newest first), then
/// every interval the range, its end moved to now, is synced again (the engine fetches only the
/// newest, unsettled span) and the calls that reached the store since are printed, oldest first,
/// each once, until SIGINT or SIGTERM ends it with status 0.
struct CallsFollow {
    let engine: SyncEngine
    let account: String
    /// The range's start and the filters; its end is now at each pass.
    let query: CallQuery
    let includeRaw: Bool
    let interval: FollowInterval
    let refresh: Bool

    /// Runs until interrupted; what is printed is flushed and the output finished before it returns.
    func run(format: CallsCommand.Format, displayZone: TimeZone) async throws {
        let signals = await UnixSignalsSequence(trapping: .sigint, .sigterm)
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                var printer = try CallPrinter(format: format, includeRaw: includeRaw, displayZone: displayZone)
                do {
                    try await follow(&printer)
                } catch is CancellationError {
                    // Interrupted: what was printed stays whole.
                }
                try printer.finish()
            }
            group.addTask {
                for await _ in signals { return }
            }
            // The first to end is the signal (following never ends on its own) or a failure.
            try await group.next()
            group.cancelAll()
            try await group.waitForAll()
        }
    }

    private func follow(_ printer: inout CallPrinter) async throws {
        var printed = PrintedCalls()
        var passStart = Date()
        let first: SyncResult
        do {
            let progress = SyncProgressLine(enabled: Stderr.isTerminal)
            defer { progress.finish() }
            first = try await engine.sync(range(from: query.from, to: passStart), refresh: refresh, progress: progress.update)
        }
        try await print(range(from: query.from, to: passStart), order: .newestFirst, into: &printer, printed: &printed,
                        rememberingFrom: passStart.addingTimeInterval(-engine.settlingTime))
        if let line = first.oddValuesLine(account: account) { Stderr.line(line) }
        while true {
            try await Task.sleep(for: interval.duration)
            let now = Date()
            // Calls reach the store only in the span the engine fetches again: what started within
            // its settling time before the last pass, or since.
            let from = max(query.from, passStart.addingTimeInterval(-engine.settlingTime))
            let span = range(from: from, to: now)
            do {
                _ = try await engine.sync(span)
            } catch is CancellationError {
                throw CancellationError()
            } catch {
                // A provider or network failure of one pass: said, and the next pass tries again.
                Stderr.line("callscope: \(account): \(error) (still following: next try in \(interval))")
            }
            printed.forget(startedBefore: from)
            try await print(span, order: .oldestFirst, into: &printer, printed: &printed, rememberingFrom: from)
            passStart = now
        }
    }

    private func range(from: Date, to: Date) -> CallQuery {
        var range = query
        range.from = from
        range.to = to
        return range
    }

    /// The calls of `range` in the store not printed before, page by page, then flushed.
    private func print(_ range: CallQuery, order: StoreQuery.Order, into printer: inout CallPrinter, printed: inout PrintedCalls,
                       rememberingFrom cutoff: Date) async throws {
        var stored = StoreQuery(account: account, query: range, includeRaw: includeRaw)
        stored.order = order
        for try await page in engine.store.pages(stored) {
            try printer.print(printed.unprinted(page.records, rememberingFrom: cutoff))
        }
        try printer.flush()
    }
}
