import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// A file written whole or not at all: the bytes go to a temporary file beside it, created for
/// this write alone (0600, exclusively: never an existing file, never through a link), which is
/// flushed and renamed over the final path (a link there is replaced, not followed), and the folder
/// flushed. A reader, or a process killed at any moment, sees the old file or the new one.
/// Without `commit()` the temporary file is removed.
public final class AtomicFile {
    public let final: URL
    public let temporary: URL
    /// Where to write the new content; -1 once committed or discarded.
    public private(set) var descriptor: Int32

    /// `temporary`: the name written under (an export's `NAME.part`, what a user expects to see
    /// while it grows); whatever an earlier run left there is removed first, a link itself and
    /// not what it points at. Nil: a unique hidden name in the same folder. Creates the folder
    /// (0700) when missing.
    public init(replacing final: URL, through temporary: URL? = nil) throws(FileFailure) {
        self.final = final
        try PrivateFile.createFolder(final.deletingLastPathComponent())
        if let temporary {
            _ = unlink(temporary.path)   // a failure other than "not there" makes the creation fail, and say why
            self.temporary = temporary
            descriptor = try PrivateFile.create(temporary)
        } else {
            (self.temporary, descriptor) = try Self.createUnique(beside: final)
        }
    }

    deinit { discard() }

    /// Flushes the content to disk and renames it over `final`.
    public func commit() throws(FileFailure) {
        guard fsync(descriptor) == 0 else {
            let failure = FileFailure(path: temporary.path, step: "cannot flush the file", code: errno)
            discard()
            throw failure
        }
        close(descriptor)
        descriptor = -1
        do throws(FileFailure) {
            try PrivateFile.rename(temporary, over: final)
        } catch {
            unlink(temporary.path)
            throw error
        }
    }

    /// Closes and removes the temporary file (nothing after a commit).
    public func discard() {
        guard descriptor >= 0 else { return }
        close(descriptor)
        descriptor = -1
        unlink(temporary.path)
    }

    /// Replaces `final` with `data`.
    public static func write(_ data: Data, to final: URL) throws(FileFailure) {
        let file = try AtomicFile(replacing: final)
        try PrivateFile.writeAll(data, to: file.descriptor, path: file.temporary.path)
        try file.commit()
    }

    /// `mkstemp`: `.NAME.XXXXXX`, created with O_EXCL and mode 0600, closed on exec.
    private static func createUnique(beside final: URL) throws(FileFailure) -> (URL, Int32) {
        let folder = final.deletingLastPathComponent().path
        var template = Array("\(folder)/.\(final.lastPathComponent).XXXXXX".utf8CString)
        let descriptor = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard descriptor >= 0 else { throw FileFailure(path: final.path, step: "cannot create a temporary file beside the file", code: errno) }
        _ = fcntl(descriptor, F_SETFD, FD_CLOEXEC)
        let path = String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        return (URL(fileURLWithPath: path), descriptor)
    }
}
