/// Where a call's note and tags are kept.
public enum AnnotationSource: String, Sendable, Hashable, CaseIterable, Codable {
    /// Written back to the provider (OMICall).
    case remote
    /// Kept in callscope's local store.
    case local
}
