import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// How callscope creates the files it writes (exports, recordings and their `.part`, state in the
/// data folder, the store): mode 0600, in folders it creates mode 0700, and never through a
/// symbolic link planted at the path (another user's link in a shared folder would make
/// callscope write, or append, to whatever it points at).
public enum PrivateFile {
    /// What an open does with a file already at the path.
    public enum Opening: Sendable {
        /// Keep its bytes and write after them (a resumed download, a log, a file kept as is).
        case append
        /// Empty it.
        case truncate
    }

    /// Opens `url` for writing, created 0600 when missing, refusing a symbolic link, a FIFO or a
    /// device at the path; an existing file with wider permissions is narrowed to 0600.
    /// Returns the descriptor (close-on-exec).
    public static func open(_ url: URL, _ opening: Opening) throws(FileFailure) -> Int32 {
        // O_NONBLOCK: a FIFO planted at the path fails at once (or is refused below) instead of
        // waiting for a reader; it changes nothing for a regular file.
        let flags = O_WRONLY | O_CREAT | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK | (opening == .append ? O_APPEND : O_TRUNC)
        return try checked(descriptor: Foundation.open(url.path, flags, 0o600), path: url.path, step: "cannot open the file")
    }

    /// Creates `url` as a new file, 0600: it must not exist (a link there fails too, unfollowed).
    public static func create(_ url: URL) throws(FileFailure) -> Int32 {
        let flags = O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW
        return try checked(descriptor: Foundation.open(url.path, flags, 0o600), path: url.path, step: "cannot create the file")
    }

    /// Creates `folder` and every missing folder above it, each mode 0700 (whatever the umask);
    /// folders that exist are left as they are.
    public static func createFolder(_ folder: URL) throws(FileFailure) {
        var missing: [String] = []
        var path = folder.standardizedFileURL.path
        var info = stat()
        while stat(path, &info) != 0 {
            guard errno == ENOENT, path != "/" else { throw FileFailure(path: path, step: "cannot create the folder", code: errno) }
            missing.append(path)
            path = (path as NSString).deletingLastPathComponent
        }
        guard info.st_mode & S_IFMT == S_IFDIR else { throw FileFailure(path: path, step: "cannot create the folder", code: ENOTDIR) }
        for path in missing.reversed() where mkdir(path, 0o700) != 0 && errno != EEXIST {
            throw FileFailure(path: path, step: "cannot create the folder", code: errno)
        }
    }

    /// Refuses a symbolic link or anything but a regular file at `url`, when there is something.
    public static func refuseLink(at url: URL, step: String) throws(FileFailure) {
        var info = stat()
        guard lstat(url.path, &info) == 0 else { return }
        if info.st_mode & S_IFMT == S_IFLNK { throw .symbolicLink(url.path, step: step) }
        if info.st_mode & S_IFMT != S_IFREG { throw .notRegular(url.path, step: step) }
    }

    /// Renames `part` over `final` (a link at `final` is replaced, never followed) and flushes
    /// the folder so that the new name survives a power cut.
    public static func rename(_ part: URL, over final: URL) throws(FileFailure) {
        guard Foundation.rename(part.path, final.path) == 0 else {
            throw FileFailure(path: final.path, step: "cannot rename \(part.lastPathComponent) to the file", code: errno)
        }
        let folder = final.deletingLastPathComponent().path
        let directory = Foundation.open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard directory >= 0 else { throw FileFailure(path: folder, step: "cannot open the folder to flush it", code: errno) }
        defer { close(directory) }
        // Some file systems cannot fsync a folder (EINVAL); the rename is then as durable as they allow.
        guard fsync(directory) == 0 || errno == EINVAL else { throw FileFailure(path: final.path, step: "cannot flush the folder of the file", code: errno) }
    }

    /// Writes all of `bytes` to `descriptor`, retrying interrupted and short writes.
    public static func writeAll(_ bytes: some Sequence<UInt8>, to descriptor: Int32, path: String) throws(FileFailure) {
        /// 0, or the C library's code of the failed write.
        func writeBuffer(_ buffer: UnsafeBufferPointer<UInt8>) -> Int32 {
            var offset = 0
            while offset < buffer.count {
                let written = write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    return errno
                }
                offset += written
            }
            return 0
        }
        let code = bytes.withContiguousStorageIfAvailable(writeBuffer) ?? Array(bytes).withUnsafeBufferPointer(writeBuffer)
        if code != 0 { throw FileFailure(path: path, step: "cannot write the file", code: code) }
    }

    private static func checked(descriptor: Int32, path: String, step: String) throws(FileFailure) -> Int32 {
        guard descriptor >= 0 else {
            // A link (O_NOFOLLOW's ELOOP, O_EXCL's EEXIST) or a FIFO without a reader (ENXIO) is
            // said as what it is rather than with the C library's words.
            let code = errno
            try refuseLink(at: URL(fileURLWithPath: path), step: step)
            throw FileFailure(path: path, step: step, code: code)
        }
        var info = stat()
        guard fstat(descriptor, &info) == 0, info.st_mode & S_IFMT == S_IFREG else {
            close(descriptor)
            throw .notRegular(path, step: step)
        }
        if info.st_mode & 0o077 != 0, fchmod(descriptor, 0o600) != 0 {
            let code = errno
            close(descriptor)
            throw FileFailure(path: path, step: step, code: code)
        }
        return descriptor
    }
}
