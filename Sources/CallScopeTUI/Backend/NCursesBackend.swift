#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CNCursesW
import Foundation
import CallScopeText

/// Why the terminal could not be set up.
public enum TerminalError: Error, CustomStringConvertible, Equatable {
    /// stdin or stdout is not a terminal (piped, redirected, no tty).
    case notATerminal
    /// ncurses does not know `$TERM`.
    case unknownTerminal(String)
    /// Another `NCursesBackend` is running (ncurses has one screen per process).
    case alreadyActive

    public var description: String {
        switch self {
        case .notATerminal: return "callscope's screen needs a terminal on stdin and stdout"
        case .unknownTerminal(let term): return "unknown terminal type TERM=\(term.isEmpty ? "(unset)" : term); try TERM=xterm-256color"
        case .alreadyActive: return "the terminal is already in use by another screen"
        }
    }
}

/// The real terminal, through wide-character ncurses.
///
/// - All ncurses calls happen on the MainActor. A watcher thread polls stdin and a signal pipe
///   and only reports readiness; the MainActor then reads keys with non-blocking `wget_wch`
///   until ERR.
/// - Raw mode (Ctrl-C, Ctrl-S, Ctrl-Z arrive as keys), no echo, keypad on, ESCDELAY 25 ms.
/// - Colours: `ColorDepth.detect` (NO_COLOR, COLORTERM, COLORS, can_change_color,
///   CALLSCOPE_COLORS); pairs allocated on demand; terminal default colours kept.
/// - Resize: our SIGWINCH handler wakes the watcher; the MainActor calls `resizeterm` and emits
///   `.key(.resize)`.
/// - Exit: `shutdown()` calls `endwin` exactly once (idempotent). SIGTERM/SIGINT/SIGHUP arrive
///   as `.signal`; a second one, a crash signal, or `exit()` while still running restore the
///   terminal from the signal handler / atexit hook with the terminfo strings captured at start.
@MainActor
public final class NCursesBackend: TerminalBackend {
    public struct Options: Sendable {
        /// Report mouse clicks and wheel (the user can still select text with Shift held).
        public var mouse: Bool
        /// Milliseconds ncurses waits after ESC for the rest of an escape sequence.
        public var escapeDelay: Int
        /// The theme; can be changed later through `theme`.
        public var theme: Theme
        /// Environment used for colour detection (NO_COLOR, COLORTERM, CALLSCOPE_COLORS).
        public var environment: [String: String]
        /// If the locale from the environment is not UTF-8 (LANG unset over SSH is common), use
        /// C.UTF-8 for the character type so Vietnamese and Chinese can be shown at all.
        public var forceUTF8: Bool

        public init(
            mouse: Bool = true, escapeDelay: Int = 25, theme: Theme = ThemeLoader.defaultTheme,
            environment: [String: String] = ProcessInfo.processInfo.environment, forceUTF8: Bool = true
        ) {
            self.mouse = mouse
            self.escapeDelay = escapeDelay
            self.theme = theme
            self.environment = environment
            self.forceUTF8 = forceUTF8
        }
    }

    public internal(set) var size: TerminalSize
    public let colorDepth: ColorDepth
    /// Whether the locale's character set is UTF-8 (false: non-ASCII text shows as `?`).
    public let isUTF8: Bool
    /// The terminal type ncurses uses.
    public let terminalName: String
    public let events: AsyncStream<TerminalEvent>
    public private(set) var isShutDown = false

    public var theme: Theme {
        didSet {
            colors.reset()
            lastFrame = nil
        }
    }

    public var mouseEnabled: Bool {
        didSet { if mouseEnabled != oldValue { applyMouse() } }
    }

    private static var active = false

    private let screen: OpaquePointer
    let continuation: AsyncStream<TerminalEvent>.Continuation
    var watcher: InputWatcher?
    var pump: Task<Void, Never>?
    var lastFrame: ScreenBuffer?
    private var cursorVisible = false

    private var colors: NCursesColors

    /// Starts curses mode. Throws if stdin/stdout are not a terminal or `$TERM` is unknown.
    public init(options: Options = Options()) throws {
        guard !NCursesBackend.active else { throw TerminalError.alreadyActive }
        guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else { throw TerminalError.notATerminal }

        // Locale first: ncursesw decides at start-up how to encode characters.
        setlocale(cs_LC_ALL(), "")
        var utf8 = NCursesBackend.codesetIsUTF8()
        if !utf8 && options.forceUTF8 {
            for candidate in ["C.UTF-8", "C.utf8", "en_US.UTF-8"] where setlocale(cs_LC_CTYPE(), candidate) != nil {
                if NCursesBackend.codesetIsUTF8() { utf8 = true; break }
            }
        }
        isUTF8 = utf8

        var saved = termios()
        _ = tcgetattr(STDIN_FILENO, &saved)

        // Our handlers go in before ncurses starts, so ncurses does not install its own for
        // SIGWINCH/SIGINT/SIGTERM (it only takes signals whose action is still the default).
        SignalSupport.install()

        let term = options.environment["TERM"] ?? ""
        guard let screen = newterm(nil, cs_stdout(), cs_stdin()) else {
            SignalSupport.uninstall()
            throw TerminalError.unknownTerminal(term)
        }
        self.screen = screen
        terminalName = term
        NCursesBackend.active = true

        raw()
        noecho()
        nonl()
        intrflush(cs_stdscr(), false)
        keypad(cs_stdscr(), true)
        nodelay(cs_stdscr(), true)
        // A frame goes out in one write: ncurses would otherwise poll the keyboard between
        // lines of an update and flush each part on its own (dozens of small writes a frame,
        // and over SSH as many packets); our frames are small enough not to need interrupting.
        typeahead(-1)
        cs_set_escdelay(Int32(max(0, options.escapeDelay)))
        curs_set(0)

        var depth = ColorDepth.monochrome
        if has_colors() {
            start_color()
            use_default_colors()
            depth = ColorDepth.detect(
                hasColors: true, colors: Int(cs_COLORS()), canChangeColor: can_change_color(),
                environment: options.environment)
            if depth == .trueColor, cs_COLORS() < 0x1000000, !can_change_color() { depth = .ansi256 }
        } else {
            depth = .monochrome
        }
        colorDepth = depth
        colors = NCursesColors()
        theme = options.theme
        mouseEnabled = options.mouse

        var rows: Int32 = 0
        var cols: Int32 = 0
        cs_getmaxyx(cs_stdscr(), &rows, &cols)
        size = TerminalSize(rows: Int(rows), columns: Int(cols))

        (events, continuation) = AsyncStream.makeStream(of: TerminalEvent.self)

        applyMouse()
        SignalSupport.arm(termios: saved, restoreSequence: NCursesBackend.restoreSequence(paletteChanged: false))
        startWatcher()
    }

    /// Runs `body` with a started backend and shuts it down afterwards, whether `body` returns
    /// or throws.
    public static func run<T>(options: Options = Options(), _ body: (NCursesBackend) async throws -> T) async throws -> T {
        let backend = try NCursesBackend(options: options)
        do {
            let result = try await body(backend)
            backend.shutdown()
            return result
        } catch {
            backend.shutdown()
            throw error
        }
    }

    isolated deinit {
        shutdown()
    }

    // MARK: Drawing

    public func present(_ buffer: ScreenBuffer) {
        guard !isShutDown else { return }
        let frame = buffer.size == size ? buffer : buffer.resized(to: size)
        let previous = lastFrame
        for r in 0..<frame.rows {
            if let previous, previous.size == frame.size, previous.row(r) == frame.row(r) { continue }
            drawRow(frame, r)
        }
        lastFrame = frame
        if let cursor = frame.cursor, frame.contains(row: cursor.row, column: cursor.column) {
            if !cursorVisible { curs_set(1); cursorVisible = true }
            wmove(cs_stdscr(), Int32(cursor.row), Int32(cursor.column))
        } else if cursorVisible {
            curs_set(0)
            cursorVisible = false
        }
        wnoutrefresh(cs_stdscr())
        doupdate()
    }

    public func invalidate() {
        guard !isShutDown else { return }
        lastFrame = nil
        clearok(cs_curscr(), true)
    }

    private func drawRow(_ frame: ScreenBuffer, _ r: Int) {
        var c = 0
        let y = Int32(r)
        while c < frame.columns {
            let cell = frame[r, c]
            if cell.isContinuation { c += 1; continue }
            let (attrs, pair) = resolved(cell.style)
            drawCell(cell, y: y, x: Int32(c), attrs: attrs, pair: pair)
            c += max(1, cell.width)
        }
    }

    private static let acsLetters: [Character: CChar] = [
        "─": CChar(UInt8(ascii: "q")), "│": CChar(UInt8(ascii: "x")), "┌": CChar(UInt8(ascii: "l")),
        "┐": CChar(UInt8(ascii: "k")), "└": CChar(UInt8(ascii: "m")), "┘": CChar(UInt8(ascii: "j")),
        "├": CChar(UInt8(ascii: "t")), "┤": CChar(UInt8(ascii: "u")), "┬": CChar(UInt8(ascii: "w")),
        "┴": CChar(UInt8(ascii: "v")), "┼": CChar(UInt8(ascii: "n")),
    ]

    private func drawCell(_ cell: Cell, y: Int32, x: Int32, attrs: attr_t, pair: Int32) {
        if cell.width == 1, cell.text.utf8.count == 3, let first = cell.text.first, let letter = Self.acsLetters[first] {
            if cs_mvadd_wacs(y, x, letter, attrs, pair) != cs_ERR() { return }
        }
        var chars = NCursesBackend.wideChars(for: cell)
        if chars.isEmpty {
            // The C library disagrees with our width for this character: draw a placeholder
            // of our width so nothing after it shifts.
            chars = [wchar_t(0xFFFD), 0]
            _ = cs_mvadd_cell(y, x, chars, attrs, pair)
            if cell.width == 2 {
                _ = cs_mvadd_cell(y, x + 1, [wchar_t(0x20), 0], attrs, pair)
            }
            return
        }
        _ = cs_mvadd_cell(y, x, chars, attrs, pair)
    }

    /// The cell's characters as wchar_t, NUL-terminated: the base character (whose C library
    /// width must equal the cell's width) and the zero-width characters after it that the C
    /// library also sees as zero-width. Empty if the base's widths disagree.
    static func wideChars(for cell: Cell) -> [wchar_t] {
        var result: [wchar_t] = []
        for (i, s) in cell.text.unicodeScalars.enumerated() {
            let w = cs_wcwidth(wchar_t(bitPattern: s.value))
            if i == 0 {
                guard Int(w) == cell.width else { return [] }
                result.append(wchar_t(bitPattern: s.value))
            } else if w == 0, result.count < Int(cs_CCHARW_MAX()) {
                result.append(wchar_t(bitPattern: s.value))
            }
        }
        result.append(0)
        return result
    }

    private func resolved(_ style: Style) -> (attr_t, Int32) {
        let hadChangedPalette = colors.changedPalette
        let resolved = colors.resolved(style, theme: theme, depth: colorDepth)
        if colors.changedPalette && !hadChangedPalette {
            // From now on an emergency exit must give the terminal its colours back too.
            SignalSupport.arm(termios: emergencyState.pointee.savedTermios, restoreSequence: NCursesBackend.restoreSequence(paletteChanged: true))
        }
        return resolved
    }

    // MARK: Clipboard and suspension

    public func copyToClipboard(_ text: String) {
        guard !isShutDown, !suspended else { return }
        // Flush ncurses' own output first so the sequence does not land inside a half-drawn frame.
        doupdate()
        fflush(cs_stdout())
        let payload = Data(Sanitizer.clipboardText(text).utf8).base64EncodedString()
        let sequence = "\u{1B}]52;c;" + payload + "\u{07}"
        let bytes = Array(sequence.utf8)
        var offset = 0
        while offset < bytes.count {
            let n = bytes[offset...].withUnsafeBufferPointer { write(STDOUT_FILENO, $0.baseAddress, $0.count) }
            if n <= 0 { break }
            offset += n
        }
    }

    var suspended = false

    /// Leaves curses mode while `body` runs, then comes back and repaints on the next `present`.
    /// Keys typed meanwhile belong to whoever reads the terminal: the backend does not read stdin
    /// until `body` returns. To run an interactive program (an editor, a pager, a terminal
    /// browser) use `runInteractive`: Foundation's `Process` starts children in a new process
    /// group, which the terminal stops (SIGTTIN) as soon as they read from it.
    public func withSuspendedTerminal<T>(_ body: () async throws -> T) async rethrows -> T {
        guard !isShutDown, !suspended else { return try await body() }
        suspended = true
        if mouseEnabled { mousemask(0, nil) }
        def_prog_mode()
        endwin()
        fflush(cs_stdout())
        defer {
            reset_prog_mode()
            suspended = false
            applyMouse()
            lastFrame = nil
            clearok(cs_curscr(), true)
            handleResize()  // the window may have changed size meanwhile
            watcher?.acknowledge()  // read stdin again
        }
        return try await body()
    }

    /// Runs an interactive program on the terminal (e.g. `$EDITOR` on a note, `$PAGER` on raw
    /// data, a terminal browser) and waits for it: curses mode is left while it runs, the child
    /// is in the terminal's foreground process group, and Ctrl-C/Ctrl-\ typed at it go to the
    /// child only (this process ignores SIGINT and SIGQUIT meanwhile, as system(3) does).
    /// Returns the child's exit status (128 + signal if it was killed). `executable` is looked
    /// up in PATH if it has no "/".
    public func runInteractive(_ executable: String, arguments: [String] = [], environment: [String: String]? = nil) async throws -> Int32 {
        try await withSuspendedTerminal {
            let env = environment ?? ProcessInfo.processInfo.environment
            return try await InteractiveChild.run(executable, arguments: arguments, environment: env)
        }
    }

    // MARK: Shutdown

    public func shutdown() {
        guard !isShutDown else { return }
        isShutDown = true
        let wasArmed = SignalSupport.disarm()
        watcher?.stop()
        watcher = nil
        pump?.cancel()
        pump = nil
        if wasArmed {
            if mouseEnabled { mousemask(0, nil) }
            curs_set(1)
            endwin()  // the one call; restores the shell's tty mode and leaves the alternate screen
            fflush(cs_stdout())
            delscreen(screen)
            var t = emergencyState.pointee.savedTermios
            _ = tcsetattr(STDIN_FILENO, TCSANOW, &t)
        }
        SignalSupport.uninstall()
        NCursesBackend.active = false
        continuation.finish()
    }

    // MARK: Helpers

    private static func codesetIsUTF8() -> Bool {
        guard let cs = cs_codeset() else { return false }
        let name = String(cString: cs).uppercased()
        return name == "UTF-8" || name == "UTF8"
    }

    /// Bytes that undo curses mode without ncurses (for signal handlers and atexit).
    static func restoreSequence(paletteChanged: Bool) -> [UInt8] {
        var bytes: [UInt8] = Array("\u{1B}[?1000l\u{1B}[?1002l\u{1B}[?1003l\u{1B}[?1006l".utf8)
        var caps = ["sgr0", "op", "cnorm", "rmkx", "rmcup"]
        if paletteChanged { caps.insert("oc", at: 1) }
        for cap in caps {
            if let s = cs_tigetstr(cap) {
                // Skip padding specs like $<5> (only meaningful to tputs).
                var text = String(cString: s)
                while let start = text.range(of: "$<"), let end = text[start.upperBound...].firstIndex(of: ">") {
                    text.removeSubrange(start.lowerBound...end)
                }
                bytes += Array(text.utf8)
            }
        }
        bytes += Array("\r\n".utf8)
        return bytes
    }
}
