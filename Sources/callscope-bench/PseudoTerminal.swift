import Foundation
import Glibc
import Subprocess
import Synchronization
import TerminalTestSupport
#if canImport(System)
import System
#else
import SystemPackage
#endif

/// A program on a pseudo-terminal of its own, its output read by a thread of its own as it comes
/// and each read stamped with the time it arrived: what a terminal emulator is given, without
/// tmux's server and `capture-pane` polling (a process each time, on a core the program needs)
/// between the program and the clock.
final class PseudoTerminal: Sendable {
    private struct Arrival {
        let end: Int
        let at: ContinuousClock.Instant
    }

    private struct Received {
        var bytes: [UInt8] = []
        var arrivals: [Arrival] = []
    }

    /// What the reader thread and the program's task fill in.
    private final class Shared: Sendable {
        let received = Mutex(Received())
        let processID = Mutex<pid_t?>(nil)
    }

    /// The moment the program was started.
    let started: ContinuousClock.Instant
    private let master: Int32
    private let shared = Shared()
    private let run: Task<Void, any Error>

    init(_ executable: String, _ arguments: [String], environment: [String: String], rows: UInt16 = 30, columns: UInt16 = 100) throws {
        // posix_openpt, unlockpt and ptsname, which Glibc's module does not show (devpts needs no
        // grantpt); nor does it show the two requests, whose macros Swift cannot read: these are
        // asm-generic's _IOW('T', 0x31, int) and _IOR('T', 0x30, unsigned int), as on x86-64 and arm64.
        let unlockRequest: UInt = 0x4004_5431, numberRequest: UInt = 0x8004_5430
        master = open("/dev/ptmx", O_RDWR | O_NOCTTY)
        var unlock: Int32 = 0, number: UInt32 = 0
        guard master >= 0, ioctl(master, unlockRequest, &unlock) == 0, ioctl(master, numberRequest, &number) == 0 else {
            let problem = String(cString: strerror(errno))
            if master >= 0 { Glibc.close(master) }
            throw BenchError("a pseudo-terminal: \(problem)")
        }
        var size = winsize(ws_row: rows, ws_col: columns, ws_xpixel: 0, ws_ypixel: 0)
        _ = ioctl(master, UInt(TIOCSWINSZ), &size)
        let terminal = open("/dev/pts/\(number)", O_RDWR | O_NOCTTY)
        guard terminal >= 0 else { throw BenchError("/dev/pts/\(number): \(String(cString: strerror(errno)))") }
        let reader = Thread { [master, shared] in Self.read(master, into: shared) }
        reader.start()
        var options = PlatformOptions()
        options.createSession = true
        let slave = FileDescriptor(rawValue: terminal)
        started = ContinuousClock.now
        run = Task { [shared] in
            do {
                _ = try await Subprocess.run(.path(FilePath(executable)), arguments: Arguments(arguments), environment: Program.environment(environment),
                                             platformOptions: options, input: .fileDescriptor(slave, closeAfterSpawningProcess: false),
                                             output: .fileDescriptor(slave, closeAfterSpawningProcess: false),
                                             error: .fileDescriptor(slave, closeAfterSpawningProcess: false)) { execution in
                    shared.processID.withLock { $0 = execution.processIdentifier.value }
                    // The program holds the terminal now: its end closes the last of it (the
                    // reader then sees the end).
                    Glibc.close(terminal)
                }
            } catch {
                // Never started: nothing else will close the terminal and end the reader.
                if shared.processID.withLock({ $0 }) == nil { Glibc.close(terminal) }
                throw error
            }
        }
    }

    /// Until the terminal's last holder is gone (EIO) or the master is closed.
    private static func read(_ master: Int32, into shared: Shared) {
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = buffer.withUnsafeMutableBytes { Glibc.read(master, $0.baseAddress, $0.count) }
            if count < 0, errno == EINTR { continue }
            guard count > 0 else { return }
            let at = ContinuousClock.now
            shared.received.withLock {
                $0.bytes += buffer[0..<count]
                $0.arrivals.append(Arrival(end: $0.bytes.count, at: at))
            }
        }
    }

    /// How many bytes the program has written so far.
    var count: Int { shared.received.withLock { $0.bytes.count } }

    /// Types `text`; the moment it was written to the terminal.
    func type(_ text: String) -> ContinuousClock.Instant {
        let at = ContinuousClock.now
        _ = Array(text.utf8).withUnsafeBytes { write(master, $0.baseAddress, $0.count) }
        return at
    }

    /// When the output after byte `offset` first held `text`: the arrival of its last byte.
    func arrival(of text: String, after offset: Int, timeout: Duration = .seconds(60)) async throws -> ContinuousClock.Instant {
        let pattern = Array(text.utf8)
        return try await poll("“\(text)” on the terminal", timeout: timeout) { received in
            guard received.bytes.count >= offset + pattern.count else { return nil }
            let tail = received.bytes[offset...]
            guard let start = tail.indices.first(where: { tail[$0...].starts(with: pattern) }) else { return nil }
            let end = start + pattern.count
            return received.arrivals.first { $0.end >= end }?.at
        }
    }

    /// When the first output after byte `offset` arrived.
    func firstOutput(after offset: Int, timeout: Duration = .seconds(60)) async throws -> ContinuousClock.Instant {
        try await poll("output", timeout: timeout) { received in received.arrivals.first { $0.end > offset }?.at }
    }

    /// Returns once nothing has arrived for `time` (the last frame is whole: a frame may come
    /// in more than one read).
    func quiet(for time: Duration = .milliseconds(30), timeout: Duration = .seconds(60)) async throws {
        _ = try await poll("pause in the output", timeout: timeout) { received in
            let last = received.arrivals.last?.at ?? started
            return ContinuousClock.now - last >= time ? last : nil
        }
    }

    /// The stamps are taken by the reader as bytes arrive: the checks' own pace does not enter them.
    private func poll(_ what: String, timeout: Duration,
                      _ found: (borrowing Received) -> ContinuousClock.Instant?) async throws -> ContinuousClock.Instant {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if let at = shared.received.withLock({ found($0) }) { return at }
            try await Task.sleep(for: .milliseconds(1))
        }
        throw BenchError("no \(what) within \(timeout)")
    }

    /// Ends the program (SIGTERM, then SIGKILL) and closes the terminal; a program that could
    /// not be started says so here.
    func close() async throws {
        // A program can print before its task has been told its process id.
        let known = ContinuousClock.now + .seconds(5)
        while shared.processID.withLock({ $0 }) == nil, ContinuousClock.now < known {
            try await Task.sleep(for: .milliseconds(1))
        }
        if let pid = shared.processID.withLock({ $0 }) {
            kill(pid, SIGTERM)
            let deadline = ContinuousClock.now + .seconds(5)
            while ContinuousClock.now < deadline, kill(pid, 0) == 0 {
                try? await Task.sleep(for: .milliseconds(10))
            }
            kill(pid, SIGKILL)
        }
        defer { Glibc.close(master) }
        try await run.value
    }
}
