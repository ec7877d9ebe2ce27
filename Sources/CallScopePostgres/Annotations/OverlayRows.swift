import CallScopeStore
import PostgresNIO

/// The note and tags laid over a call (`AnnotationOverlay`), read from the columns of
/// `AnnotationOverlay.selection`, which the team store shares with the SQLite one.
enum OverlayRows {
    static func read(_ row: PostgresRandomAccessRow, at offset: Int) throws -> AnnotationOverlay? {
        func text(_ index: Int) throws -> String? { try row[offset + index].decode(ByteBuffer?.self).map { String(buffer: $0) } }
        if let seq = try row[offset + 3].decode(Int64?.self) {
            return AnnotationOverlay(note: Annotation.note(try text(4)), tags: CallColumns.tags(fromText: try row[offset + 5].decode(String?.self)),
                                     pendingSeq: seq, lastError: try text(6))
        }
        if try row[offset].decode(Double?.self) != nil {
            return AnnotationOverlay(note: try text(1), tags: CallColumns.tags(fromText: try row[offset + 2].decode(String?.self)))
        }
        return nil
    }
}
