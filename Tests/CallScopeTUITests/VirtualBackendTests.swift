import Testing
@testable import CallScopeTUI

@MainActor
@Suite("Virtual backend")
struct VirtualBackendTests {
    @Test func presentsAndTracksChangedRows() {
        let backend = VirtualBackend(size: TerminalSize(rows: 3, columns: 10))
        var frame = ScreenBuffer(size: backend.size)
        frame.put("hello", row: 0, col: 0)
        backend.present(frame)
        #expect(backend.lastChangedRows == [0, 1, 2])  // first frame: everything
        frame.put("广东", row: 2, col: 0)
        backend.present(frame)
        #expect(backend.lastChangedRows == [2])
        #expect(backend.screen.text == "hello\n\n广东")
        backend.present(frame)
        #expect(backend.lastChangedRows == [])
        backend.invalidate()
        backend.present(frame)
        #expect(backend.lastChangedRows == [0, 1, 2])
    }

    @Test func keysAndResizesArriveInOrder() async {
        let backend = VirtualBackend(size: TerminalSize(rows: 24, columns: 80))
        backend.send(names: ["j", "ctrl-d", "pgdn", "?"])
        backend.resize(to: TerminalSize(rows: 30, columns: 100))
        backend.send(.terminate)
        backend.shutdown()
        var events: [TerminalEvent] = []
        for await e in backend.events { events.append(e) }
        #expect(events == [
            .key(.char("j")), .key(.ctrl("d")), .key(.pageDown), .key(.char("?")), .key(.resize), .signal(.terminate),
        ])
        #expect(backend.size == TerminalSize(rows: 30, columns: 100))
    }

    @Test func aBufferOfTheOldSizeIsFitted() {
        let backend = VirtualBackend(size: TerminalSize(rows: 2, columns: 4))
        var frame = ScreenBuffer(rows: 3, columns: 6)
        frame.put("abc广x", row: 0, col: 0)
        frame.put("zz", row: 2, col: 0)
        backend.present(frame)
        #expect(backend.screen.lines == ["abc", ""])
    }

    @Test func resolvesStylesThroughTheTheme() throws {
        let backend = VirtualBackend(size: TerminalSize(rows: 1, columns: 4), colorDepth: .ansi16)
        var frame = ScreenBuffer(size: backend.size)
        frame.put("err", row: 0, col: 0, style: Style(.error))
        backend.present(frame)
        #expect(backend.resolvedStyle(row: 0, column: 0) == ResolvedStyle(foreground: .indexed(15), background: .indexed(1), attributes: .bold))
        backend.theme = try #require(try ThemeLoader.builtin(named: "mono"))
        #expect(backend.resolvedStyle(row: 0, column: 0).attributes == [.reverse, .bold])
    }
}
