import CallScopeKit

/// What `callscope annotate` asks for, applied to the call's current note and tags: a new
/// note (else the current one stays), tags added to the current ones, or to none after
/// `--clear-tags`.
public struct AnnotationChange: Sendable, Equatable {
    public var note: String?
    public var addTags: [String]
    public var clearTags: Bool

    public init(note: String? = nil, addTags: [String] = [], clearTags: Bool = false) {
        self.note = note
        self.addTags = addTags
        self.clearTags = clearTags
    }

    /// Whether the change changes anything at all.
    public var isEmpty: Bool { note == nil && addTags.isEmpty && !clearTags }

    /// The whole note and tag list to save.
    public func applied(to current: CallRecord) -> (note: String, tags: [String]) {
        (note ?? current.note ?? "", Annotation.tags((clearTags ? [] : current.tags) + addTags))
    }
}
