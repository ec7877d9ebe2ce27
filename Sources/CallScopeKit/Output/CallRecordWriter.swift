/// Streams call records to a sink in one of the machine formats, holding at most one buffer of
/// output (64 KiB by default) and never the records themselves, so a million calls print in
/// constant memory:
///
/// - ndjson: each record's JSON form on its own line (LF);
/// - json: `[`, the records one per line separated by commas, `]` (`[]` when there are none);
/// - csv: the header row, then one row per record (see `CSVFormat`); the header is printed even
///   when there are no records.
///
/// Call `finish()` once at the end: it writes what closes the document and flushes.
///
/// ```swift
/// var output = CallRecordWriter(format: .ndjson, sink: FileDescriptorSink.standardOutput)
/// for try await page in pages { try output.write(contentsOf: page) }
/// try output.finish()
/// ```
public struct CallRecordWriter<Sink: ByteSink> {
    public let format: MachineFormat
    public let includeRaw: Bool
    public private(set) var sink: Sink
    /// Records written so far.
    public private(set) var count = 0

    private let flushThreshold: Int
    private var buffer: [UInt8] = []
    private var json = JSONWriter(reservingCapacity: 2048)
    private var started = false
    private var finished = false

    /// - Parameters:
    ///   - includeRaw: add the provider's object (`raw`): the last JSON member, the last CSV column.
    ///   - flushThreshold: the buffered size at which output is passed on to the sink.
    public init(format: MachineFormat, includeRaw: Bool = false, sink: Sink, flushThreshold: Int = 64 * 1024) {
        self.format = format
        self.includeRaw = includeRaw
        self.sink = sink
        self.flushThreshold = max(1, flushThreshold)
        buffer.reserveCapacity(min(flushThreshold, 1 << 20) + 4096)
    }

    public mutating func write(_ record: CallRecord) throws {
        precondition(!finished, "CallRecordWriter.write after finish")
        start()
        switch format {
        case .ndjson:
            appendJSON(record)
            buffer.append(UInt8(ascii: "\n"))
        case .json:
            if count > 0 { buffer.append(UInt8(ascii: ",")) }
            buffer.append(UInt8(ascii: "\n"))
            appendJSON(record)
        case .csv:
            CSVFormat.appendRow(of: record, includeRaw: includeRaw, to: &buffer)
        }
        count += 1
        if buffer.count >= flushThreshold { try flush() }
    }

    public mutating func write<Records: Sequence<CallRecord>>(contentsOf records: Records) throws {
        for record in records { try write(record) }
    }

    /// Rows already written as CSV (`CSVFormat.appendRow(of:)`'s bytes for `rows` calls: the
    /// store's bulk path).
    public mutating func write(csvRows bytes: [UInt8], rows: Int) throws {
        precondition(format == .csv && !finished, "CallRecordWriter.write(csvRows:) on \(format) or after finish")
        start()
        buffer.append(contentsOf: bytes)
        count += rows
        if buffer.count >= flushThreshold { try flush() }
    }

    /// Passes what is buffered to the sink (e.g. after each page, so a slow fetch shows progress).
    public mutating func flush() throws {
        guard !buffer.isEmpty else { return }
        let pending = buffer
        buffer.removeAll(keepingCapacity: true)
        try sink.write(pending)
    }

    /// Closes the document (`]` for json, the header of an empty csv) and flushes.
    public mutating func finish() throws {
        guard !finished else { return }
        start()
        if format == .json {
            if count > 0 { buffer.append(UInt8(ascii: "\n")) }
            buffer.append(UInt8(ascii: "]"))
            buffer.append(UInt8(ascii: "\n"))
        }
        finished = true
        try flush()
    }

    private mutating func start() {
        guard !started else { return }
        started = true
        switch format {
        case .ndjson: break
        case .json: buffer.append(UInt8(ascii: "["))
        case .csv: CSVFormat.appendRow(CSVFormat.header(includeRaw: includeRaw), to: &buffer)
        }
    }

    private mutating func appendJSON(_ record: CallRecord) {
        json.reset()
        record.write(to: &json, includeRaw: includeRaw)
        buffer.append(contentsOf: json.bytes)
    }
}

extension CallRecordWriter where Sink == MemorySink {
    /// All of `records` in `format`, as text (for tests and small outputs).
    public static func text<Records: Sequence<CallRecord>>(_ records: Records, format: MachineFormat, includeRaw: Bool = false)
        -> String
    {
        var writer = CallRecordWriter(format: format, includeRaw: includeRaw, sink: MemorySink())
        // MemorySink never throws.
        try? writer.write(contentsOf: records)
        try? writer.finish()
        return writer.sink.text
    }
}
