import CallScopeKit

/// What a store did with a batch of calls: the calls it stored, as the user sees them, and a
/// warning for each call it refused because its id cannot be a key (empty, or holding a control
/// character: see `CallRecord.isAcceptableCallID`). One bad call never fails the batch.
public struct IngestedCalls: Sendable {
    /// The stored calls in the batch's order, the user's notes and tags laid over.
    public var records: [CallRecord]
    /// One warning per refused call, for the caller to print once with the others.
    public var refused: [MappingWarning]

    public init(records: [CallRecord], refused: [MappingWarning]) {
        self.records = records
        self.refused = refused
    }

    public static let none = IngestedCalls(records: [], refused: [])

    /// Splits a batch into the calls a store can keep and the warnings for the others.
    package static func screen(_ batch: [CallRecord]) -> (storable: [CallRecord], refused: [MappingWarning]) {
        guard !batch.allSatisfy(\.hasAcceptableCallID) else { return (batch, []) }
        let refused = batch.filter { !$0.hasAcceptableCallID }.map {
            $0.id.isEmpty
                ? MappingWarning(recordID: "(none)", field: "id", message: "empty; the call is not stored")
                : MappingWarning(recordID: CallRecord.printableCallID($0.id), field: "id", message: "holds control characters; the call is not stored")
        }
        return (batch.filter(\.hasAcceptableCallID), refused)
    }
}
