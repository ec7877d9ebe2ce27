import CallScopeKit
import CallScopeTUI
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

/// `⟳ window 2/3 · page 4 · 1,500 calls` on stderr, only when stderr is a terminal.
struct Progress {
    let enabled: Bool
    let account: String

    func update(_ page: CallPage, printed: Int) {
        guard enabled else { return }
        let total = page.total.map { " of \($0)\(page.totalIsComplete ? "" : "+")" } ?? ""
        let window = page.windows > 1 ? "window \(page.window)/\(page.windows) · " : ""
        Stderr.write("\r\u{1B}[K⟳ \(account): \(window)page \(page.page) · \(printed)\(total) calls")
    }

    func finish() {
        if enabled { Stderr.write("\r\u{1B}[K") }
    }
}
