extension CallRecord {
    /// Whether `id` may be stored as a call's id: not empty and without a control character
    /// (C0 with NUL, DEL, C1). SQLite's binding cuts a string at NUL (two calls would become one)
    /// and PostgreSQL refuses it (the whole batch would fail); a control character would reach a
    /// terminal. The fetch drops such a call with a warning, the receiver answers 400, the
    /// stores refuse it.
    public static func isAcceptableID(_ id: String) -> Bool {
        !id.isEmpty && !id.unicodeScalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) }
    }
}
