/// A provider record turned into a `CallRecord`, with what could not be read.
public struct MappedCall: Sendable, Hashable {
    public var record: CallRecord
    /// Empty for a record read in full. A record with warnings is still kept.
    public var warnings: [MappingWarning]

    public init(record: CallRecord, warnings: [MappingWarning] = []) {
        self.record = record
        self.warnings = warnings
    }
}

/// One field of one provider record that was present but could not be read as documented.
public struct MappingWarning: Sendable, Hashable, CustomStringConvertible {
    /// The call's id (possibly a `hash-…` id).
    public var recordID: String
    /// The provider's field, as a path: `call_status`, `user[0].full_name`, `(record)`.
    public var field: String
    public var message: String

    public init(recordID: String, field: String, message: String) {
        self.recordID = recordID
        self.field = field
        self.message = message
    }

    /// The id is shown escaped (as JSON) when it holds a control character, so that a warning
    /// about such an id cannot carry it to a terminal.
    public var description: String {
        let id = CallRecord.isAcceptableCallID(recordID) ? recordID : JSONValue.string(recordID).serialized()
        return "call \(id): \(field): \(message)"
    }
}
