/// The machine-readable formats of `callscope calls --format` (the `table` format is the
/// command line's own). Every time in them is RFC 3339 UTC.
public enum MachineFormat: String, Sendable, Hashable, CaseIterable {
    /// One record per line, `CallRecord`'s own JSON form.
    case ndjson
    /// A JSON array: `[`, one record per line, `]`.
    case json
    /// RFC 4180: a header of the spec's field names, CRLF line ends, fields quoted when needed.
    case csv
}
