import CallScopeKit
import CallScopeSandbox
import Foundation
import TerminalTestSupport
import Testing

/// The built binary in tmux against the sandbox, as a user at a terminal would meet it.
@Suite("TUI end to end (tmux)") struct TUIEndToEndTests {
    /// The app, then what its exit left behind: its status and the terminal's modes.
    static func command(_ cli: CLI, _ arguments: String) -> String {
        "\(CLI.binary.path) \(arguments); echo EXIT=$?; stty -a; echo STTY-END; sleep 600"
    }

    /// Runs the app in tmux until the first rows show, then `body`; the tmux server always ends.
    func withApp(_ cli: CLI, _ arguments: String = "--account omi", columns: Int = 100, rows: Int = 30,
                 _ body: (Tmux) async throws -> Void) async throws {
        let tmux = try await Tmux.start(Self.command(cli, arguments), environment: cli.environment, columns: columns, rows: rows)
        do {
            try await tmux.waitFor("the first rows") { $0.selectedRow != nil && $0.contains(" calls") }
            try await body(tmux)
        } catch {
            await tmux.kill()
            throw error
        }
        await tmux.kill()
    }

    /// The terminal is as the shell left it: no alternate screen, echo and line editing back on.
    func expectRestored(_ tmux: Tmux, exitStatus: String = "EXIT=0") async throws {
        let screen = try await tmux.waitFor("\(exitStatus) and the terminal's modes") { $0.contains(exitStatus) && $0.contains("STTY-END") }
        #expect(try await tmux.display("#{alternate_on}") == "0")
        let modes = Set(screen.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == ";" }).map(String.init))
        #expect(modes.contains("echo") && modes.contains("icanon") && modes.contains("isig"))
        #expect(!modes.contains("-echo") && !modes.contains("-icanon"))
    }

    @Test func browseOpenTheDetailAndQuit() async throws {
        try await withCLI(calls: 3000) { cli, _ in
            try await withApp(cli) { tmux in
                let first = try await tmux.waitFor("a screenful of rows") { $0.callRows.count > 5 }
                let rows = first.callRows
                try await tmux.send("j")
                try await tmux.waitFor("the second row selected") { $0.selectedRow == rows[1].replacingCharacters(in: rows[1].startIndex...rows[1].startIndex, with: "▶") }
                try await tmux.send("Enter")
                // The provider's record is read for the pane a moment after it opens.
                let detail = try await tmux.waitFor(text: "transaction_id")
                #expect(detail.contains("From ") && detail.contains("Agent") && detail.contains("Raw (omicall)"))
                try await tmux.send("q")
                try await expectRestored(tmux)
            }
        }
    }

    /// The day `TitleBar` shows for `date` in this process's zone (the app's, with no
    /// `display_time_zone`), e.g. `21 Nov`.
    static func titleDay(_ date: Date) -> String {
        let stamp = NaiveTimestamp.string(from: date, in: .current)
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        return "\(stamp.dropFirst(8).prefix(2)) \(months[(Int(stamp.dropFirst(5).prefix(2)) ?? 1) - 1])"
    }

    @Test func fromToOpensOnThatRange() async throws {
        try await withCLI { cli, _ in
            let before = Self.titleDay(Date().addingTimeInterval(-30 * 86400))
            try await withApp(cli, "--account omi --from -30d", columns: 120) { tmux in
                let screen = try await tmux.waitFor("the range in the title") { $0.lines.first?.contains(" → ") == true }
                let after = Self.titleDay(Date().addingTimeInterval(-30 * 86400))
                let title = try #require(screen.lines.first)
                // `from` is 30 days ago (the day read before or after the start, should midnight
                // pass); in January the range shows its years.
                let shown = try #require(title.firstMatch(of: #/(\d\d \w{3})(?: \d{4})? \d\d:\d\d → /#)).1
                #expect([before, after].contains(String(shown)), "\(title)")
            }
        }
    }

    @Test func aRangeThatIsNotOneIsRefusedBeforeTheScreen() async throws {
        try await withCLI { cli, _ in
            let run = try await cli.run(["tui", "--account", "omi", "--from", "30d"])
            #expect(run.status == 2)
            #expect(run.stderr.contains("--from") && run.stderr.contains("-30d"), "\(run.stderr)")
        }
    }

    @Test func ctrlCQuitsWhenIdleAndRestoresTheTerminal() async throws {
        try await withCLI { cli, _ in
            try await withApp(cli, "--account cs") { tmux in
                try await tmux.waitFor("the sync to end") { !$0.contains("syncing") }
                try await tmux.send("C-c")
                try await expectRestored(tmux)
            }
        }
    }

    @Test func sigtermRestoresTheTerminal() async throws {
        try await withCLI { cli, _ in
            try await withApp(cli) { tmux in
                let pid = try await tmux.display("#{pane_pid}")
                // The app is the shell's child; SIGTERM it, as a supervisor's `kill` would.
                _ = try await Program.run("/usr/bin/pkill", ["-TERM", "-P", pid, "-f", "callscope"])
                try await expectRestored(tmux, exitStatus: "EXIT=")
            }
        }
    }

    /// The terminal goes away (an SSH connection dropped) and no SIGHUP reaches the app (its
    /// parent ignores it, as a wrapper may): the app sees the hangup and ends, rather than
    /// spinning on a terminal that reads as ready forever.
    @Test func aTerminalThatHangsUpEndsTheApp() async throws {
        try await withCLI { cli, _ in
            let tmux = try await Tmux.start("trap '' HUP; \(CLI.binary.path) --account omi; sleep 600", environment: cli.environment)
            let shell = try await tmux.panePID()
            defer { kill(-shell, SIGKILL) }
            try await tmux.waitFor("the first rows") { $0.selectedRow != nil }
            let found = try await Program.run("/usr/bin/pgrep", ["-P", "\(shell)", "-f", "callscope"]).stdout
            let app = try #require(pid_t(found.trimmingCharacters(in: .whitespacesAndNewlines)))
            try await tmux.tmux(["kill-server"])
            let deadline = ContinuousClock.now + .seconds(30)
            while kill(app, 0) == 0, ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(20)) }
            #expect(kill(app, 0) != 0, "callscope (\(app)) still runs after its terminal hung up")
        }
    }

    @Test func filterByPhoneThroughTheForm() async throws {
        try await withCLI(calls: 3000) { cli, _ in
            try await withApp(cli) { tmux in
                let inbound = try #require(try await tmux.screen().lines.first { $0.contains(" ←  ") })
                let phone = String(inbound.split(separator: " ")[3])   // the From column of an inbound call
                try await tmux.send("f")
                try await tmux.waitFor(text: "Quick range")
                try await tmux.send("Tab", "Tab", "Tab")
                try await tmux.type(phone)
                try await tmux.waitFor(text: phone)
                try await tmux.send("Enter")
                let digits = String(phone.drop { $0 == "0" }.suffix(9))
                let filtered = try await tmux.waitFor("only calls of \(phone)") { screen in
                    let rows = screen.callRows
                    return !screen.contains("Quick range") && !rows.isEmpty && rows.allSatisfy { $0.contains(digits) }
                }
                #expect(filtered.lines[0].contains(" calls"))
                try await tmux.send("q")
                try await expectRestored(tmux)
            }
        }
    }

    @Test func findAsYouTypeWithSlash() async throws {
        try await withCLI(calls: 3000) { cli, _ in
            try await withApp(cli) { tmux in
                let screen = try await tmux.waitFor("a screenful of rows") { $0.callRows.count > 5 }
                // An agent shown on a row below the selection; typed without diacritics.
                let rows = screen.callRows.filter { !$0.hasPrefix("▶") }
                let target = try #require(rows.dropFirst(3).first)
                let family = String(target.split(separator: " ")[5])   // the agent's family name, e.g. "Ngô"
                let typed = family.folding(options: [.diacriticInsensitive, .caseInsensitive], locale: nil).replacingOccurrences(of: "đ", with: "d")
                try await tmux.send("/")
                try await tmux.type(typed)
                let found = try await tmux.waitFor("a row of \(family) selected") { $0.selectedRow?.contains(family) == true }
                #expect(found.contains("/" + typed))
                try await tmux.send("Enter", "q")
                try await expectRestored(tmux)
            }
        }
    }

    @Test func resizeTo60x20AndBack() async throws {
        try await withCLI { cli, _ in
            try await withApp(cli) { tmux in
                try await tmux.resize(columns: 60, rows: 20)
                let small = try await tmux.waitFor("the 60×20 layout") { screen in
                    let lines = screen.lines
                    return lines.count <= 21 && lines[0].contains("callscope") && lines.contains { $0.hasPrefix("▶") } && !lines[1].contains("Agent")
                }
                #expect(small.lines.allSatisfy { $0.count <= 60 })
                try await tmux.resize(columns: 100, rows: 30)
                try await tmux.waitFor("the 100×30 layout") { $0.lines[1].contains("Agent") && $0.lines.count >= 30 }
                try await tmux.send("q")
                try await expectRestored(tmux)
            }
        }
    }

    @Test func aHostileNameNeitherRetitlesNorClears() async throws {
        try await withCLI { cli, _ in
            try await withApp(cli, columns: 160, rows: 40) { tmux in
                let title = try await tmux.display("#{pane_title}")
                // The second call carries ESC ] 0 ; PWNED BEL and ESC [ 2 J in its customer's name.
                try await tmux.send("j", "Enter")
                // Once the provider's record is in too (it holds the name as well).
                let screen = try await tmux.waitFor("the provider's record") { $0.contains("Raw (omicall)") && !$0.contains("loading…") }
                #expect(screen.contains("Hacker") && screen.contains("␛"))
                #expect(screen.lines[0].contains("callscope"))   // not cleared
                #expect(try await tmux.display("#{pane_title}") == title)
                #expect(!(try await tmux.display("#{pane_title}")).contains("PWNED"))
                try await tmux.send("q")
                try await expectRestored(tmux)
            }
        }
    }

    @Test func theSelectionMovesAtOnceWhileAPageLoads() async throws {
        // Pages of 5 calls, each answered after 8 s: the sync is slow, the list is not.
        try await withCLI(calls: 3000, { $0.faults = try! .parse("latency=8s,only=/omicall/api/call_transaction/list") },
                          configText: { $0.replacingOccurrences(of: "name = \"omi\"", with: "name = \"omi\"\npage_size = 5") }) { cli, _ in
            try await withApp(cli) { tmux in
                let before = try await tmux.screen()
                #expect(before.contains("syncing"))
                try await tmux.send("j", "j", "j")
                // The selection moves while the sync of 3,000 calls, 5 a page at 8 s a page, runs (it
                // would take hours: that, not a time limit, is what tells the keys never wait for it).
                let moved = try await tmux.waitFor("the fourth row selected") { screen in
                    let rows = screen.callRows
                    return rows.firstIndex { $0.hasPrefix("▶") } == 3
                }
                #expect(moved.contains("syncing"))
                try await tmux.send("q")
                try await expectRestored(tmux)
            }
        }
    }

    // MARK: The list as a window over the store

    /// The calls of CareSoft's last 30 days as the store holds them after the TUI synced them,
    /// newest first (`since`: a moment before the TUI started, so the range read covers the TUI's).
    func storedRange(_ cli: CLI, since: Date) async throws -> [[String: String]] {
        let run = try await cli.run(["calls", "--account", "cs", "--offline", "--from", RFC3339.string(from: since), "--format", "ndjson"])
        #expect(run.status == 0, "\(run.stderr)")
        return run.stdout.split(separator: "\n").map { line in
            let object = (try? JSONSerialization.jsonObject(with: Data(line.utf8))) as? [String: Any] ?? [:]
            return object.compactMapValues { $0 as? String }
        }
    }

    static func position(_ screen: String) -> (row: Int, total: Int)? {
        guard let match = screen.firstMatch(of: #/row ([0-9,]+) of ([0-9,]+)/#) else { return nil }
        guard let row = Int(match.1.replacingOccurrences(of: ",", with: "")), let total = Int(match.2.replacingOccurrences(of: ",", with: "")) else { return nil }
        return (row, total)
    }

    /// `--from -30d`, then `G`: the oldest call of the range is selected at its last row, though
    /// the list first read only the newest rows.
    @Test func bigGShowsTheOldestCallOfA30DayRange() async throws {
        try await withCLI(calls: 4000) { cli, _ in
            let since = Date().addingTimeInterval(-30 * 86400 - 1)
            try await withApp(cli, "--account cs --from -30d") { tmux in
                try await tmux.waitFor("the sync to end") { !$0.contains("syncing") && Self.position($0) != nil }
                let stored = try await storedRange(cli, since: since)
                #expect(stored.count > 600)  // more than the TUI ever holds
                let oldest = try #require(stored.last)
                try await tmux.send("G")
                let end = try await tmux.waitFor("the last row selected") { Self.position($0).map { $0.row == $0.total } ?? false }
                #expect(Self.position(end)?.total == stored.count)
                let row = try #require(end.selectedRow)
                #expect(row.contains(try #require(oldest["from"])), "\(row) is not \(oldest)")
                #expect(end.callRows.last == row)
                try await tmux.send("g")
                try await tmux.waitFor("the first row selected") { Self.position($0)?.row == 1 }
                try await tmux.send("q")
                try await expectRestored(tmux)
            }
        }
    }

    /// `/` with a number that only a call far below the rows read has: the list lands on it.
    @Test func findANumberOnlyAnUnreadPartOfTheRangeHas() async throws {
        try await withCLI(calls: 4000) { cli, _ in
            let since = Date().addingTimeInterval(-30 * 86400 - 1)
            try await withApp(cli, "--account cs --from -30d") { tmux in
                try await tmux.waitFor("the sync to end") { !$0.contains("syncing") && Self.position($0) != nil }
                let stored = try await storedRange(cli, since: since)
                // A caller among the oldest whose number no other call of the range has.
                let numbers = stored.compactMap { $0["from"] }
                let index = try #require(stored.indices.reversed().prefix(50).first { i in
                    guard let from = stored[i]["from"], from.count >= 9 else { return false }
                    return numbers.filter { $0.contains(from) || from.contains($0) }.count == 1
                        && !stored.contains { $0["to"]?.contains(from) == true }
                })
                let number = try #require(stored[index]["from"])
                #expect(index > 600)
                try await tmux.send("/")
                try await tmux.type(number)
                try await tmux.waitFor("the call selected") { $0.selectedRow?.contains(number) == true }
                // Enter closes the prompt; the status line says where the call is in the range.
                try await tmux.send("Enter")
                let found = try await tmux.waitFor("row \(index + 1) selected") { Self.position($0)?.row == index + 1 }
                #expect(found.selectedRow?.contains(number) == true, "\(found)")
                try await tmux.send("q")
                try await expectRestored(tmux)
            }
        }
    }

    // MARK: The tag/note editor

    static let vietnamese = "Khách hẹn gọi lại lúc 15h, đồng ý gia hạn"

    /// Opens the editor on the selected call, replaces its note with Vietnamese text typed as
    /// an IME would send it, adds a tag and saves with Ctrl-S; returns the call's id.
    func editAndSave(_ tmux: Tmux) async throws -> String {
        try await tmux.send("e")
        let editor = try await tmux.waitFor(text: "─ edit · ")
        let id = try #require(editor.lines.first { $0.contains("─ edit · ") }.flatMap { line -> String? in
            guard let range = line.range(of: "─ edit · ") else { return nil }
            return line[range.upperBound...].split(separator: " ").first.map(String.init)
        })
        try await tmux.send("C-u")
        try await tmux.type(Self.vietnamese)
        try await tmux.waitFor(text: Self.vietnamese)
        try await tmux.send("Tab")
        try await tmux.type("giahan")
        try await tmux.send("Enter")
        try await tmux.waitFor(text: "[giahan]")
        try await tmux.send("C-s")
        try await tmux.waitFor("the editor to close") { !$0.contains("─ edit · ") }
        return id
    }

    @Test func editANoteInVietnameseAndSaveItToOMICall() async throws {
        try await withCLI { cli, _ in
            var id = ""
            try await withApp(cli) { tmux in
                id = try await editAndSave(tmux)
                try await tmux.waitFor(text: "saved: synced")
                try await tmux.send("Enter")
                let detail = try await tmux.waitFor(text: "(remote)  synced")
                #expect(detail.contains("Note        " + Self.vietnamese))
                #expect(detail.contains("giahan"))
                try await tmux.send("q")
                try await expectRestored(tmux)
            }
            // The provider has it: read back from the sandbox.
            let call = try await cli.run(["call", "--account", "omi", id])
            #expect(call.stdout.contains(Self.vietnamese), "\(call.stdout)\(call.stderr)")
        }
    }

    @Test func aRefusedSaveShowsFailedAndKeepsTheText() async throws {
        try await withCLI({ $0.faults = try! .parse("error=1,only=/omicall/api/call_transaction/change") }) { cli, _ in
            try await withApp(cli) { tmux in
                _ = try await editAndSave(tmux)
                try await tmux.waitFor(text: "not sent, kept as pending")
                try await tmux.send("Enter")
                let detail = try await tmux.waitFor(text: "(remote)  failed: ")
                #expect(detail.contains("Note        " + Self.vietnamese))
                // Reopened, the editor has the text.
                try await tmux.send("e")
                try await tmux.waitFor("the editor with the kept text and tag") {
                    $0.contains("─ edit · ") && $0.contains(Self.vietnamese) && $0.contains("[giahan]")
                }
                try await tmux.send("Escape")
                try await tmux.waitFor("the editor to close") { !$0.contains("─ edit · ") }
                try await tmux.send("q")
                try await expectRestored(tmux)
            }
            // The edit is kept in the outbox.
            let sync = try await cli.run(["sync", "--account", "omi"])
            #expect(sync.stdout.contains("failed") || sync.stderr.contains("failed") || sync.status != 0, "\(sync.stdout)\(sync.stderr)")
        }
    }

    @Test func searchTheStoreAndBrowseOffline() async throws {
        try await withCLI(calls: 3000) { cli, _ in
            var name = ""
            try await withApp(cli) { tmux in
                try await tmux.send("Enter")
                let detail = try await tmux.waitFor(text: "Raw (omicall)")
                // The caller's number, as the pane's first line shows it: "From 0901774143 → 1066".
                name = try #require(detail.lines.first { $0.hasPrefix(" From ") }.map { String($0.split(separator: " ")[1]) })
                try await tmux.send("Escape")
                try await tmux.send("F")
                try await tmux.waitFor(text: "search the store:")
                try await tmux.type(name)
                try await tmux.send("Enter")
                let results = try await tmux.waitFor("the results") { $0.contains("search: \(name)") && $0.selectedRow != nil }
                #expect(results.contains(" calls"))
                try await tmux.send("q")
                try await expectRestored(tmux)
            }
            // Offline, the list comes from the store.
            try await withApp(cli, "--account omi --offline") { tmux in
                let screen = try await tmux.screen()
                #expect(screen.lines[0].contains("offline"))
                try await tmux.send("q")
                try await expectRestored(tmux)
            }
        }
    }
}
