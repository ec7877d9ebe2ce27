#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CNCursesW
import Foundation

/// The backend's input: mouse reporting, the keys ncurses reads once the poll(2) watcher says
/// stdin is ready, resizes and signals (all on the main actor; the watcher never touches ncurses).
extension NCursesBackend {
    // MARK: Mouse

    func applyMouse() {
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

    func readMouse() -> Key? {
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

    func startWatcher() {
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

    func handle(_ message: WatcherMessage) {
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
    func drainInput() {
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
    func handleResize() {
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
}
