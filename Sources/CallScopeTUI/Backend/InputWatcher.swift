#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// What the watcher thread reports to the MainActor.
enum WatcherMessage: Sendable {
    /// stdin has bytes: read them with non-blocking `wget_wch` until ERR, then `acknowledge()`.
    case inputReady
    /// A forwarded signal arrived (SIGWINCH, SIGTERM, SIGINT, SIGHUP).
    case signal(Int32)
    /// stdin closed or failed (the terminal went away).
    case hangup
}

/// A thread that waits in poll(2) for stdin, the signal pipe and its own control pipe. It never
/// calls ncurses: it only reports readiness. After reporting `.inputReady` it stops watching
/// stdin until the MainActor has drained it and called `acknowledge()` (otherwise poll would spin
/// on the same bytes).
final class InputWatcher: Sendable {
    let messages: AsyncStream<WatcherMessage>
    private let controlWrite: Int32

    /// Starts the thread. `signalFD` is the read end of the signal pipe.
    init?(inputFD: Int32 = STDIN_FILENO, signalFD: Int32) {
        var fds: [Int32] = [-1, -1]
        guard pipe(&fds) == 0 else { return nil }
        for fd in fds { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
        let controlRead = fds[0]
        controlWrite = fds[1]
        let (stream, continuation) = AsyncStream.makeStream(of: WatcherMessage.self)
        messages = stream
        let thread = Thread {
            InputWatcher.run(inputFD: inputFD, signalFD: signalFD, controlFD: controlRead, continuation: continuation)
        }
        thread.name = "callscope.input-watcher"
        thread.start()
    }

    /// The MainActor has read everything: watch stdin again.
    func acknowledge() {
        var byte: UInt8 = UInt8(ascii: "a")
        _ = write(controlWrite, &byte, 1)
    }

    /// Ends the thread (it closes its end of the control pipe and finishes `messages`).
    func stop() {
        var byte: UInt8 = UInt8(ascii: "q")
        _ = write(controlWrite, &byte, 1)
        close(controlWrite)
    }

    private static func run(inputFD: Int32, signalFD: Int32, controlFD: Int32, continuation: AsyncStream<WatcherMessage>.Continuation) {
        defer {
            close(controlFD)
            continuation.finish()
        }
        var waitingForDrain = false
        var inputOpen = true
        var buffer = [UInt8](repeating: 0, count: 64)
        while true {
            var fds = [
                pollfd(fd: signalFD, events: Int16(POLLIN), revents: 0),
                pollfd(fd: controlFD, events: Int16(POLLIN), revents: 0),
            ]
            if inputOpen && !waitingForDrain {
                fds.append(pollfd(fd: inputFD, events: Int16(POLLIN), revents: 0))
            }
            let rc = poll(&fds, nfds_t(fds.count), -1)
            if rc < 0 {
                if errno == EINTR { continue }
                return
            }
            if fds[0].revents & Int16(POLLIN) != 0 {
                let n = read(signalFD, &buffer, buffer.count)
                if n > 0 {
                    for i in 0..<n { continuation.yield(.signal(Int32(buffer[i]))) }
                }
            }
            if fds[1].revents != 0 {
                let n = read(controlFD, &buffer, buffer.count)
                if n <= 0 { return }
                for i in 0..<n {
                    if buffer[i] == UInt8(ascii: "q") { return }
                    if buffer[i] == UInt8(ascii: "a") { waitingForDrain = false }
                }
            }
            if fds.count > 2 {
                let r = fds[2].revents
                // A terminal that hung up (an SSH connection dropped) also reads as ready, and
                // reading gives nothing, forever: the hangup comes first.
                if r & Int16(POLLHUP | POLLERR | POLLNVAL) != 0 {
                    inputOpen = false
                    continuation.yield(.hangup)
                } else if r & Int16(POLLIN) != 0 {
                    waitingForDrain = true
                    continuation.yield(.inputReady)
                }
            }
        }
    }
}
