import CallScopeText
/// A terminal in memory, for tests and snapshots: keeps the last presented grid, lets a test
/// type keys and resize, and resolves styles with the same theme code as the real backend.
@MainActor
public final class VirtualBackend: TerminalBackend {
    public private(set) var size: TerminalSize
    public var colorDepth: ColorDepth
    public var theme: Theme
    public var mouseEnabled: Bool = true
    /// What the screen shows now (the last presented buffer, fitted to `size`).
    public private(set) var screen: ScreenBuffer
    /// How many times `present` was called, and how many rows the last one changed.
    public private(set) var presentCount = 0
    public private(set) var lastChangedRows: [Int] = []
    public private(set) var isShutDown = false

    public let events: AsyncStream<TerminalEvent>
    private let continuation: AsyncStream<TerminalEvent>.Continuation
    private var repaintAll = true

    public init(size: TerminalSize = TerminalSize(rows: 24, columns: 80), colorDepth: ColorDepth = .trueColor, theme: Theme = ThemeLoader.defaultTheme) {
        self.size = size
        self.colorDepth = colorDepth
        self.theme = theme
        self.screen = ScreenBuffer(size: size)
        (events, continuation) = AsyncStream.makeStream(of: TerminalEvent.self)
    }

    public func present(_ buffer: ScreenBuffer) {
        presentCount += 1
        let fitted = buffer.size == size ? buffer : buffer.resized(to: size)
        lastChangedRows = (0..<size.rows).filter { repaintAll || fitted.row($0) != screen.row($0) }
        repaintAll = false
        screen = fitted
    }

    public func invalidate() { repaintAll = true }

    /// What `copyToClipboard` was last given.
    public private(set) var clipboard: String?

    public func copyToClipboard(_ text: String) { clipboard = Sanitizer.clipboardText(text) }

    /// The colours and attributes a cell would be drawn with.
    public func resolvedStyle(row: Int, column: Int) -> ResolvedStyle {
        theme.resolve(screen[row, column].style, depth: colorDepth)
    }

    /// Types a key (as if from the keyboard).
    public func send(_ key: Key) {
        continuation.yield(.key(key))
    }

    /// Types each key name in order ("j", "ctrl-d", "enter"); a name that is not a key traps.
    public func send(names: [String]) {
        for name in names {
            guard let key = Key(name: name) else { preconditionFailure("not a key name: \(name)") }
            send(key)
        }
    }

    /// Simulates a signal from outside.
    public func send(_ signal: TerminalSignal) {
        continuation.yield(.signal(signal))
    }

    /// Resizes the terminal and sends `.resize`, as SIGWINCH would.
    public func resize(to newSize: TerminalSize) {
        size = newSize
        screen = ScreenBuffer(size: newSize)
        repaintAll = true
        continuation.yield(.key(.resize))
    }

    public func shutdown() {
        guard !isShutDown else { return }
        isShutDown = true
        continuation.finish()
    }
}
