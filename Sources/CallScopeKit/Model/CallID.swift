/// What a call id must be to be stored: not empty, and free of control characters (Unicode
/// category Cc, NUL included). SQLite cuts a bound text at NUL (two calls would collapse into
/// one) and PostgreSQL refuses it (a whole batch would fail on every retry).
public enum CallID {
    public static func isAcceptable(_ id: String) -> Bool {
        !id.isEmpty && !id.unicodeScalars.contains { $0.properties.generalCategory == .control }
    }
}
