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
/// disk, so no file under the final name is ever partial. It is mode 0600 and never a symbolic
/// link (`PrivateFile`): a link planted at the part is refused, not written through.
final class PartFile {
    let url: URL
    private var descriptor: Int32
    private(set) var size: Int64

    /// The size of the part at `url`, or nil when there is none. A link there is not a part (and
    /// is refused when the download opens it).
    static func size(at url: URL) -> Int64? {
        var info = stat()
        guard lstat(url.path, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { return nil }
        return Int64(info.st_size)
    }

    /// Opens the part: to add to what it holds, or emptied.
    init(url: URL, continuing: Bool) throws(DownloadError) {
        self.url = url
        do throws(FileFailure) { descriptor = try PrivateFile.open(url, continuing ? .append : .truncate) } catch { throw DownloadError(error) }
        size = continuing ? (Self.size(at: url) ?? 0) : 0
    }

    deinit { if descriptor >= 0 { _ = close(descriptor) } }

    func append(_ buffer: ByteBuffer) throws(DownloadError) {
        do throws(FileFailure) { try PrivateFile.writeAll(buffer.readableBytesView, to: descriptor, path: url.path) } catch { throw DownloadError(error) }
        size += Int64(buffer.readableBytes)
    }

    /// Flushes the part to disk and renames it to `final` (replacing what was there, a link
    /// itself rather than what it points at).
    func complete(as final: URL) throws(DownloadError) {
        guard fsync(descriptor) == 0 else { throw DownloadError(FileFailure(path: url.path, step: "cannot flush the file", code: errno)) }
        close(descriptor)
        descriptor = -1
        do throws(FileFailure) { try PrivateFile.rename(url, over: final) } catch { throw DownloadError(error) }
    }
}
