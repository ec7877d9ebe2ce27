import Testing

@testable import CallScopeKit

extension MappedCall {
    /// The warnings' field paths, for compact expectations.
    var warningFields: [String] { warnings.map(\.field) }
}
