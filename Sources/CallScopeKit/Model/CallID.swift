/// Which call ids a store can keep. An id is the key of a call in both stores and in every
/// message about it: SQLite's text binding cuts it at a NUL (two calls would become one),
/// PostgreSQL refuses a NUL (the whole batch would fail on every retry), and a control character
/// in it would reach the terminal. Such a call is not stored.
extension CallRecord {
    /// Non-empty, and no Unicode scalar of category Cc (C0 controls, DEL, C1 controls).
    public static func isAcceptableCallID(_ id: String) -> Bool {
        !id.isEmpty && !id.unicodeScalars.contains { $0.properties.generalCategory == .control }
    }

    /// Whether this call's id can be stored (see `isAcceptableCallID`).
    public var hasAcceptableCallID: Bool { Self.isAcceptableCallID(id) }

    /// The id with its control characters written as `\u{…}` escapes: what a message may show.
    public static func printableCallID(_ id: String) -> String {
        id.unicodeScalars.map { $0.properties.generalCategory == .control ? $0.escaped(asASCII: true) : String($0) }.joined()
    }
}
