import Foundation
import Synchronization

/// Lines for stderr held while the TUI owns the terminal (a line written then would land in the
/// middle of the screen), written once it has given the terminal back.
final class HeldStderr: Sendable {
    private let lines = Mutex<[String]>([])

    func add(_ line: String) {
        lines.withLock { $0.append(line) }
    }

    func flush() {
        for line in lines.withLock({ held in defer { held = [] }; return held }) { Stderr.line(line) }
    }
}
