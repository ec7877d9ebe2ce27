#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Synchronization

// Process-wide signal handling and the emergency terminal restore.
//
// Signal handlers may only do async-signal-safe work. Everything a handler touches is set up
// on the MainActor *before* handlers are installed and before `emergencyArmed` is set, lives in
// memory allocated once and never freed (reached through global `let` pointers: no Swift
// exclusivity checks, no retain/release, no allocation), or is an `Atomic`. Handlers only call
// write(2), tcsetattr(3), sigaction(2), raise(3) and _exit(2).

/// State the handlers read. Written only while `emergencyArmed` is false (see `EmergencyRestore`).
struct EmergencyState {
    /// The terminal mode before ncurses started (restored with tcsetattr).
    var savedTermios = termios()
    /// Bytes that undo what ncurses set up: leave the alternate screen, show the cursor, reset
    /// attributes and colours, stop mouse reporting, leave keypad-transmit mode.
    var restoreBytes: (UnsafeMutablePointer<UInt8>, Int) = (UnsafeMutablePointer<UInt8>.allocate(capacity: 512), 0)
    /// Write end of the signal pipe (the input watcher reads it), -1 before it exists.
    var signalWriteFD: Int32 = -1
    var signalReadFD: Int32 = -1
}

/// One allocation for the whole process, never freed: signal handlers can read it at any time.
/// `nonisolated(unsafe)` is sound here: the pointer itself never changes after initialisation,
/// and the pointee is written only on the MainActor while `emergencyArmed` is false; handlers
/// read it only after an acquiring exchange of `emergencyArmed` returned true (or read the
/// signal pipe's fd, which is written once before any handler is installed).
nonisolated(unsafe) let emergencyState: UnsafeMutablePointer<EmergencyState> = {
    let p = UnsafeMutablePointer<EmergencyState>.allocate(capacity: 1)
    p.initialize(to: EmergencyState())
    return p
}()

/// The actions that were installed before ours, indexed by signal number, to restore and chain.
/// `nonisolated(unsafe)`: written only by `SignalSupport.install()` on the MainActor, before
/// our handler for that signal exists; read by that handler afterwards.
nonisolated(unsafe) let previousSignalActions: UnsafeMutablePointer<sigaction> = {
    let p = UnsafeMutablePointer<sigaction>.allocate(capacity: 65)
    p.initialize(repeating: sigaction(), count: 65)
    return p
}()

/// True while a terminal is in curses mode and the emergency state describes how to undo it.
let emergencyArmed = Atomic<Bool>(false)
/// Stop requests (SIGTERM/SIGINT/SIGHUP) since the backend started; the second one forces exit.
let stopRequests = Atomic<Int>(0)
/// Whether atexit() has our hook already.
let atexitRegistered = Atomic<Bool>(false)

/// Signals that ask the program to stop or tell it the window changed: forwarded to the input
/// watcher through the signal pipe.
let forwardedSignals: [Int32] = [SIGWINCH, SIGTERM, SIGINT, SIGHUP]
/// Signals that end the program abnormally: the handler restores the terminal, then lets the
/// previous handler (the Swift runtime's backtracer, or the default action) take over.
let crashSignals: [Int32] = [SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT, SIGTRAP, SIGQUIT]

/// Restores the terminal from a signal handler, an atexit hook or anywhere ncurses cannot be
/// used. Async-signal-safe. Does nothing unless armed; disarms, so it runs at most once.
func emergencyRestoreTerminal() {
    guard emergencyArmed.exchange(false, ordering: .acquiringAndReleasing) else { return }
    let (bytes, count) = emergencyState.pointee.restoreBytes
    if count > 0 { _ = write(STDOUT_FILENO, bytes, count) }
    withUnsafeMutablePointer(to: &emergencyState.pointee.savedTermios) { t in
        _ = tcsetattr(STDIN_FILENO, TCSANOW, t)
    }
}

private func forwardSignal(_ sig: Int32) {
    let savedErrno = errno
    defer { errno = savedErrno }
    if sig != SIGWINCH {
        let previous = stopRequests.wrappingAdd(1, ordering: .relaxed).oldValue
        if previous >= 1 {
            // Asked twice: the app did not stop. Restore and leave now.
            emergencyRestoreTerminal()
            _exit(128 + sig)
        }
    }
    let fd = emergencyState.pointee.signalWriteFD
    if fd >= 0 {
        var byte = UInt8(truncatingIfNeeded: sig)
        _ = write(fd, &byte, 1)
    }
}

private func crashSignal(_ sig: Int32) {
    emergencyRestoreTerminal()
    // Put back whatever handled this signal before us (the Swift backtracer, or SIG_DFL).
    _ = sigaction(sig, previousSignalActions.advanced(by: Int(sig)), nil)
    switch sig {
    case SIGSEGV, SIGBUS, SIGILL, SIGFPE:
        return  // the faulting instruction runs again and faults into the previous handler
    default:
        _ = raise(sig)  // pending until we return, then delivered to the previous handler
    }
}

private func atexitHook() {
    emergencyRestoreTerminal()
}

/// Installs and removes the handlers. MainActor only.
@MainActor
enum SignalSupport {
    private static var installed = false

    /// Creates the signal pipe (once per process) and returns its read end.
    static func signalPipeReadFD() -> Int32 {
        let state = emergencyState
        if state.pointee.signalReadFD >= 0 { return state.pointee.signalReadFD }
        var fds: [Int32] = [-1, -1]
        guard pipe(&fds) == 0 else { return -1 }
        for fd in fds {
            _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
            _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
        }
        state.pointee.signalReadFD = fds[0]
        state.pointee.signalWriteFD = fds[1]
        return fds[0]
    }

    static func install() {
        guard !installed else { return }
        installed = true
        _ = emergencyState  // make sure the lazy globals exist before any handler runs
        _ = previousSignalActions
        _ = stopRequests.load(ordering: .relaxed)
        _ = emergencyArmed.load(ordering: .relaxed)
        stopRequests.store(0, ordering: .relaxed)
        _ = signalPipeReadFD()
        for sig in forwardedSignals {
            var action = sigaction()
            action.__sigaction_handler.sa_handler = { forwardSignal($0) }
            sigemptyset(&action.sa_mask)
            action.sa_flags = SA_RESTART
            _ = sigaction(sig, &action, previousSignalActions.advanced(by: Int(sig)))
        }
        for sig in crashSignals {
            var action = sigaction()
            action.__sigaction_handler.sa_handler = { crashSignal($0) }
            sigemptyset(&action.sa_mask)
            action.sa_flags = SA_ONSTACK
            _ = sigaction(sig, &action, previousSignalActions.advanced(by: Int(sig)))
        }
        if !atexitRegistered.exchange(true, ordering: .relaxed) {
            atexit { atexitHook() }
        }
    }

    static func uninstall() {
        guard installed else { return }
        installed = false
        for sig in forwardedSignals + crashSignals {
            _ = sigaction(sig, previousSignalActions.advanced(by: Int(sig)), nil)
        }
    }

    /// While an interactive child runs in the foreground: ignore SIGINT and SIGQUIT (typed at
    /// the child), then put our handlers back.
    static func ignoreInteractiveSignals(_ ignore: Bool) {
        guard installed else { return }
        for sig in [SIGINT, SIGQUIT] {
            var action = sigaction()
            if ignore {
                action.__sigaction_handler.sa_handler = SIG_IGN
            } else if sig == SIGINT {
                action.__sigaction_handler.sa_handler = { forwardSignal($0) }
                action.sa_flags = SA_RESTART
            } else {
                action.__sigaction_handler.sa_handler = { crashSignal($0) }
                action.sa_flags = SA_ONSTACK
            }
            sigemptyset(&action.sa_mask)
            _ = sigaction(sig, &action, nil)
        }
    }

    /// Records how to undo curses mode, then arms the emergency restore.
    static func arm(termios saved: termios, restoreSequence: [UInt8]) {
        emergencyArmed.store(false, ordering: .releasing)
        let state = emergencyState
        state.pointee.savedTermios = saved
        let (buffer, _) = state.pointee.restoreBytes
        let count = min(restoreSequence.count, 512)
        for i in 0..<count { buffer[i] = restoreSequence[i] }
        state.pointee.restoreBytes = (buffer, count)
        emergencyArmed.store(true, ordering: .releasing)
    }

    /// Disarms (the backend is restoring the terminal itself). Returns false if a handler
    /// already restored it.
    @discardableResult
    static func disarm() -> Bool {
        emergencyArmed.exchange(false, ordering: .acquiringAndReleasing)
    }
}
