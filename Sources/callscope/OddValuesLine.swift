import CallScopeStore

extension SyncResult {
    /// The stderr line about the provider's odd values (a field read as unknown, a call not
    /// stored), naming the account and the first of them; nil when there were none.
    func oddValuesLine(account: String) -> String? {
        guard let first = warnings.first else { return nil }
        let n = warningCount
        return "callscope: \(account): \(n) odd value\(n == 1 ? "" : "s") in the provider's records (first: \(first))"
    }
}
