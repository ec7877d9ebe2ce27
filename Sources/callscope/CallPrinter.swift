import CallScopeKit
import CallScopeStore
import CallScopeText
import Foundation

/// Writes calls to stdout as they arrive: a table for people (sized by the first batch), or a
/// machine format streamed record by record.
struct CallPrinter {
    private var machine: CallRecordWriter<FileDescriptorSink>?
    private var table: CallTable?
    private let formatting: CallFormatting
    /// CSV writes text as it is (JSON escapes control characters); on a terminal that text must
    /// not reach the screen raw, so there its fields are sanitised.
    private let sanitize: Bool
    private(set) var count = 0

    init(format: CallsCommand.Format, includeRaw: Bool, displayZone: TimeZone) throws {
        formatting = CallFormatting(timeZone: displayZone)
        sanitize = format == .csv && isatty(1) == 1
        if let machineFormat = MachineFormat(rawValue: format.rawValue) {
            machine = CallRecordWriter(format: machineFormat, includeRaw: includeRaw, sink: .standardOutput)
        }
    }

    /// Every call `query` selects, page by page from the store; a CSV for a file or a pipe as
    /// the store writes its rows (the same bytes, without a record a row).
    mutating func print(_ query: StoreQuery, from store: any CallStoring, limit: Int?) async throws {
        guard var csv = machine, csv.format == .csv, !sanitize else {
            for try await page in store.pages(query, limit: limit) { try print(page.records) }
            return
        }
        defer { machine = csv }
        try await store.forEachCSVPage(query, limit: limit) { page in try csv.write(csvRows: page.bytes, rows: page.rows) }
        count = csv.count
    }

    mutating func print(_ records: [CallRecord]) throws {
        count += records.count
        if machine != nil {
            try machine!.write(contentsOf: sanitize ? records.map(Self.sanitized) : records)
            return
        }
        guard !records.isEmpty else { return }
        if table == nil {
            let made = CallTable(formatting: formatting, sizingRows: records)
            table = made
            write(made.header)
        }
        for record in records { write(table!.row(record)) }
    }

    /// Passes what the machine formats hold on to stdout (the table is written line by line).
    mutating func flush() throws {
        try machine?.flush()
    }

    mutating func finish() throws {
        try machine?.finish()
        if machine == nil, count == 0 { Stderr.line("no calls") }
    }

    private static func sanitized(_ record: CallRecord) -> CallRecord {
        var r = record
        for path in [\CallRecord.from, \.to, \.agent, \.agentName, \.customerName, \.providerStatus, \.recordingURL, \.campaign, \.note] {
            r[keyPath: path] = r[keyPath: path].map(Sanitizer.sanitize)
        }
        r.id = Sanitizer.sanitize(r.id)
        r.tags = r.tags.map(Sanitizer.sanitize)
        return r
    }

    private func write(_ line: String) {
        FileHandle.standardOutput.write(Data((line + "\n").utf8))
    }
}

/// `⟳ cs: 125,000 of 249,997 calls · 50% · 7,210 calls/s` on stderr while a range is synced,
/// only when stderr is a terminal.
struct SyncProgressLine: Sendable {
    let enabled: Bool

    func update(_ progress: SyncProgress) {
        guard enabled else { return }
        Stderr.status("⟳ " + Self.text(progress))
    }

    func finish() {
        if enabled { Stderr.clearStatus() }
    }

    static func text(_ p: SyncProgress) -> String {
        var text = "\(p.account): \(Count.grouped(p.calls))"
        if let total = p.total { text += " of \(Count.grouped(total))" }
        text += " calls"
        if let fraction = p.fraction { text += " · \(Int(fraction * 100))%" }
        return text + " · \(Count.grouped(Int(p.callsPerSecond))) calls/s"
    }
}
