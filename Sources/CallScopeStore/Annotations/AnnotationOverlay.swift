import CallScopeKit
import GRDB

/// The note and tags the user gave a call, laid over the call as fetched: a local annotation
/// (providers without a notes API) or the pending edit of a remote one (OMICall, until sent).
package struct AnnotationOverlay: Sendable, Equatable {
    package var note: String?
    package var tags: [String]
    /// The outbox entry when the overlay is a pending remote edit.
    package var pendingSeq: Int64?
    package var lastError: String?

    package init(note: String?, tags: [String], pendingSeq: Int64? = nil, lastError: String? = nil) {
        self.note = note
        self.tags = tags
        self.pendingSeq = pendingSeq
        self.lastError = lastError
    }

    /// Joins a read of `calls c` with what lies over each call.
    package static let callJoins = joins(account: "c.account", id: "c.id")

    /// Joins what lies over the call named by two columns of the query.
    package static func joins(account: String, id: String) -> String {
        """
        LEFT JOIN local_annotations la ON la.account = \(account) AND la.call_id = \(id)
        LEFT JOIN outbox o ON o.account = \(account) AND o.call_id = \(id) AND o.state = 'pending'
        """
    }

    /// The columns `read(_:at:)` expects, after the joins.
    package static let selection = "la.updated_at, la.note, la.tags, o.seq, o.note, o.tags, o.last_error"

    static func read(_ row: Row, at offset: Int) -> AnnotationOverlay? {
        if let seq: Int64 = row[offset + 3] {
            return AnnotationOverlay(note: Annotation.note(StoredText.read(row, offset + 4)), tags: CallColumns.tags(fromText: row[offset + 5]),
                                     pendingSeq: seq, lastError: StoredText.read(row, offset + 6))
        }
        if !row.hasNull(atIndex: offset) {
            return AnnotationOverlay(note: StoredText.read(row, offset + 1), tags: CallColumns.tags(fromText: row[offset + 2]))
        }
        return nil
    }

    func apply(to record: inout CallRecord) {
        record.note = note
        record.tags = tags
    }

    package var state: AnnotationState {
        guard pendingSeq != nil else { return .synced }
        return lastError.map(AnnotationState.failed) ?? .pending
    }
}

extension Optional<AnnotationOverlay> {
    /// `record` as the user sees it.
    package func merged(_ record: CallRecord) -> CallRecord {
        guard let self else { return record }
        var merged = record
        self.apply(to: &merged)
        return merged
    }
}
