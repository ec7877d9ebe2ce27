import CallScopeKit

/// A provider whose every fetch goes through the store: pages and single calls are upserted
/// as they arrive and come back with the user's notes and tags laid over; notes and tags are
/// written to the outbox before they are sent (OMICall) or kept in the store (the others).
/// The CLI and the TUI use it in place of the provider's client. Read-only (`readonly = true`,
/// `--readonly`), it writes no note or tag anywhere: every edit is refused before it is stored.
public struct CachedCallProvider: CallProvider {
    public let base: any CallProvider
    public let store: any CallStoring
    public let readOnly: Bool

    public init(_ base: any CallProvider, store: any CallStoring, readOnly: Bool) {
        self.base = base
        self.store = store
        self.readOnly = readOnly
    }

    public var account: AccountConfig { base.account }
    public var capabilities: ProviderCapabilities { base.capabilities }

    /// The provider's pages, each stored as it is pulled and returned as the user sees it.
    public func calls(_ query: CallQuery) -> CallPages {
        base.calls(query).map { [store] page in
            var stored = page
            let ingested = try await store.ingest(page.records)
            stored.records = ingested.records
            stored.warnings += ingested.refused
            return stored
        }
    }

    /// The call from the provider, stored; for a provider that can only find a call by
    /// scanning its history (VBot), the stored copy when there is one.
    public func call(id: String) async throws -> CallRecord {
        if !account.provider.hasLookupByID, let cached = try await store.call(account: account.name, id: id) {
            return cached
        }
        let fetched = try await base.call(id: id)
        let ingested = try await store.ingest([fetched])
        guard let stored = ingested.records.first else { throw StoreError.unstorableID(account: account.name, id: fetched.id) }
        return stored
    }

    /// Saves the note and tags: to the outbox and then the provider (remote), or to the store
    /// (local). A remote edit that cannot be sent now throws `EditNotSent` and stays pending.
    public func annotate(id: String, note: String, tags: [String]) async throws -> CallRecord {
        if readOnly { throw CallScopeError.readOnly(account: account.name) }
        guard capabilities.remoteAnnotations else {
            try await store.saveLocalAnnotation(account: account.name, id: id, note: note, tags: tags)
            if let stored = try await store.call(account: account.name, id: id) { return stored }
            return try await call(id: id)
        }
        let entry = try await store.enqueueEdit(account: account.name, id: id, note: note, tags: tags)
        guard try await store.claim(entry) else {
            throw EditNotSent(entry: entry, reason: "\(account.name): an earlier edit of call \(id) is being sent")
        }
        switch try await EditSender(store: store, readOnly: readOnly).deliver(entry, via: base) {
        case .sent(let record?): return record
        case .sent(nil): return try await call(id: id)
        case .failed(let reason): throw EditNotSent(entry: entry, reason: reason)
        case .interrupted: throw CancellationError()
        }
    }

    /// Keeps a remote edit in the outbox without sending it (the TUI offline): `callscope sync`
    /// or the next answer of the provider sends it. The call as the user sees it now.
    public func queue(id: String, note: String, tags: [String]) async throws -> CallRecord? {
        if readOnly { throw CallScopeError.readOnly(account: account.name) }
        _ = try await store.enqueueEdit(account: account.name, id: id, note: note, tags: tags)
        return try await store.call(account: account.name, id: id)
    }
}

extension ProviderKind {
    /// Whether the provider's API finds a call by id (VBot's clients scan the history instead).
    var hasLookupByID: Bool {
        switch self {
        case .caresoft, .omicall, .icsoc: true
        case .vbotCampaign, .vbotCRM: false
        }
    }
}
