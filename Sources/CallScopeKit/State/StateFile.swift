import Foundation

/// A small JSON file of state in the data folder (the token cache, the downloads index, …) that
/// several callscope processes use at once: a TUI, `receive`, a cron `sync`.
///
/// - `update` reads, changes and writes under an exclusive `flock` on `<file>.lock` beside the
///   file, so concurrent processes never lose each other's entries.
/// - The new text goes to a temporary file in the same folder, is fsynced, renamed over the file,
///   and the folder is fsynced: a reader, or a process killed at any moment, sees the old content
///   or the new, never a mix.
/// - The file and its lock are mode 0600, a folder created for them 0700 (state may hold tokens).
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
        let folder = url.deletingLastPathComponent()
        guard !FileManager.default.fileExists(atPath: folder.path) else { return }
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        } catch {
            throw StateFileError(file: url, action: .write, reason: "cannot create the folder: \(Self.words(error))")
        }
    }

    /// Temporary file, fsync, rename over the file, fsync the folder.
    private func replace(with data: Data) throws(StateFileError) {
        let folder = url.deletingLastPathComponent().path
        var template = Array("\(folder)/.\(url.lastPathComponent).XXXXXX".utf8CString)
        let descriptor = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }   // mode 0600
        guard descriptor >= 0 else { throw StateFileError.system(url, .write, "cannot create a temporary file in \(folder)") }
        let temporary = String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        var written = false
        defer { if !written { unlink(temporary) } }
        do {
            defer { close(descriptor) }
            try writeAll(data, to: descriptor)
            guard fsync(descriptor) == 0 else { throw StateFileError.system(url, .write, "fsync") }
        }
        guard rename(temporary, url.path) == 0 else { throw StateFileError.system(url, .write, "cannot rename the temporary file over it") }
        written = true
        let directory = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard directory >= 0 else { throw StateFileError.system(url, .write, "cannot open the folder to fsync it") }
        defer { close(directory) }
        // Some file systems cannot fsync a folder (EINVAL); the rename is then as durable as they allow.
        guard fsync(directory) == 0 || errno == EINVAL else { throw StateFileError.system(url, .write, "fsync of the folder") }
    }

    private func writeAll(_ data: Data, to descriptor: Int32) throws(StateFileError) {
        let failure: Int32? = data.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let n = write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                if n < 0 {
                    if errno == EINTR { continue }
                    return errno
                }
                offset += n
            }
            return nil
        }
        if let failure { throw StateFileError.system(url, .write, "cannot write the temporary file", errno: failure) }
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
