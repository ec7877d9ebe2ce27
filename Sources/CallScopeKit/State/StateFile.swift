import Foundation

/// A small JSON file of state in the data folder (the token cache, the downloads index, …) that
/// several callscope processes use at once: a TUI, `receive`, a cron `sync`.
///
/// - `update` reads, changes and writes under an exclusive `flock` on `<file>.lock` beside the
///   file, so concurrent processes never lose each other's entries.
/// - The new text goes to a temporary file in the same folder, is fsynced, renamed over the file,
///   and the folder is fsynced: a reader, or a process killed at any moment, sees the old content
///   or the new, never a mix.
/// - The file and its lock are mode 0600, a folder created for them 0700 (state may hold tokens),
///   and neither is ever written through a symbolic link (`PrivateFile`).
/// - Every failure is a `StateFileError` naming the file and the reason; report it with a
///   `StateFileReporter` so it is said once.
///
/// Values are JSON through `JSONEncoder`/`JSONDecoder` with dates as seconds since 1970.
public struct StateFile<Value: Codable & Sendable>: Sendable {
    public let url: URL
    private let empty: Value

    /// `empty` is the value while no file exists.
    public init(_ url: URL, empty: Value) {
        self.url = url
        self.empty = empty
    }

    public var lockURL: URL { url.appendingPathExtension("lock") }

    /// The stored value (`empty` when there is no file). Needs no lock: the file is only ever
    /// replaced whole.
    public func read() throws(StateFileError) -> Value {
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch let error as CocoaError where error.code == .fileReadNoSuchFile {
            return empty
        } catch {
            throw StateFileError(file: url, action: .read, reason: Self.words(error))
        }
        do {
            return try Self.decoder.decode(Value.self, from: data)
        } catch {
            throw StateFileError(file: url, action: .read, reason: "not the expected JSON (\(Self.words(error))); move it away to start afresh")
        }
    }

    /// Applies `change` to the stored value and writes the result, all under the lock, and
    /// returns what `change` returns. A failure leaves the file as it was.
    @discardableResult
    public func update<Result>(_ change: (inout Value) -> Result) throws(StateFileError) -> Result {
        try createFolder()
        let lock: Int32
        switch FileLock.exclusive(lockURL) {
        case .success(let descriptor): lock = descriptor
        case .failure(let failure): throw StateFileError.system(url, .write, failure.step, errno: failure.code)
        }
        defer { close(lock) }   // closing releases the lock
        var value = try read()
        let result = change(&value)
        let data: Data
        do { data = try Self.encoder.encode(value) } catch {
            throw StateFileError(file: url, action: .write, reason: "cannot encode the value: \(Self.words(error))")
        }
        try replace(with: data)
        return result
    }

    private func createFolder() throws(StateFileError) {
        do throws(FileFailure) { try PrivateFile.createFolder(url.deletingLastPathComponent()) } catch {
            throw StateFileError(file: url, action: .write, reason: error.description)
        }
    }

    /// An atomic replacement (`AtomicFile`): temporary file, fsync, rename over the file, fsync the folder.
    private func replace(with data: Data) throws(StateFileError) {
        do throws(FileFailure) { try AtomicFile.write(data, to: url) } catch {
            throw StateFileError(file: url, action: .write, reason: error.description)
        }
    }

    /// Foundation's errors carry the C library's words in their underlying error; prefer those.
    private static func words(_ error: any Error) -> String {
        let ns = error as NSError
        if let underlying = ns.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain {
            return String(cString: strerror(Int32(underlying.code)))
        }
        if let posix = error as? POSIXError { return String(cString: strerror(posix.code.rawValue)) }
        return ns.localizedDescription
    }

    private static var encoder: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .secondsSince1970
        encoder.outputFormatting = [.sortedKeys]
        return encoder
    }

    private static var decoder: JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .secondsSince1970
        return decoder
    }
}
