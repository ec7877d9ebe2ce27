import CallScopeKit
import CallScopeStore
import Foundation
import Testing
@testable import CallScopeTUI
@testable import CallScopeText

/// Every screen at 80×24 (PuTTY) and 160×48 (a wide tmux pane), as text against the reference
/// files in `Snapshots/`, plus facts checked on the grid itself.
@Suite("Screens")
struct ScreenSnapshotTests {
    typealias F = TUIFixtures
    static let sizes = [F.small, F.large]

    static func name(_ screen: String, _ size: TerminalSize) -> String { "\(screen)-\(size.columns)x\(size.rows)" }

    func render(_ state: AppState, _ name: String, sourceLocation: SourceLocation = #_sourceLocation) -> ScreenBuffer {
        let screen = Render.screen(state)
        #expect(screen.size == state.size, sourceLocation: sourceLocation)
        ScreenFacts.check(screen, sourceLocation: sourceLocation)
        Snapshot.check(screen, named: Self.name(name, state.size), sourceLocation: sourceLocation)
        return screen
    }

    // MARK: Account picker

    @Test(arguments: sizes)
    func accountPicker(_ size: TerminalSize) throws {
        var s = F.state(accounts: F.all, size: size)
        s.press("j")
        let screen = render(s, "picker")
        let text = screen.text
        for account in F.all {
            #expect(text.contains("\(account.name)  \(account.provider.rawValue)  \(account.host)"))
        }
        let selected = try #require(screen.lines.first { $0.contains("▶") })
        #expect(selected.contains("▶ care  caresoft"))
        #expect(screen.lines.filter { $0.contains("▶") }.count == 1)
        #expect(text.contains("notes/tags on the provider, 3-day windows · last: 943 calls"))
        #expect(text.contains("local notes/tags, push, 31-day windows"))
        #expect(text.contains("local notes/tags, push, 31-day windows · last: failed: cn: search: …"))
        #expect(text.contains("enter choose · esc close · q quit"))
        #expect(!screen.line(0).contains("·"))  // no account yet
    }

    // MARK: Following

    /// `--follow 30s`, refreshed a moment ago: the title says so, the range giving way first.
    @Test func following() throws {
        var s = F.loaded(F.listCalls, size: F.small)
        s.follow = FollowState(interval: try FollowInterval.parse("30s").get())
        s.follow?.lastRefresh = F.now.addingTimeInterval(-12)
        let screen = render(s, "following")
        #expect(screen.line(0).hasPrefix(" callscope · omi · 36 calls · following 30s · refreshed 09:59:48 "))
    }

    // MARK: Call list

    @Test(arguments: sizes)
    func callList(_ size: TerminalSize) throws {
        var s = F.loaded(F.listCalls, size: size)
        s.press("j")
        let screen = render(s, "list")
        let layout = Layout(s)
        #expect(ScreenFacts.selectedRows(screen, layout) == [layout.listBody.row + 1])
        #expect(screen.line(0).contains("callscope · omi (omicall) · 20 Nov 10:00 → 21 Nov 10:00 · 36 calls"))
        #expect(screen.line(1).hasPrefix(" Time↓"))
        // The spec's first row, Vietnamese agent name aligned by display width.
        #expect(screen.line(2).hasPrefix(" 21 09:12:03 ←   0901774143    1066          1444 Tiến  "))
        #expect(screen.line(3).hasPrefix("▶21 09:10:41 →   1444          0868887835    1445 Trần Thị H… "))
        // The hostile names: placeholders, never the sequences, and not what they would have set.
        let text = screen.text
        #expect(text.contains("1444 ␛Red"))
        #expect(!text.contains("PWNED"))
        #expect(!text.contains("[2J"))
        // Every row of calls has its columns at the same display offsets as the header.
        let header = screen.line(1)
        let dispColumn = DisplayWidth.of(String(header[..<header.range(of: "Disp")!.lowerBound]))
        for row in 2..<(2 + 6) {
            let line = screen.line(row)
            let disp = ["answered", "missed", "busy", "failed", "unknown"].compactMap { word in
                line.range(of: " \(word)").map { DisplayWidth.of(String(line[..<$0.lowerBound])) + 1 }
            }.first
            #expect(disp == dispColumn, "row \(row): \(line)")
        }
        if size.columns >= 160 {
            #expect(header.contains("Customer"))
            #expect(text.contains("Nguyễn Văn Đức"))
            #expect(text.contains("广州市天河区客户…"))
            #expect(text.contains("Evil␛␛�X␇"))
            #expect(text.contains("广东 回访"))
        } else {
            #expect(!header.contains("Customer"))
            #expect(text.contains("1446 陈大文"))
        }
        #expect(screen.line(size.rows - 1).hasPrefix(" f filter  p accounts  / find  s sort  r refresh  R report  ? help  q quit"))
    }

    /// A list of 249,997 calls being synced, 36 rows held: the count and the sync's progress are
    /// never what is cut, and rows not read yet show as placeholders.
    @Test(arguments: sizes)
    func syncing(_ size: TerminalSize) {
        var (s, id) = F.fetching(size: size)
        s.send(.windowRead(read: id, StoreWindow(rows: F.listCalls, firstIndex: 0, total: 249_997)))
        s.send(.syncProgress(sync: s.list.sync!.id, SyncProgress(account: "omi", calls: 152_500, total: 249_997, elapsed: .seconds(20), finished: false)))
        s.send(.tick)
        s.press("pgdn")
        let screen = render(s, "syncing")
        let title = screen.line(0)
        #expect(title.contains("249,997 calls · ⠙ syncing 61%"))
        // At 80 columns the range gives way to the count and the progress.
        #expect(title.contains("20 Nov 10:00 → 21 Nov 10:00") == (size.columns >= 160))
        #expect(screen.line(Layout(s).statusRow).contains("syncing from the provider… esc cancels"))
        #expect(screen.line(Layout(s).statusRow).hasSuffix("row \(s.list.selected + 1) of 249,997"))
    }

    // MARK: Detail

    @Test(arguments: sizes)
    func listAndDetail(_ size: TerminalSize) throws {
        var s = F.loaded(F.listCalls, size: size)
        s.press("enter")
        let screen = render(s, "detail")
        let layout = Layout(s)
        let detail = try #require(layout.detail)
        if size.columns >= 160 {
            #expect(detail.column > 0 && detail.row == 1)  // beside
        } else {
            #expect(detail.column == 0 && detail.row > 2)  // below
        }
        let border = screen.line(detail.row)
        #expect(border.contains(" 20221104143655-LSKMQKWP-268 "))
        let text = screen.text
        #expect(text.contains("From 0901774143 → 1066 (inbound)  answered"))
        #expect(text.contains("Customer    Nguyễn Văn Đức"))
        #expect(text.contains("Started     2026-11-21 09:12:03"))
        #expect(text.contains("wait 0:01  talk 0:23  hold 0:00  total 0:24"))
        #expect(text.contains("Note        Khách hỏi về khuyến mãi"))
        #expect(text.contains("Tags        vip, dongy   (remote)"))
        // A URL longer than the pane gives way at its start, so the end of its file name and the keys stay.
        let recording = try #require(screen.lines.first { $0.contains("Recording") })
        #expect(recording.contains("Recording   …"))
        #expect(recording.hasSuffix("3ab403210ae78f37ab.mp3  [o] open  [d] download  [y] copy"))
        #expect(ScreenFacts.selectedRows(screen, layout) == [layout.listBody.row])
    }

    @Test(arguments: sizes)
    func hostileDetail(_ size: TerminalSize) {
        var s = F.loaded(F.listCalls, size: size)
        s.press("j", "j", "j", "enter")
        #expect(s.selectedID == F.hostile.id)
        let screen = render(s, "detail-hostile")
        let text = screen.text
        #expect(text.contains("Customer    Evil␛␛�X␇"))
        #expect(text.contains("line one␊line␛two"))
        // The raw JSON shows the escapes escaped, as text.
        if size.columns >= 160 { #expect(text.contains(#""customer": "Evil\u001b]0;PWNED\u0007""#)) }
        #expect(!text.contains("]0;PWNED\u{07}"))
    }

    /// A download under way in the detail pane: bar, bytes, percentage, rate and the key that cancels.
    @Test(arguments: sizes)
    func detailWithADownload(_ size: TerminalSize) throws {
        var s = F.loaded(F.listCalls, size: size)
        s.press("enter", "d")
        let key = DownloadKey(F.tien)
        s.send(.downloadProgress(key, DownloadProgress(received: 29 * 1024 + 100, total: 64 * 1024, bytesPerSecond: 16 * 1024)))
        let screen = render(s, "detail-download")
        let row = try #require(screen.lines.firstIndex { $0.contains("Download ") })
        #expect(screen.lines[row].contains("Download    ▕████") && screen.lines[row].contains("░▏ 45%  [d] cancel"))
        #expect(screen.lines[row + 1].hasSuffix("            29.1 KB of 64.0 KB · 16.0 KB/s"))
        #expect(screen.line(Layout(s).statusRow).contains("downloading the recording… d again cancels"))
    }

    // MARK: Filter form

    @Test(arguments: sizes)
    func filterForm(_ size: TerminalSize) throws {
        var s = F.loaded(F.listCalls, size: size)
        s.press("f", "right", "right", "right", "right")  // 7 days
        s.press("tab", "tab", "tab")
        s.type("abc")
        let screen = render(s, "filter")
        let text = screen.text
        #expect(text.contains("filter · omi"))
        #expect(text.contains("‹ 7d ›"))
        let phone = try #require(screen.lines.first { $0.contains("Phone") })
        #expect(phone.contains("abc"))
        #expect(phone.contains("✗ needs digits"))
        #expect(text.contains("7 days → 3 request windows of 3 days"))
        #expect(text.contains("Keyword"))
        #expect(text.contains("‹ any ›"))
        // The cursor is at the end of the phone being typed.
        let cursor = try #require(screen.cursor)
        #expect(screen.line(cursor.row).contains("Phone"))
        #expect(screen[cursor.row, cursor.column - 1].text == "c")
    }

    // MARK: Help

    @Test(arguments: sizes)
    func helpOverlay(_ size: TerminalSize) throws {
        var s = F.loaded(F.listCalls, size: size)
        s.press("?")
        let screen = render(s, "help")
        #expect(screen.text.contains("─ keys ─"))
        // Every key of every screen, from the table the program dispatches on: taller than the
        // screen, so movement keys scroll to the rest.
        let count = HelpView.rows(s).count
        let shown = HelpView.visibleRows(s)
        #expect(screen.text.contains("1–\(shown)/\(count)"))
        s.press("G")
        let end = render(s, "help-end")
        #expect(end.text.contains("\(count - shown + 1)–\(count)/\(count)"))
        #expect(end.text.contains("── search prompt ──"))
    }

    // MARK: Errors

    static let chineseError = "cn: search: HTTP 502: 网关错误：上游服务器在30秒内没有响应，请稍后重试。 (request 7f3a9c0e-55b1, retried 3 times over 42 s)"

    func failed(_ size: TerminalSize) -> AppState {
        var s = F.loaded(F.calls(30, account: F.icsoc, prefix: "cn-"), accounts: [F.icsoc], size: size)
        s.press("j", "r")
        s.send(.syncFailed(sync: s.list.sync!.id, message: Self.chineseError))
        return s
    }

    @Test(arguments: sizes)
    func errorStatus(_ size: TerminalSize) {
        let s = failed(size)
        let screen = render(s, "error")
        let status = screen.line(Layout(s).statusRow)
        #expect(status.hasPrefix(" cn: search: HTTP 502: 网关错误"))
        // However long the error, the key to its details stays in view, and so does the row's place.
        #expect(status.contains("(! details)") && status.hasSuffix("row 2 of 30"))
        #expect(status.contains("…  (! details)") == (size.columns < 160))
        // The rows stay.
        #expect(ScreenFacts.selectedRows(screen, Layout(s)) == [3])
        #expect(screen.line(2).contains("←") || screen.line(2).contains("→"))
    }

    @Test(arguments: sizes)
    func errorMessage(_ size: TerminalSize) {
        var s = failed(size)
        s.press("!")
        let screen = render(s, "error-message")
        // The whole text, every character of it, in the box (joined without the box and its wrapping).
        let inside = screen.lines.compactMap { line -> String? in
            guard let open = line.firstIndex(of: "│"), let close = line.lastIndex(of: "│"), open < close else { return nil }
            return line[line.index(after: open)..<close].trimmingCharacters(in: .whitespaces)
        }.filter { !$0.isEmpty && $0 != "any key closes" }
        #expect(inside.joined().filter { $0 != " " } == Self.chineseError.filter { $0 != " " })
        #expect(screen.text.contains("─ error ─"))
        // Wrapped, not cut: no line of the box ends in an ellipsis.
        #expect(!screen.lines.contains { $0.contains("│") && $0.contains("…") && !$0.contains("(! details)") })
    }

    // MARK: Empty and loading

    @Test(arguments: sizes)
    func emptyList(_ size: TerminalSize) {
        let s = F.loaded([], size: size)
        let screen = render(s, "empty")
        #expect(screen.text.contains("no calls in this range — f to change the filter"))
        #expect(screen.line(0).contains("· 0 calls"))
        #expect(ScreenFacts.selectedRows(screen, Layout(s)).isEmpty)
    }

    @Test(arguments: sizes)
    func loading(_ size: TerminalSize) {
        var (s, _) = F.fetching(size: size)
        s.send(.tick)
        s.send(.tick)
        let screen = render(s, "loading")
        #expect(screen.text.contains("loading…"))
        #expect(screen.line(0).contains("counting… · ⠹ syncing"))
        #expect(screen.line(Layout(s).statusRow).contains("syncing from the provider… esc cancels"))
    }

    // MARK: The tag/note editor

    @Test func editor() throws {
        var s = F.loaded(F.listCalls, size: F.small)
        s.press("e")
        s.send(.knownTagsLoaded(account: "omi", ["callback", "dongy", "giahan", "vip"]))
        s.press("enter")
        s.type("Khách hẹn gọi lại lúc 15h, đồng ý gia hạn 广州")
        s.press("tab")
        s.type("gi")
        let screen = render(s, "editor")
        #expect(screen.text.contains("─ edit · 20221104143655-LSKMQKWP-268 ─"))
        #expect(screen.text.contains("Khách hỏi về khuyến mãi"))
        #expect(screen.text.contains("Khách hẹn gọi lại lúc 15h, đồng ý gia hạn 广州"))
        #expect(screen.text.contains("[vip] [dongy] gi"))
        #expect(screen.text.contains("tab: giahan"))
        // The cursor is after the typed "gi" in the tags field.
        let cursor = try #require(screen.cursor)
        #expect(screen.line(cursor.row).contains("[vip] [dongy] gi"))
        // In the note, the cursor stands after the wide characters (two cells each).
        s.press("shift-tab")
        let note = Render.screen(s)
        let at = try #require(note.cursor)
        let line = note.line(at.row)
        #expect(line.contains("广州"))
        let prefix = "Khách hẹn gọi lại lúc 15h, đồng ý gia hạn 广州"
        let left = try #require(line.range(of: prefix)).lowerBound
        #expect(at.column == DisplayWidth.of(String(line[..<left])) + DisplayWidth.of(prefix))
    }
}
