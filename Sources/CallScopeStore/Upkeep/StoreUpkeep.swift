import Foundation

/// What `callscope store info` shows of one account's calls in the store.
public struct StoredAccount: Sendable, Equatable {
    public let account: String
    public let calls: Int
    /// The oldest and newest start among the calls that have one.
    public let oldest: Date?
    public let newest: Date?
    /// The parts of its history synced from the provider, oldest first.
    public let spans: [SyncSpan]

    public init(account: String, calls: Int, oldest: Date?, newest: Date?, spans: [SyncSpan]) {
        self.account = account
        self.calls = calls
        self.oldest = oldest
        self.newest = newest
        self.spans = spans
    }
}

/// The store as a whole: every account in it and the bytes it takes.
public struct StoreInfo: Sendable, Equatable {
    public let accounts: [StoredAccount]
    /// On disk: the SQLite file with its WAL, or the team database.
    public let bytes: Int64

    public init(accounts: [StoredAccount], bytes: Int64) {
        self.accounts = accounts
        self.bytes = bytes
    }

    public var calls: Int { accounts.reduce(0) { $0 + $1.calls } }
}

/// What a prune deleted (or, dry, would delete).
public struct PruneOutcome: Sendable, Equatable {
    /// Calls that started before the cut.
    public let calls: Int
    /// Whole month partitions dropped (the team store, without `--account`).
    public let droppedMonths: [String]

    public init(calls: Int, droppedMonths: [String] = []) {
        self.calls = calls
        self.droppedMonths = droppedMonths
    }
}
