import Foundation

/// An exclusive `flock` on a lock file beside a shared file: callscope processes (and threads with
/// descriptors of their own) that take it before a read-modify-write of that file never interleave.
public enum FileLock {
    /// Why the lock could not be taken: the step and the C library's error code.
    public struct Failure: Error, CustomStringConvertible {
        public let step: String
        public let code: Int32
        public var description: String { "\(step): \(String(cString: strerror(code)))" }
    }

    /// Opens `lockFile` (created with mode 0600, never through a link) and waits for the lock. Closing the returned
    /// descriptor releases it (so does the end of the process, a crash included).
    public static func exclusive(_ lockFile: URL) -> Result<Int32, Failure> {
        let descriptor = open(lockFile.path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0o600)   // a planted link is not followed
        guard descriptor >= 0 else { return .failure(Failure(step: "cannot open its lock file \(lockFile.lastPathComponent)", code: errno)) }
        while flock(descriptor, LOCK_EX) != 0 {
            guard errno == EINTR else {
                let code = errno
                close(descriptor)
                return .failure(Failure(step: "cannot lock \(lockFile.lastPathComponent)", code: code))
            }
        }
        return .success(descriptor)
    }
}
