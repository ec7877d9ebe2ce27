import Foundation
import Synchronization

/// Why a state file could not be read or written: the file and the reason, in words a user can act on.
public struct StateFileError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Action: String, Sendable, Equatable {
        case read = "read"
        case write = "write"
    }

    public let file: URL
    public let action: Action
    public let reason: String

    public init(file: URL, action: Action, reason: String) {
        self.file = file
        self.action = action
        self.reason = reason
    }

    /// A failed system call, with the C library's words for `errno`.
    static func system(_ file: URL, _ action: Action, _ step: String, errno code: Int32 = errno) -> StateFileError {
        StateFileError(file: file, action: action, reason: "\(step): \(String(cString: strerror(code)))")
    }

    public var description: String { "cannot \(action.rawValue) \(file.path): \(reason)" }
}

/// Says each state file's failure once per process, however often it recurs: a token cache that
/// cannot be written fails again at every login, and one line is enough.
public final class StateFileReporter: Sendable {
    private let sink: @Sendable (String) -> Void
    private let reported = Mutex<Set<String>>([])

    /// `sink` gets one line per file (stderr for the commands; the TUI holds them until the screen is restored).
    public init(sink: @escaping @Sendable (String) -> Void) {
        self.sink = sink
    }

    public func report(_ error: StateFileError) {
        guard reported.withLock({ $0.insert(error.file.path).inserted }) else { return }
        sink("callscope: \(error)")
    }
}
