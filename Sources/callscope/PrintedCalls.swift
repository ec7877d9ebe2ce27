import CallScopeKit
import Foundation

/// The calls `calls --follow` printed that it may meet again, by account and id: only those
/// that started recently enough to be fetched again (the sync engine re-fetches the unsettled
/// newest span every time), so the memory held is an hour of calls, however long it follows.
struct PrintedCalls {
    private struct Key: Hashable {
        var account: String
        var id: String
    }

    /// When each remembered call started.
    private var starts: [Key: Date] = [:]

    var count: Int { starts.count }

    /// The calls of `records` not printed before; those that started at or after `rememberFrom`
    /// are remembered.
    mutating func unprinted(_ records: [CallRecord], rememberingFrom rememberFrom: Date) -> [CallRecord] {
        records.filter { record in
            let key = Key(account: record.account, id: record.id)
            guard starts[key] == nil else { return false }
            if let start = record.startedAt, start >= rememberFrom { starts[key] = start }
            return true
        }
    }

    /// Lets go of the calls that started before `cutoff`: no later pass reads that far back.
    mutating func forget(startedBefore cutoff: Date) {
        starts = starts.filter { $0.value >= cutoff }
    }
}
