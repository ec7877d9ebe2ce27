import Foundation
import GRDB

/// A remote note/tag edit as the outbox keeps it: written before it is sent.
public struct OutboxEntry: Sendable, Hashable {
    public let seq: Int64
    public let account: String
    public let callID: String
    public let note: String
    public let tags: [String]
    public let createdAt: Date
    /// Sends tried so far.
    public let attempts: Int
    /// Why the last send failed (the provider's words); nil when none failed yet.
    public let lastError: String?

    static let columns = "seq, account, call_id, note, tags, created_at, attempts, last_error"

    package init(seq: Int64, account: String, callID: String, note: String, tags: [String], createdAt: Date, attempts: Int,
                 lastError: String?) {
        self.seq = seq
        self.account = account
        self.callID = callID
        self.note = note
        self.tags = tags
        self.createdAt = createdAt
        self.attempts = attempts
        self.lastError = lastError
    }

    init(row: Row) {
        seq = row[0]
        account = row[1]
        callID = row[2]
        note = StoredText.read(row, 3) ?? ""
        tags = CallColumns.tags(fromText: row[4])
        createdAt = Date(timeIntervalSince1970: row[5])
        attempts = row[6]
        lastError = StoredText.read(row, 7)
    }

    /// The state of the call this edit is the pending edit of.
    public var state: AnnotationState { lastError.map(AnnotationState.failed) ?? .pending }
}
