#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CNCursesW
import Foundation

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

    public private(set) var size: TerminalSize
    public let colorDepth: ColorDepth
    /// Whether the locale's character set is UTF-8 (false: non-ASCII text shows as `?`).
    public let isUTF8: Bool
    /// The terminal type ncurses uses.
    public let terminalName: String
    public let events: AsyncStream<TerminalEvent>
    public private(set) var isShutDown = false

    public var theme: Theme {
        didSet { resetColors() }
    }

    public var mouseEnabled: Bool {
        didSet { if mouseEnabled != oldValue { applyMouse() } }
    }

    private static var active = false

    private let screen: OpaquePointer
    private let continuation: AsyncStream<TerminalEvent>.Continuation
    private var watcher: InputWatcher?
    private var pump: Task<Void, Never>?
    private var lastFrame: ScreenBuffer?
    private var cursorVisible = false

    // Colour state.
    private let colors: Int
    private let colorPairs: Int
    private let directColor: Bool
    private var styleCache: [Style: (attrs: attr_t, pair: Int32)] = [:]
    private var pairCache: [PairKey: Int32] = [:]
    private var nextPair: Int32 = 1
    private var paletteSlots: [RGB: Int32] = [:]
    private var nextPaletteSlot: Int32 = 16
    private var changedPalette = false

    private struct PairKey: Hashable {
        var fg: Int32
        var bg: Int32
    }

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
        colors = Int(cs_COLORS())
        colorPairs = Int(cs_COLOR_PAIRS())
        directColor = colors >= 0x1000000
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

    // MARK: Colours

    private func resetColors() {
        styleCache = [:]
        pairCache = [:]
        nextPair = 1
        paletteSlots = [:]
        nextPaletteSlot = 16
        lastFrame = nil
    }

    private func resolved(_ style: Style) -> (attr_t, Int32) {
        if let hit = styleCache[style] { return hit }
        let r = theme.resolve(style, depth: colorDepth)
        var attrs = cs_A_NORMAL()
        if r.attributes.contains(.bold) { attrs |= cs_A_BOLD() }
        if r.attributes.contains(.dim) { attrs |= cs_A_DIM() }
        if r.attributes.contains(.italic) { attrs |= cs_A_ITALIC() }
        if r.attributes.contains(.underline) { attrs |= cs_A_UNDERLINE() }
        if r.attributes.contains(.reverse) { attrs |= cs_A_REVERSE() }
        var pair: Int32 = 0
        if colorDepth != .monochrome {
            let key = PairKey(fg: colorNumber(r.foreground), bg: colorNumber(r.background))
            if key.fg == -1 && key.bg == -1 {
                pair = 0
            } else if let p = pairCache[key] {
                pair = p
            } else if Int(nextPair) < colorPairs {
                if init_extended_pair(nextPair, key.fg, key.bg) != cs_ERR() {
                    pair = nextPair
                    pairCache[key] = nextPair
                    nextPair += 1
                }
            }
        }
        styleCache[style] = (attrs, pair)
        return (attrs, pair)
    }

    /// The ncurses colour number for a terminal colour: -1 for the default, a palette index,
    /// a packed 0xRRGGBB on direct-colour terminals, or a redefined palette slot (true colour
    /// on a 256-colour terminal that can change colours).
    private func colorNumber(_ color: TerminalColor) -> Int32 {
        switch color {
        case .terminalDefault:
            return -1
        case .indexed(let n):
            if directColor && n >= 8 { return packed(ColorDegrade.rgb(ofIndex: n)) }
            return Int32(n) < Int32(colors) ? Int32(n) : Int32(n % 8)
        case .rgb(let c):
            if directColor { return packed(c) }
            if let slot = paletteSlots[c] { return slot }
            if Int(nextPaletteSlot) < min(colors, 256), can_change_color() {
                // Round up: terminfo initc strings scale back down with a floor.
                let scale = { (v: UInt8) in Int32((Int(v) * 1000 + 254) / 255) }
                if init_extended_color(nextPaletteSlot, scale(c.r), scale(c.g), scale(c.b)) != cs_ERR() {
                    paletteSlots[c] = nextPaletteSlot
                    nextPaletteSlot += 1
                    if !changedPalette {
                        changedPalette = true
                        SignalSupport.arm(termios: emergencyState.pointee.savedTermios, restoreSequence: NCursesBackend.restoreSequence(paletteChanged: true))
                    }
                    return paletteSlots[c]!
                }
            }
            return Int32(ColorDegrade.nearest256(c))
        }
    }

    private func packed(_ c: RGB) -> Int32 {
        Int32(c.r) << 16 | Int32(c.g) << 8 | Int32(c.b)
    }

    // MARK: Mouse

    private func applyMouse() {
        guard !isShutDown else { return }
        if mouseEnabled {
            let mask = cs_BUTTON1_PRESSED() | cs_BUTTON2_PRESSED() | cs_BUTTON3_PRESSED()
                | cs_BUTTON4_PRESSED() | cs_BUTTON5_PRESSED()
            mousemask(mask, nil)
            mouseinterval(0)
        } else {
            mousemask(0, nil)
        }
    }

    private func readMouse() -> Key? {
        var y: Int32 = 0
        var x: Int32 = 0
        var bstate: UInt = 0
        guard cs_getmouse(&y, &x, &bstate) == cs_OK() else { return nil }
        let state = mmask_t(bstate)
        var mods: KeyModifiers = []
        if state & cs_BUTTON_SHIFT() != 0 { mods.insert(.shift) }
        if state & cs_BUTTON_CTRL() != 0 { mods.insert(.ctrl) }
        if state & cs_BUTTON_ALT() != 0 { mods.insert(.alt) }
        let kind: MouseEvent.Kind
        if state & cs_BUTTON4_PRESSED() != 0 {
            kind = .wheelUp
        } else if cs_BUTTON5_PRESSED() != 0, state & cs_BUTTON5_PRESSED() != 0 {
            kind = .wheelDown
        } else if state & (cs_BUTTON1_PRESSED() | cs_BUTTON1_CLICKED()) != 0 {
            kind = .press(1)
        } else if state & (cs_BUTTON2_PRESSED() | cs_BUTTON2_CLICKED()) != 0 {
            kind = .press(2)
        } else if state & (cs_BUTTON3_PRESSED() | cs_BUTTON3_CLICKED()) != 0 {
            kind = .press(3)
        } else if state & cs_BUTTON1_RELEASED() != 0 {
            kind = .release(1)
        } else {
            return nil
        }
        return .mouse(MouseEvent(kind, row: Int(y), column: Int(x), modifiers: mods))
    }

    // MARK: Input

    private func startWatcher() {
        let signalFD = SignalSupport.signalPipeReadFD()
        guard let watcher = InputWatcher(signalFD: signalFD) else { return }
        self.watcher = watcher
        let messages = watcher.messages
        pump = Task { @MainActor [weak self] in
            for await message in messages {
                guard let self, !self.isShutDown else { return }
                self.handle(message)
            }
        }
    }

    private func handle(_ message: WatcherMessage) {
        switch message {
        case .inputReady:
            if suspended { return }  // the child owns stdin; acknowledged when we resume
            drainInput()
            if !isShutDown { watcher?.acknowledge() }
        case .signal(let sig):
            switch sig {
            case SIGWINCH: if !suspended { handleResize() }
            case SIGTERM: continuation.yield(.signal(.terminate))
            case SIGINT: continuation.yield(.signal(.interrupt))
            case SIGHUP: continuation.yield(.signal(.hangup))
            default: break
            }
        case .hangup:
            continuation.yield(.signal(.hangup))
        }
    }

    /// Reads every pending key with non-blocking `wget_wch` until ERR.
    private func drainInput() {
        var count = 0
        while !isShutDown, count < 65536 {
            var wch: wint_t = 0
            let rc = wget_wch(cs_stdscr(), &wch)
            if rc == cs_ERR() { break }
            count += 1
            if rc == cs_KEY_CODE_YES() {
                let code = Int32(bitPattern: UInt32(wch))
                if code == cs_KEY_MOUSE() {
                    if let key = readMouse() { continuation.yield(.key(key)) }
                } else if code == cs_KEY_RESIZE() {
                    handleResize()
                } else {
                    let name = keyname(code).map { String(cString: $0) }
                    if let key = KeyDecoder.decode(keyCode: code, name: name) { continuation.yield(.key(key)) }
                }
            } else if let key = KeyDecoder.decode(character: UInt32(wch)) {
                continuation.yield(.key(key))
            }
        }
    }

    /// Reads the window size, tells ncurses, and reports `.resize` if it changed.
    private func handleResize() {
        guard !isShutDown else { return }
        var ws = winsize()
        guard ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &ws) == 0, ws.ws_row > 0, ws.ws_col > 0 else { return }
        let newSize = TerminalSize(rows: Int(ws.ws_row), columns: Int(ws.ws_col))
        guard newSize != size else { return }
        resizeterm(Int32(ws.ws_row), Int32(ws.ws_col))
        var rows: Int32 = 0
        var cols: Int32 = 0
        cs_getmaxyx(cs_stdscr(), &rows, &cols)
        size = TerminalSize(rows: Int(rows), columns: Int(cols))
        lastFrame = nil
        clearok(cs_curscr(), true)
        continuation.yield(.key(.resize))
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

    private var suspended = false

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
            return try await NCursesBackend.spawnAndWait(executable, arguments: arguments, environment: env)
        }
    }

    private static func spawnAndWait(_ executable: String, arguments: [String], environment: [String: String]) async throws -> Int32 {
        let argv: [UnsafeMutablePointer<CChar>?] = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp: [UnsafeMutablePointer<CChar>?] = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            for p in argv { free(p) }
            for p in envp { free(p) }
        }
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for sig in [SIGINT, SIGQUIT, SIGTERM, SIGHUP, SIGWINCH, SIGPIPE] { sigaddset(&defaults, sig) }
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        // The child starts with no signal blocked, whatever thread spawns it (pool threads of
        // the concurrency runtime block most signals).
        var noneBlocked = sigset_t()
        sigemptyset(&noneBlocked)
        posix_spawnattr_setsigmask(&attributes, &noneBlocked)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK))

        SignalSupport.ignoreInteractiveSignals(true)
        defer { SignalSupport.ignoreInteractiveSignals(false) }
        var pid: pid_t = 0
        let rc = posix_spawnp(&pid, executable, nil, &attributes, argv, envp)
        guard rc == 0 else { throw POSIXError(POSIXErrorCode(rawValue: rc) ?? .ENOENT) }
        let child = pid
        return await withCheckedContinuation { (continuation: CheckedContinuation<Int32, Never>) in
            let waiter = Thread {
                var status: Int32 = 0
                while waitpid(child, &status, 0) < 0 && errno == EINTR {}
                let exited = status & 0x7F == 0
                continuation.resume(returning: exited ? (status >> 8) & 0xFF : 128 + (status & 0x7F))
            }
            waiter.start()
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
