extension JSONValue {
    /// The value as JSON text: compact (one line), or pretty (2-space indent) for the detail pane.
    /// Numbers keep their source text, object members their order; control characters are
    /// escaped as `\u00XX` (see `JSONWriter`).
    public func serialized(pretty: Bool = false) -> String {
        var writer = JSONWriter(pretty: pretty)
        writer.value(self)
        return writer.text
    }

    /// Like `serialized(pretty:)`, as UTF-8 bytes.
    public func serializedBytes(pretty: Bool = false) -> [UInt8] {
        var writer = JSONWriter(pretty: pretty)
        writer.value(self)
        return writer.bytes
    }
}
