import CallScopeKit
import Foundation

/// A log file lines are appended to (mode 0600, created on first use), such as receiver.log. A
/// line that cannot be written is reported once, with the file and the reason.
struct AppendLog: Sendable {
    let file: URL
    let problems: StateFileReporter

    func append(_ line: String) {
        // O_APPEND: lines from concurrent writers never overwrite each other
        let descriptor = open(file.path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC | O_NOFOLLOW, 0o600)   // never through a planted link
        guard descriptor >= 0 else { return report("cannot open it") }
        defer { close(descriptor) }
        let bytes = Array((line + "\n").utf8)
        if bytes.withUnsafeBytes({ write(descriptor, $0.baseAddress, $0.count) }) != bytes.count { report("cannot append to it") }
    }

    private func report(_ step: String) {
        problems.report(StateFileError(file: file, action: .write, reason: "\(step): \(String(cString: strerror(errno)))"))
    }
}
