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

    /// Where each column of `selection` stands in it.
    enum Column {
        static let localUpdatedAt = 0, localNote = 1, localTags = 2
        static let pendingSeq = 3, pendingNote = 4, pendingTags = 5, pendingError = 6
    }

    static func read(_ row: Row, at offset: Int) -> AnnotationOverlay? {
        if let seq: Int64 = row[offset + Column.pendingSeq] {
            return AnnotationOverlay(note: Annotation.note(StoredText.read(row, offset + Column.pendingNote)),
                                     tags: CallColumns.tags(fromText: row[offset + Column.pendingTags]),
                                     pendingSeq: seq, lastError: StoredText.read(row, offset + Column.pendingError))
        }
        if !row.hasNull(atIndex: offset + Column.localUpdatedAt) {
            return AnnotationOverlay(note: StoredText.read(row, offset + Column.localNote), tags: CallColumns.tags(fromText: row[offset + Column.localTags]))
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
