import CallScopeKit
import CallScopeTestSupport
import Foundation
import Testing
@testable import CallScopeStore

/// The TUI's export: the bytes `CallRecordWriter` writes for the store's pages of the query (what
/// `callscope calls --offline` prints), into `NAME.part` renamed when complete; nothing left on failure.
@Suite("Export to a file") struct CallExporterTests {
    /// Calls over several pages, with text CSV must quote and JSON must escape.
    static func calls() -> [CallRecord] {
        (0..<1234).map { (n: Int) -> CallRecord in
            let customer: String? = n % 7 == 0 ? "Nguyễn \"Đức\", Q.1" : nil
            let note: String? = n % 11 == 0 ? "gọi lại\r\nsau 5h" : nil
            let tags: [String] = n % 13 == 0 ? ["vip", "广东"] : []
            let direction: Direction = n % 3 == 0 ? .outbound : .inbound
            let disposition: Disposition = n % 5 == 0 ? .missed : .answered
            let start = Int64(n * 37 % 5000)
            return sampleCall("c\(n)", start: start, customer: customer, direction: direction, disposition: disposition,
                              note: note, tags: tags)
        }
    }

    /// What `calls --offline` prints for `query`: its pages through the one writer.
    static func printed(_ store: any CallStoring, _ query: StoreQuery, _ format: MachineFormat) async throws -> [UInt8] {
        var writer = CallRecordWriter(format: format, includeRaw: query.includeRaw, sink: MemorySink())
        for try await page in store.pages(query) { try writer.write(contentsOf: page.records) }
        try writer.finish()
        return writer.sink.bytes
    }

    static func leftovers(_ folder: URL) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
    }

    @Test(arguments: MachineFormat.allCases) func theFileHoldsWhatCallsPrints(_ format: MachineFormat) async throws {
        try await withTemporaryFolder { folder in
            let store = try CallStore(dataDirectory: folder.appendingPathComponent("data"))
            try await store.ingest(Self.calls())
            let out = folder.appendingPathComponent("out")
            let base = Date(timeIntervalSince1970: 1_790_000_000)
            let queries = [
                StoreQuery(account: "cs", from: base.addingTimeInterval(100), to: base.addingTimeInterval(4000), includeRaw: false),
                StoreQuery(account: "cs", direction: .inbound, includeRaw: true),
                StoreQuery(account: "cs", text: "duc", includeRaw: false),
                StoreQuery(account: "nobody", includeRaw: false),
            ]
            for (n, query) in queries.enumerated() {
                var exporter = CallExporter(store: store)
                exporter.pageSize = 100
                let file = out.appendingPathComponent("calls-\(n).\(format.rawValue)")
                let reports = Reports()
                let count = try await exporter.export(query, format: format, to: file) { reports.add($0) }
                let expected = try await Self.printed(store, query, format)
                #expect(Array(try Data(contentsOf: file)) == expected, "query \(n)")
                #expect(count == (try await store.count(query)), "query \(n)")
                #expect(reports.all.first == ExportProgress(written: 0, total: count))
                #expect(reports.all.last == ExportProgress(written: count, total: count))
            }
            #expect(try Self.leftovers(out) == (0..<queries.count).map { "calls-\($0).\(format.rawValue)" })
        }
    }

    @Test func theFileIsMode0600InFoldersMade0700AndLinksAtEitherNameAreReplacedNotFollowed() async throws {
        try await withTemporaryFolder { folder in
            let store = try CallStore(dataDirectory: folder.appendingPathComponent("data"))
            try await store.ingest(Array(Self.calls().prefix(50)))
            let query = StoreQuery(account: "cs", includeRaw: false)
            let expected = try await Self.printed(store, query, .csv)
            let victim = try FileProbe.target(in: folder.appendingPathComponent("elsewhere"))

            let made = folder.appendingPathComponent("out/new")
            let file = made.appendingPathComponent("calls.csv")
            _ = try await CallExporter(store: store).export(query, format: .csv, to: file)
            #expect(FileProbe.mode(file) == 0o600)
            #expect(Array(try Data(contentsOf: file)) == expected)
            #expect(FileProbe.mode(folder.appendingPathComponent("out")) == 0o700 && FileProbe.mode(made) == 0o700)

            for planted in [file.path + ".part", file.path] {
                try? FileManager.default.removeItem(at: file)
                try FileManager.default.createSymbolicLink(atPath: planted, withDestinationPath: victim.url.path)
                _ = try await CallExporter(store: store).export(query, format: .csv, to: file)
                #expect(FileProbe.kind(file) == .file, "\(planted)")
                #expect(Array(try Data(contentsOf: file)) == expected, "\(planted)")
                #expect(try Self.leftovers(made) == ["calls.csv"], "\(planted)")
                #expect(try Data(contentsOf: victim.url) == victim.bytes, "\(planted)")
            }
        }
    }

    @Test func aFullDiskIsSaidAsSuch() {
        #expect(ExportError(FileFailure(path: "/d/calls.csv.part", step: "cannot write the file", code: ENOSPC)) == .diskFull(path: "/d/calls.csv.part"))
        #expect(ExportError(FileFailure(path: "/d/calls.csv.part", step: "cannot write the file", code: EIO)).description
            == "/d/calls.csv.part: cannot write the file: \(String(cString: strerror(EIO)))")
    }

    @Test func aFolderThatCannotBeMadeIsSaid() async throws {
        try await withTemporaryFolder { folder in
            let store = try CallStore(dataDirectory: folder.appendingPathComponent("data"))
            let blocker = folder.appendingPathComponent("a-file")
            try Data("x".utf8).write(to: blocker)
            let file = blocker.appendingPathComponent("calls.csv")
            let error = await #expect(throws: ExportError.self) {
                try await CallExporter(store: store).export(StoreQuery(account: "cs", includeRaw: false), format: .csv, to: file)
            }
            #expect(error?.description.hasPrefix("\(blocker.path): cannot create the folder") == true, "\(String(describing: error))")
            #expect(try Self.leftovers(folder) == ["a-file", "data"])
        }
    }

    @Test func aCancelledExportLeavesNoFile() async throws {
        try await withTemporaryFolder { folder in
            let store = try CallStore(dataDirectory: folder.appendingPathComponent("data"))
            try await store.ingest(Self.calls())
            let out = folder.appendingPathComponent("out")
            let file = out.appendingPathComponent("calls.ndjson")
            var exporter = CallExporter(store: store)
            exporter.pageSize = 10
            exporter.progressInterval = .zero
            let task = Task {
                try await exporter.export(StoreQuery(account: "cs", includeRaw: false), format: .ndjson, to: file) { progress in
                    // Cancelled once some calls are written, from inside the export's own task (no
                    // thread is held waiting, so the whole suite's other tests go on).
                    guard progress.written > 0 else { return }
                    withUnsafeCurrentTask { $0?.cancel() }
                }
            }
            await #expect(throws: CancellationError.self) { try await task.value }
            #expect(try Self.leftovers(out).isEmpty)
        }
    }
}

/// Progress reports as they came.
final class Reports: @unchecked Sendable {
    private let lock = NSLock()
    private var reports: [ExportProgress] = []

    func add(_ report: ExportProgress) { lock.withLock { reports.append(report) } }
    var all: [ExportProgress] { lock.withLock { reports } }
}
