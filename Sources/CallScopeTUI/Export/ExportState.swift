import CallScopeKit
import CallScopeStore
import Foundation

/// The export (`x`): its form while it is open, the export running (one at a time) and the
/// folder the form proposes.
public struct ExportState: Sendable, Equatable {
    /// The downloads folder (the one `callscope download` saves to); nil: the current folder.
    public var folder: String?
    public var form: ExportForm?
    /// The export being written; nil once it has ended, failed or been cancelled.
    public var running: RunningExport?

    public init(folder: String? = nil) { self.folder = folder }
}

public struct RunningExport: Sendable, Equatable {
    /// Reports of an older export are dropped.
    public var id: Int
    /// The path as given in the form.
    public var path: String
    public var stage: ExportStage
}

/// Where an export stands, as the controller reports it.
public enum ExportStage: Sendable, Equatable {
    /// Online: the filter's range is first brought into the store (calls fetched so far).
    case syncing(fetched: Int, total: Int?)
    /// Calls written to the file so far, of the store's count.
    case writing(ExportProgress)
    /// Complete and renamed to `file`.
    case done(calls: Int, file: String)
    case failed(String)
}

/// The export form: the format and the path, and what will be exported (fixed when the form
/// opens: the filter's range as it was then, or the search in force).
public struct ExportForm: Sendable, Equatable {
    public enum Field: Sendable, Equatable { case format, path }

    public var format: MachineFormat = .csv
    public var path: String
    public var focus: Field = .format
    /// Why the path cannot be used, shown at the field.
    public var error: String?
    /// The calls to write, read from the store as `callscope calls --offline` reads them.
    public let query: StoreQuery
    /// Online, the range to bring into the store first (nil offline, or for a search of the store).
    public let sync: CallQuery?
    /// What is exported, in words, and what of the list's filter is not.
    public let what: String
    public let note: String?

    public init(query: StoreQuery, sync: CallQuery?, what: String, note: String? = nil, path: String) {
        self.query = query
        self.sync = sync
        self.what = what
        self.note = note
        self.path = path
    }

    /// `{account}-{yyyyMMdd-HHmm}.{ext}` in `folder` (the viewer's clock).
    public static func defaultPath(folder: String?, account: String, now: Date, zone: TimeZone, format: MachineFormat) -> String {
        let stamp = NaiveTimestamp.string(from: now, in: zone)  // yyyy-MM-dd HH:mm:ss
        let digits = stamp.filter(\.isNumber)
        let name = "\(DownloadDestination.safe(account))-\(digits.prefix(8))-\(digits.dropFirst(8).prefix(4)).\(format.rawValue)"
        guard let folder, !folder.isEmpty else { return name }
        return folder.hasSuffix("/") ? folder + name : folder + "/" + name
    }

    // MARK: Editing (the filter form's keys)

    public mutating func move() {
        focus = focus == .format ? .path : .format
    }

    /// The next or previous format; a path that ends in the old format's extension takes the new one.
    public mutating func cycle(by step: Int) {
        let all = MachineFormat.allCases
        let next = all[(all.firstIndex(of: format)! + step + all.count) % all.count]
        let old = "." + format.rawValue
        if path.hasSuffix(old) { path = path.dropLast(old.count) + "." + next.rawValue }
        format = next
    }

    public mutating func type(_ character: Character) {
        guard focus == .path else {
            if character == " " { cycle(by: 1) }
            return
        }
        path.append(character)
        error = nil
    }

    public mutating func deleteBackward() {
        guard focus == .path, !path.isEmpty else { return }
        path.removeLast()
        error = nil
    }

    /// Empties the path (to type another one from the start).
    public mutating func clearPath() {
        guard focus == .path else { return }
        path = ""
        error = nil
    }

    /// Whether the path names a file; if not, says why at the field.
    public mutating func validate() -> Bool {
        let trimmed = path.trimmingCharacters(in: .whitespaces)
        if trimmed.isEmpty { error = "needs a file name" }
        else if trimmed.hasSuffix("/") { error = "is a folder: add a file name" }
        else { error = nil }
        if error != nil { focus = .path }
        return error == nil
    }
}
