import CallScopeKit
import Foundation

/// Where an export stands: calls written so far, of the store's count of the query.
public struct ExportProgress: Sendable, Equatable {
    public var written: Int
    public var total: Int?

    public init(written: Int, total: Int?) {
        self.written = written
        self.total = total
    }
}

/// Why an export left no file.
public enum ExportError: Error, Sendable, Equatable, CustomStringConvertible {
    case diskFull(path: String)
    case file(path: String, problem: String)

    public var description: String {
        switch self {
        case .diskFull(let path): "\(path): disk full; nothing was written"
        case .file(let path, let problem): "\(path): \(problem)"
        }
    }
}

/// Writes the calls of a store query to a file in a machine format (the TUI's `x`), with the
/// same writer and the same pages as `callscope calls --offline` prints them, so the file holds
/// exactly what that command prints for the query. It streams page by page (constant memory),
/// writes to `NAME.part` and renames it only once complete and on disk (`AtomicFile`: mode 0600,
/// in a folder created 0700, a link at either name replaced, never followed); a failure or a
/// cancellation removes the part, so nothing is left under either name.
public struct CallExporter: Sendable {
    public let store: any CallStoring
    /// Calls read from the store at a time (as `calls` reads them).
    public var pageSize = 500
    /// Progress is reported at most this often (and once at the start).
    public var progressInterval: Duration = .milliseconds(100)

    public init(store: any CallStoring) {
        self.store = store
    }

    /// Writes every call `query` selects to `file`; returns how many.
    public func export(_ query: StoreQuery, format: MachineFormat, to file: URL,
                       progress: @Sendable (ExportProgress) -> Void = { _ in }) async throws -> Int {
        let total = try await store.count(query)
        progress(ExportProgress(written: 0, total: total))
        let output: AtomicFile
        do throws(FileFailure) {
            output = try AtomicFile(replacing: file, through: file.deletingLastPathComponent().appendingPathComponent(file.lastPathComponent + ".part"))
        } catch {
            throw ExportError(error)
        }
        var writer = CallRecordWriter(format: format, includeRaw: query.includeRaw, sink: FileDescriptorSink(fileDescriptor: output.descriptor))
        let clock = ContinuousClock()
        var reported = clock.now
        do {
            func report() {
                guard clock.now - reported >= progressInterval else { return }
                reported = clock.now
                progress(ExportProgress(written: writer.count, total: total))
            }
            if format == .csv {
                // As `calls --format csv` prints it: rows the store writes without a record each.
                try await store.forEachCSVPage(query, pageSize: pageSize) { page in
                    try writer.write(csvRows: page.bytes, rows: page.rows)
                    report()
                }
            } else {
                for try await page in store.pages(query, pageSize: pageSize) {
                    try writer.write(contentsOf: page.records)
                    report()
                }
            }
            try Task.checkCancellation()
            try writer.finish()
        } catch let error as OutputError {
            guard case .failed(let code, _) = error else { throw error }
            throw ExportError(FileFailure(path: output.temporary.path, step: "cannot write the file", code: code))
        }
        do throws(FileFailure) { try output.commit() } catch { throw ExportError(error) }
        progress(ExportProgress(written: writer.count, total: total))
        return writer.count
    }
}

extension ExportError {
    /// A file's failure as an export says it, a full disk apart.
    init(_ failure: FileFailure) {
        self = failure.isDiskFull ? .diskFull(path: failure.path) : .file(path: failure.path, problem: failure.description)
    }
}
