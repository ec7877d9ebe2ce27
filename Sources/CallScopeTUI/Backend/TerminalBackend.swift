import CallScopeText
/// A signal from outside asking the program to stop. Ctrl-C typed at the keyboard is *not* a
/// signal here: in raw mode it arrives as the key `.ctrl("c")`.
public enum TerminalSignal: Hashable, Sendable {
    /// SIGTERM.
    case terminate
    /// SIGHUP, or the terminal went away (stdin closed).
    case hangup
    /// SIGINT sent by `kill`.
    case interrupt
}

/// What the app's loop receives from a backend, in order.
public enum TerminalEvent: Hashable, Sendable {
    case key(Key)
    /// The program should end: shut the backend down and exit. A second SIGTERM/SIGINT/SIGHUP
    /// before that restores the terminal and exits at once.
    case signal(TerminalSignal)
}

/// Where a screen goes: the real terminal (`NCursesBackend`) or a grid in memory for tests
/// (`VirtualBackend`). Used from the MainActor only (ncurses is single-threaded).
@MainActor
public protocol TerminalBackend: AnyObject {
    /// The terminal's size now. Render a `ScreenBuffer` of this size.
    var size: TerminalSize { get }
    /// How many colours the terminal shows (after NO_COLOR and overrides).
    var colorDepth: ColorDepth { get }
    /// The theme used to turn cell styles into colours. Setting it repaints on the next `present`.
    var theme: Theme { get set }
    /// Mouse clicks and wheel on or off (off leaves the terminal's own text selection working).
    var mouseEnabled: Bool { get set }
    /// Shows `buffer`. Only rows that changed since the last `present` are sent (the ncurses
    /// backend also lets ncurses diff them). A buffer of another size is clipped or padded.
    func present(_ buffer: ScreenBuffer)
    /// Makes the next `present` repaint everything (Ctrl-L).
    func invalidate()
    /// Keys, resizes and signals, in order. Finishes after `shutdown()`.
    var events: AsyncStream<TerminalEvent> { get }
    /// Puts `text` on the system clipboard with OSC 52 (works over SSH where the terminal
    /// allows it; tmux needs `set-clipboard on` or `external`). The text is cleaned with
    /// `Sanitizer.clipboardText` (no escapes or hidden controls to paste into a shell) and goes
    /// base64-encoded, so nothing in it reaches the terminal as a control sequence.
    func copyToClipboard(_ text: String)
    /// Restores the terminal. Idempotent; call it on every exit path.
    func shutdown()
}
