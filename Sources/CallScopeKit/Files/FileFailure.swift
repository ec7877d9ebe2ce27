import Foundation

/// Why a file callscope writes could not be created, written or put in place: the step, the C
/// library's code, and words a user can act on. Each caller turns it into its own error (a
/// download's, an export's, a state file's), keeping `isDiskFull` apart.
public struct FileFailure: Error, Sendable, Equatable, CustomStringConvertible {
    /// The path the failure is about.
    public let path: String
    /// What was being done: "cannot create the file", "cannot rename X.part to the file".
    public let step: String
    public let code: Int32
    public let reason: String

    public init(path: String, step: String, code: Int32, reason: String? = nil) {
        self.path = path
        self.step = step
        self.code = code
        self.reason = reason ?? String(cString: strerror(code))
    }

    /// ENOSPC or EDQUOT: the disk, or the user's quota, is full.
    public var isDiskFull: Bool { code == ENOSPC || code == EDQUOT }

    /// "cannot write the file: No space left on device", as the callers' errors say it.
    public var description: String { "\(step): \(reason)" }

    /// A symbolic link where callscope creates a file: never written through (it could point at
    /// any file the user can write).
    static func symbolicLink(_ path: String, step: String) -> FileFailure {
        FileFailure(path: path, step: step, code: ELOOP, reason: "it is a symbolic link, which callscope never writes through; remove it")
    }

    /// A FIFO, a device or a folder where callscope creates a regular file.
    static func notRegular(_ path: String, step: String) -> FileFailure {
        FileFailure(path: path, step: step, code: EINVAL, reason: "it is not a regular file; remove it")
    }
}
