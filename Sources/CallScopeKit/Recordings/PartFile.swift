import Foundation
import NIOCore

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// The `NAME.part` file a download writes to: continued (a resume) or emptied (a start over),
/// written as the body arrives, and renamed to its final name only once it is complete and on
/// disk, so no file under the final name is ever partial.
final class PartFile {
    let url: URL
    private var descriptor: Int32
    private(set) var size: Int64

    /// The size of the part at `url`, or nil when there is none.
    static func size(at url: URL) -> Int64? {
        var info = stat()
        guard stat(url.path, &info) == 0 else { return nil }
        return Int64(info.st_size)
    }

    /// Opens the part: to add to what it holds, or emptied.
    init(url: URL, continuing: Bool) throws(DownloadError) {
        self.url = url
        let flags = O_WRONLY | O_CREAT | O_CLOEXEC | (continuing ? O_APPEND : O_TRUNC)
        descriptor = open(url.path, flags, 0o600)
        guard descriptor >= 0 else { throw Self.failure(url, errno, doing: "cannot open") }
        size = continuing ? (Self.size(at: url) ?? 0) : 0
    }

    deinit { if descriptor >= 0 { _ = close(descriptor) } }

    func append(_ buffer: ByteBuffer) throws(DownloadError) {
        let code: Int32 = buffer.withUnsafeReadableBytes { bytes in
            var offset = 0
            while offset < bytes.count {
                let written = write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    return errno
                }
                offset += written
            }
            return 0
        }
        guard code == 0 else { throw Self.failure(url, code, doing: "cannot write") }
        size += Int64(buffer.readableBytes)
    }

    /// Flushes the part to disk and renames it to `final` (replacing what was there).
    func complete(as final: URL) throws(DownloadError) {
        guard fsync(descriptor) == 0 else { throw Self.failure(url, errno, doing: "cannot flush") }
        close(descriptor)
        descriptor = -1
        guard rename(url.path, final.path) == 0 else { throw Self.failure(final, errno, doing: "cannot rename \(url.lastPathComponent) to") }
    }

    static func failure(_ url: URL, _ code: Int32, doing what: String) -> DownloadError {
        if code == ENOSPC || code == EDQUOT { return .diskFull(path: url.path) }
        return .file(path: url.path, problem: "\(what) the file: \(String(cString: strerror(code)))")
    }
}
