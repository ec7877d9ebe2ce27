import ArgumentParser
import CallScopeKit
import CallScopePostgres
import CallScopeStore
import Foundation

/// The local store at a million calls: ingest rate, a keyset page at the far end, full-text
/// queries, the file's size.
struct StoreBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "store",
        abstract: "Ingest --calls generated calls into a fresh store, then time pages and searches."
    )

    @Option(help: "Calls to ingest.") var calls = 1_000_000
    @Option(help: "Calls per transaction (a provider page).") var batch = 1000
    @Option(help: "Calls per page read.") var pageSize = 100
    @Option(help: "Repeats per timed read (the median is reported).") var repeats = 15
    @Option(help: "Keep the store in this folder (default: a temporary folder, removed).") var folder: String?
    @Option(help: "Measure a team store instead: the postgresql:// URL of an empty database.") var postgres: String?
    @Option(help: "With --postgres: the environment variable holding the password.") var passwordEnv: String?
    @Flag(help: "After the ingest, time only the report (what `callscope-bench report` runs).") var onlyReport = false
    @Flag(help: "Time the reads on the calls an earlier run left in --folder or --postgres, without ingesting.") var reuse = false

    func run() async throws {
        let folder = self.folder.map { URL(fileURLWithPath: $0) }
            ?? FileManager.default.temporaryDirectory.appendingPathComponent("callscope-bench-\(UUID().uuidString)")
        defer { if self.folder == nil { try? FileManager.default.removeItem(at: folder) } }
        let store: any CallStoring = if let postgres {
            try await PostgresCallStore(settings: PostgresStoreSettings(
                url: postgres, password: passwordEnv.flatMap { ProcessInfo.processInfo.environment[$0] }.map { Secret($0) }))
        } else {
            try CallStore(dataDirectory: folder)
        }
        let generated = GeneratedCalls(account: "bench", count: calls)

        if reuse, self.folder == nil, postgres == nil { throw ValidationError("--reuse needs --folder or --postgres") }
        var generation = 0.0
        let ingest = reuse ? 0 : try await Measure.time {
            for start in stride(from: 0, to: calls, by: batch) {
                var records: [CallRecord] = []
                generation += await Measure.time { records = (start..<min(calls, start + batch)).map(generated.call) }
                try await store.ingest(records)
                if (start / batch) % 100 == 99 { FileHandle.standardError.write(Data("\r\(start + batch) calls".utf8)) }
            }
        }
        FileHandle.standardError.write(Data("\r".utf8))
        let committed = ingest - generation
        print("store: \(calls) calls, \(batch) per transaction, pages of \(pageSize), median of \(repeats) reads")
        if !reuse {
            print("ingest".padding(24) + "\(Measure.format(Double(calls) / committed, 0)) calls/s  (\(Measure.format(committed)) s normalized and committed; generating took \(Measure.format(generation)) s more)")
        }

        let newest = try require(try await store.page(StoreQuery(account: "bench", includeRaw: false), limit: 1).records.first?.startedAt)
        let year = StoreQuery(account: "bench", from: newest.addingTimeInterval(-366 * 86400), to: newest, includeRaw: false)
        // `callscope report`'s path: GROUP BY in the store; JSON slices by UTC hour, the table by day.
        let month = StoreQuery(account: "bench", from: newest.addingTimeInterval(-30 * 86400), to: newest, includeRaw: false)
        for (label, query, slicing) in [("report, 1 year by hour", year, ReportSlicing.hours), ("report, 1 year by day", year, .days(.gmt)),
                                        ("report, 30 days by hour", month, .hours)] {
            try await timeReport(label, store, query, slicing: slicing)
        }
        if onlyReport { return }

        let all = StoreQuery(account: "bench")
        let oldest = try await store.page(StoreQuery(account: "bench", order: .oldestFirst), limit: pageSize + 1).records
        let farEnd = StoreCursor(after: oldest[oldest.count - 1])
        try await report("first page", store, all, after: nil)
        try await report("far-end page", store, all, after: farEnd)
        // As a user reads it: a one-year range (the list's and `calls`'s path), at both ends.
        try await report("1-year range, first page", store, year, after: nil)
        try await report("1-year range, far end", store, year, after: farEnd)
        try await report("count, 1-year range", store, year, after: nil, countOnly: true)
        let oneNumber = generated.call(calls * 3 / 4).from ?? ""
        for text in ["nguyen duc", "đức", "深圳", "广东省深圳", "hen goi lai", "vip", "0912", oneNumber, "không ai"] {
            try await report("search \"\(text)\"", store, StoreQuery(account: "bench", text: text), after: nil, count: true)
        }
        var sizes: [String] = []
        for suffix in ["", "-wal"] {
            guard let store = store as? CallStore else { break }
            let path = store.fileURL.path + suffix
            let bytes = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
            sizes.append("\(store.fileURL.lastPathComponent)\(suffix) \(Measure.format(Double(bytes) / 1_048_576)) MiB")
        }
        if !sizes.isEmpty { print("file size".padding(24) + sizes.joined(separator: ", ")) }
        let (rss, peak) = Measure.memory()
        print("memory".padding(24) + "RSS \(Measure.format(rss)) MiB, peak \(Measure.format(peak)) MiB")
    }

    private func timeReport(_ label: String, _ store: any CallStoring, _ query: StoreQuery, slicing: ReportSlicing) async throws {
        guard let from = query.from, let to = query.to else { return }
        var times: [Double] = [], report: CallReport?
        for _ in 0..<repeats {
            times.append(try await Measure.time {
                report = try await store.report(query, range: TimeRange(from: from, to: to), provider: .caresoft, slicing: slicing)
            })
        }
        print(label.padding(24) + "\(Measure.format(Measure.median(times) * 1000, 2)) ms".padding(11, left: true)
              + "  \(report?.totals.calls ?? 0) calls in \(report?.slices.count ?? 0) slices")
    }

    private func report(_ label: String, _ store: any CallStoring, _ query: StoreQuery, after cursor: StoreCursor?, count: Bool = false,
                        countOnly: Bool = false) async throws {
        var times: [Double] = [], rows = 0
        for _ in 0..<repeats {
            times.append(try await Measure.time {
                rows = countOnly ? try await store.count(query) : try await store.page(query, after: cursor, limit: pageSize).records.count
            })
        }
        var line = label.padding(24) + "\(Measure.format(Measure.median(times) * 1000, 2)) ms".padding(11, left: true) + "  \(rows) rows"
        if count {
            var matches = 0
            let counting = try await Measure.time { matches = try await store.count(query) }
            line += ", \(matches) matches (counted in \(Measure.format(counting * 1000, 1)) ms)"
        }
        print(line)
    }
}
