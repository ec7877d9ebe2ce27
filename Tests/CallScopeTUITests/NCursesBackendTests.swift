import CNCursesW
import Testing
@testable import CallScopeTUI
#if canImport(Glibc)
import Glibc
#endif

/// The parts of the ncurses backend that run without a terminal. The rest (drawing, input,
/// resize, restore on every exit path) is checked in tmux; see the report.
@MainActor
@Suite("ncurses backend helpers")
struct NCursesBackendTests {
    init() {
        _ = setlocale(LC_CTYPE, "C.UTF-8")
    }

    @Test func cellCharactersGoAsBaseAndMarks() {
        var b = ScreenBuffer(rows: 1, columns: 8)
        b.put("q\u{0303}\u{0323}广", row: 0, col: 0)
        #expect(NCursesBackend.wideChars(for: b[0, 0]).map { UInt32(bitPattern: $0) } == [0x71, 0x323, 0x303, 0])
        #expect(NCursesBackend.wideChars(for: b[0, 1]).map { UInt32(bitPattern: $0) } == [0x5E7F, 0])
    }

    /// A character the C library does not know (assigned after its Unicode version) would make
    /// ncurses and us disagree about where the next cell is: the backend draws a placeholder.
    @Test func characterUnknownToTheCLibraryIsReplaced() throws {
        let newer: Unicode.Scalar = "\u{1FAE8}"  // SHAKING FACE, Unicode 15; glibc 2.36 knows Unicode 14
        try #require(cs_wcwidth(wchar_t(bitPattern: newer.value)) == -1, "this C library knows U+1FAE8: pick a newer character")
        var b = ScreenBuffer(rows: 1, columns: 4)
        b.put(String(newer), row: 0, col: 0)
        #expect(b[0, 0].width == 2)
        #expect(NCursesBackend.wideChars(for: b[0, 0]).isEmpty)
    }

    @Test func virtualBackendKeepsTheClipboard() {
        let backend = VirtualBackend()
        backend.copyToClipboard("https://example.com/rec.mp3\u{1B}]0;x\u{07}")
        #expect(backend.clipboard == "https://example.com/rec.mp3")
    }
}
