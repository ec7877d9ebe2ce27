import CallScopeKit
import CallScopeStore
import Foundation
import Testing
@testable import CallScopeTUI

/// `x` exports the list as it stands: a form for the format and the path, then an export in the
/// background with its progress in the status line; `x` again cancels it.
@Suite("Reducer: export")
struct ExportTests {
    typealias F = TUIFixtures

    /// The list with the downloads folder known, as `tui` sets it.
    static func state(offline: Bool = false) -> AppState {
        var s = F.loaded(F.calls(10))
        s.offline = offline
        s.export.folder = "/dl/callscope"
        return s
    }

    /// The filter's range as the form fixes it (the default: the last 24 hours).
    static var range: CallQuery { FilterValues().query(zone: F.hcm, now: F.now)! }

    /// Opens the form and returns the export's id once Enter started it.
    static func started(_ s: inout AppState) throws -> Int {
        s.press("x")
        let effects = s.press("enter")
        guard case .export(let id, _, _, _, _)? = effects.first else { throw NoExport(effects: effects) }
        return id
    }

    @Test func xOpensTheFormWithTheDefaults() throws {
        var s = Self.state()
        #expect(s.press("x").isEmpty)
        #expect(s.overlay == .export)
        let form = try #require(s.export.form)
        #expect(form.format == .csv)
        #expect(form.focus == .format)
        // In the downloads folder, named by the account and the viewer's clock.
        #expect(form.path == "/dl/callscope/omi-20261121-1000.csv")
        // The whole range of the filter, as `calls` reads it: no raw, newest first; synced first online.
        #expect(form.query == StoreQuery(account: "omi", query: Self.range, includeRaw: false))
        #expect(form.query.order == .newestFirst)
        #expect(form.sync == Self.range)
        #expect(form.note == nil)
        let text = Render.screen(s).text
        #expect(text.contains("export · omi"))
        #expect(text.contains("20 Nov 10:00 → 21 Nov 10:00, the whole range"))
        #expect(KeyTable.standard.command(for: .char("x"), in: .list) == .export)
        #expect(KeyTable.standard.command(for: .char("x"), in: .detail) == .export)
    }

    @Test func enterStartsTheExportWithTheFormatAndPathChosen() throws {
        var s = Self.state()
        s.press("x", "right")
        // The format's extension follows the format while the path keeps it.
        #expect(s.export.form?.format == .ndjson)
        #expect(s.export.form?.path == "/dl/callscope/omi-20261121-1000.ndjson")
        s.press("space")
        #expect(s.export.form?.format == .json)
        #expect(s.export.form?.path == "/dl/callscope/omi-20261121-1000.json")
        s.press("left")
        #expect(s.export.form?.format == .ndjson)
        // A path of one's own: ctrl-u clears it, then it is typed.
        s.press("tab", "ctrl-u")
        s.type("/tmp/out.txx")
        s.press("backspace")
        s.type("t")
        #expect(s.export.form?.path == "/tmp/out.txt")
        let effects = s.press("enter")
        guard case .export(let id, let query, let sync, let format, let path)? = effects.first, effects.count == 1 else {
            Issue.record("expected one export: \(effects)")
            return
        }
        #expect(query == StoreQuery(account: "omi", query: Self.range, includeRaw: false))
        #expect(sync == Self.range)
        #expect(format == .ndjson)
        #expect(path == "/tmp/out.txt")
        #expect(s.overlay == .none && s.export.form == nil)
        #expect(s.export.running == RunningExport(id: id, path: "/tmp/out.txt", stage: .syncing(fetched: 0, total: nil)))
        #expect(s.status == StatusLine(kind: .info, text: "export: fetching the range into the store, 0 calls… x cancels"))
    }

    @Test func progressThenTheEndInTheStatusLine() throws {
        var s = Self.state()
        let id = try Self.started(&s)
        let path = "/dl/callscope/omi-20261121-1000.csv"
        s.send(.exportUpdated(export: id, .syncing(fetched: 1200, total: 5000)))
        #expect(s.status == StatusLine(kind: .info, text: "export: fetching the range into the store, 1,200 of 5,000 calls… x cancels"))
        s.send(.exportUpdated(export: id, .writing(ExportProgress(written: 500, total: 4943))))
        #expect(s.status == StatusLine(kind: .info, text: "exporting 500 of 4,943 calls to \(path)… x cancels"))
        #expect(Render.screen(s).line(22).contains("exporting 500 of 4,943 calls to /dl/callscope/"))
        // The rest of the app goes on meanwhile.
        s.press("j")
        #expect(s.list.selected == 1)
        s.send(.exportUpdated(export: id, .done(calls: 4943, file: path)))
        #expect(s.export.running == nil)
        #expect(s.status == StatusLine(kind: .info, text: "exported 4,943 calls to \(path)"))
        // Progress that arrives after the end changes nothing.
        s.send(.exportUpdated(export: id, .writing(ExportProgress(written: 4900, total: 4943))))
        #expect(s.status == StatusLine(kind: .info, text: "exported 4,943 calls to \(path)"))
        // x then opens a new form.
        s.press("x")
        #expect(s.overlay == .export)
    }

    @Test func aFailureIsAnErrorInTheStatusLine() throws {
        var s = Self.state()
        let id = try Self.started(&s)
        s.send(.exportUpdated(export: id, .failed("/ro/x.csv.part: cannot create the file: Permission denied")))
        #expect(s.export.running == nil)
        #expect(s.status == StatusLine(kind: .error, text: "export failed: /ro/x.csv.part: cannot create the file: Permission denied"))
        #expect(Render.screen(s).line(22).contains("(! details)"))
    }

    @Test func xAgainCancelsAndWhatTheTaskStillReportsIsDropped() throws {
        var s = Self.state()
        let id = try Self.started(&s)
        s.send(.exportUpdated(export: id, .writing(ExportProgress(written: 500, total: 943))))
        #expect(s.press("x") == [.cancelExport(id: id)])
        #expect(s.export.running == nil)
        #expect(s.overlay == .none)
        #expect(s.status == StatusLine(kind: .info, text: "export cancelled; nothing written to /dl/callscope/omi-20261121-1000.csv"))
        s.send(.exportUpdated(export: id, .done(calls: 943, file: "/dl/callscope/omi-20261121-1000.csv")))
        #expect(s.status?.text.hasPrefix("export cancelled") == true)
    }

    @Test func escClosesTheFormAndAPathMustNameAFile() {
        var s = Self.state()
        s.press("x")
        #expect(s.press("esc").isEmpty)
        #expect(s.overlay == .none && s.export.form == nil && s.export.running == nil)
        s.press("x", "tab", "ctrl-u")
        #expect(s.press("enter").isEmpty)
        #expect(s.overlay == .export)
        #expect(s.export.form?.error == "needs a file name")
        #expect(Render.screen(s).text.contains("✗ needs a file name"))
        s.type("/tmp/")
        #expect(s.press("enter").isEmpty)
        #expect(s.export.form?.error == "is a folder: add a file name")
        s.type("a.csv")
        #expect(s.export.form?.error == nil)
        #expect(s.press("enter").count == 1)
    }

    @Test func theSearchInForceIsExportedWhole() throws {
        var s = Self.state()
        s.press("F")
        s.type("duc")
        let read = try #require(s.press("enter").reads.first)
        s.send(.windowRead(read: read.id, StoreWindow(rows: [F.tien], firstIndex: 0, total: 1)))
        s.press("x")
        let form = try #require(s.export.form)
        // Every match in the store, not only the rows held; nothing to sync.
        #expect(form.query == StoreQuery(account: "omi", text: "duc", includeRaw: false))
        #expect(form.sync == nil)
        #expect(form.what == "every stored call of omi that matches “duc”")
    }

    @Test func offlineNothingIsSyncedAndTheProvidersOwnFiltersAreSaidNotToApply() throws {
        var s = Self.state(offline: true)
        s.filter.phone = "0901"
        s.filter.direction = "inbound"
        s.filter.provider = ["keyword": "abc"]
        s.press("x")
        let form = try #require(s.export.form)
        var range = Self.range
        range.phone = "0901"
        range.direction = .inbound
        #expect(form.query == StoreQuery(account: "omi", query: range, includeRaw: false))
        #expect(form.sync == nil)
        #expect(form.what.hasSuffix("the whole range · inbound, phone 0901"))
        #expect(form.note == "the provider's own filters (keyword) do not apply")
        let effects = s.press("enter")
        guard case .export(_, _, nil, .csv, _)? = effects.first else {
            Issue.record("expected a csv export without a sync: \(effects)")
            return
        }
        #expect(s.export.running?.stage == .writing(ExportProgress(written: 0, total: nil)))
        #expect(s.status == StatusLine(kind: .info, text: "exporting 0 calls to /dl/callscope/omi-20261121-1000.csv… x cancels"))
    }

    @Test func withoutAFolderTheNameAloneIsProposed() {
        var s = F.loaded(F.calls(3))
        s.press("x")
        #expect(s.export.form?.path == "omi-20261121-1000.csv")
    }
}

struct NoExport: Error {
    let effects: [Effect]
}
