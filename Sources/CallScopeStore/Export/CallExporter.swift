import CallScopeKit
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

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
/// writes to `NAME.part` and renames it only once complete and on disk; a failure or a
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
        let part = file.deletingLastPathComponent().appendingPathComponent(file.lastPathComponent + ".part")
        try Self.createFolder(of: file)
        let descriptor = open(part.path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o666)
        guard descriptor >= 0 else { throw Self.failure(part, errno, doing: "cannot create") }
        var pending = true
        defer {
            if pending {
                close(descriptor)
                unlink(part.path)
            }
        }
        var writer = CallRecordWriter(format: format, includeRaw: query.includeRaw, sink: FileDescriptorSink(fileDescriptor: descriptor))
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
            throw Self.failure(part, code, doing: "cannot write")
        }
        guard fsync(descriptor) == 0 else { throw Self.failure(part, errno, doing: "cannot flush") }
        pending = false
        close(descriptor)
        guard rename(part.path, file.path) == 0 else {
            let code = errno
            unlink(part.path)
            throw Self.failure(file, code, doing: "cannot rename \(part.lastPathComponent) to")
        }
        progress(ExportProgress(written: writer.count, total: total))
        return writer.count
    }

    /// The file's folder, created when missing (the downloads folder on first use).
    private static func createFolder(of file: URL) throws {
        let folder = file.deletingLastPathComponent()
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            throw ExportError.file(path: folder.path, problem: "cannot create the folder: \(error.localizedDescription)")
        }
    }

    static func failure(_ url: URL, _ code: Int32, doing what: String) -> ExportError {
        if code == ENOSPC || code == EDQUOT { return .diskFull(path: url.path) }
        return .file(path: url.path, problem: "\(what) the file: \(String(cString: strerror(code)))")
    }
}
