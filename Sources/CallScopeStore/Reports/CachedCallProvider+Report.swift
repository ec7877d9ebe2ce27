import CallScopeKit

extension CachedCallProvider {
    /// The report of `query`'s range as `callscope report` and the TUI's `R` make it: online,
    /// the range is first synced into the store (`progress` hears each page) and the provider's
    /// own report is asked for where it has one; then the store counts the calls `query` selects
    /// (the provider's own filters aside: the store does not keep them), within `text` when given.
    public func report(_ query: CallQuery, text: String? = nil, slicing: ReportSlicing = .hours, offline: Bool,
                       progress: @escaping @Sendable (SyncProgress) -> Void = { _ in }) async throws -> CallReport {
        let range = TimeRange(from: query.from, to: query.to)
        var providerReport: JSONValue?
        if !offline {
            _ = try await SyncEngine(provider: base, store: store).sync(query, progress: progress)
            if let reporting = base as? any ProviderReporting { providerReport = try await reporting.providerReport(range) }
        }
        var filters = StoreQuery(account: account.name, query: query, includeRaw: false)
        filters.text = text
        var report = try await store.report(filters, range: range, provider: account.provider, slicing: slicing)
        report.providerReport = providerReport
        return report
    }
}
