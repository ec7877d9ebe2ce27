import CallScopeKit
import CallScopeStore
import Foundation

/// `x` exports the list as it stands (the filter's whole range, or the search of the store in
/// force) to a file: a form for the format and the path, then a background export with its
/// progress in the status line; `x` again cancels it.
extension AppState {
    /// Opens the form, or cancels the export that runs.
    mutating func toggleExport() -> [Effect] {
        if let running = export.running {
            export.running = nil
            status = StatusLine(kind: .info, text: "export cancelled; nothing written to \(running.path)")
            return [.cancelExport(id: running.id)]
        }
        guard let account else { overlay = .picker; return [] }
        let query: StoreQuery, sync: CallQuery?, what: String
        if let text = search.active {
            query = StoreQuery(account: account.name, text: text, includeRaw: false)
            sync = nil
            what = "every stored call of \(account.name) that matches “\(text)”"
        } else {
            guard let range = filter.query(zone: account.timeZone, now: now) else {
                status = StatusLine(kind: .error, text: "the filter's range does not parse: \(keyName(.filter)) fixes it")
                return []
            }
            // As `callscope calls` without --raw: the normalized records, newest first.
            query = StoreQuery(account: account.name, query: range, includeRaw: false)
            sync = offline ? nil : range
            what = exportedRange(range)
        }
        let path = ExportForm.defaultPath(folder: export.folder, account: account.name, now: now, zone: displayZone, format: .csv)
        // The store keeps the common fields only, and `calls` has none of the provider's own.
        let note = search.active == nil && !filter.provider.isEmpty ? "the provider's own filters (\(filter.provider.keys.sorted().joined(separator: ", "))) do not apply" : nil
        export.form = ExportForm(query: query, sync: sync, what: what, note: note, path: path)
        overlay = .export
        return []
    }

    /// "20 Nov 10:00 → 21 Nov 10:00, the whole range · inbound, phone 0901"
    private func exportedRange(_ range: CallQuery) -> String {
        var text = TitleBar.range(range.from, range.to, displayZone, now: now) + ", the whole range"
        let filters = [filter.direction, filter.disposition, filter.phone.isEmpty ? "" : "phone \(filter.phone)",
                       filter.agent.isEmpty ? "" : "agent \(filter.agent)"].filter { !$0.isEmpty }
        if !filters.isEmpty { text += " · " + filters.joined(separator: ", ") }
        return text
    }

    /// Keys while the form is open: as in the filter form.
    mutating func handleExportForm(_ command: EditCommand?, typed: Character?) -> [Effect] {
        guard var form = export.form else { overlay = .none; return [] }
        defer { export.form = overlay == .export ? form : nil }
        switch command {
        case .formCancel?: overlay = .none
        case .formApply?:
            guard form.validate() else { return [] }
            overlay = .none
            return startExport(form)
        case .formNext?, .formPrevious?: form.move()
        case .choicePrevious?: form.cycle(by: -1)
        case .choiceNext?: form.cycle(by: 1)
        case .formDelete?: form.deleteBackward()
        case .formClear?: form.clearPath()
        case nil: if let typed { form.type(typed) }
        default: break
        }
        return []
    }

    private mutating func startExport(_ form: ExportForm) -> [Effect] {
        let id = take()
        let path = form.path.trimmingCharacters(in: .whitespaces)
        let stage: ExportStage = form.sync == nil ? .writing(ExportProgress(written: 0, total: nil)) : .syncing(fetched: 0, total: nil)
        export.running = RunningExport(id: id, path: path, stage: stage)
        status = StatusLine(kind: .info, text: Self.exportText(path: path, stage, cancelKey: keyName(.export)))
        return [.export(id: id, query: form.query, sync: form.sync, format: form.format, path: path)]
    }

    mutating func exportUpdated(id: Int, _ stage: ExportStage) {
        // Reports of a cancelled export, or progress that arrives after the end, are dropped.
        guard let running = export.running, running.id == id else { return }
        var kind = StatusLine.Kind.info
        switch stage {
        case .syncing, .writing: export.running?.stage = stage
        case .done: export.running = nil
        case .failed:
            export.running = nil
            kind = .error
        }
        status = StatusLine(kind: kind, text: Self.exportText(path: running.path, stage, cancelKey: keyName(.export)))
    }

    /// The status line of an export: its progress, then its end.
    static func exportText(path: String, _ stage: ExportStage, cancelKey: String) -> String {
        switch stage {
        case .syncing(let fetched, let total):
            let of = total.map { " of \(Count.grouped($0))" } ?? ""
            return "export: fetching the range into the store, \(Count.grouped(fetched))\(of) calls… \(cancelKey) cancels"
        case .writing(let progress):
            let of = progress.total.map { " of \(Count.grouped($0))" } ?? ""
            return "exporting \(Count.grouped(progress.written))\(of) calls to \(path)… \(cancelKey) cancels"
        case .done(let calls, let file): return "exported \(Count.grouped(calls)) call\(calls == 1 ? "" : "s") to \(file)"
        case .failed(let message): return "export failed: \(message)"
        }
    }
}
