import CallScopeKit
import CallScopeStore
import CallScopeText
import Foundation

/// An account as the picker shows it.
public struct AccountSummary: Sendable, Equatable {
    public var name: String
    public var provider: ProviderKind
    public var host: String
    public var timeZone: TimeZone
    public var maxWindowDays: Int?
    public var capabilities: ProviderCapabilities
    /// The last fetch's result, e.g. "943 calls" or the error.
    public var lastResult: String?

    public init(name: String, provider: ProviderKind, host: String, timeZone: TimeZone, maxWindowDays: Int?,
                capabilities: ProviderCapabilities, lastResult: String? = nil) {
        self.name = name
        self.provider = provider
        self.host = host
        self.timeZone = timeZone
        self.maxWindowDays = maxWindowDays
        self.capabilities = capabilities
        self.lastResult = lastResult
    }
}

/// Everything the screen shows. Changed only by `reduce`; drawn by `render`.
public struct AppState: Sendable {
    public var accounts: [AccountSummary]
    public var current: Int?
    /// "sandbox" when running on the built-in sandbox.
    public var badge: String?
    public var size: TerminalSize
    /// The clock, set by the controller before each action, so `reduce` stays a pure function.
    public var now: Date = Date()
    /// The viewer's zone for times on screen.
    public var displayZone: TimeZone
    public var keys: KeyTable

    public var overlay: Overlay = .none
    public var list = ListState()
    public var detail = DetailState()
    public var find = FindState()
    public var form: FilterForm?
    /// The filter in force for the current account, as its form texts.
    public var filter = FilterValues()
    /// The filter an account opens on (`tui --from/--to`; the last 24 hours by default).
    public var openingFilter = FilterValues()
    public var status: StatusLine?
    public var pickerSelection = 0
    /// The first key shown in help, when help is taller than the screen.
    public var helpScroll = 0
    public var quitting = false
    /// Numbers of lists, reads, syncs and searches grow; a report from an older one is dropped.
    public var nextID = 1
    /// `--offline`: the list reads only the local store.
    public var offline = false
    /// `readonly = true` / `--readonly`: `[read-only]` in the title, `e` disabled, no edit is sent.
    public var readOnly = false
    /// The tag/note editor (`e`), while it is open.
    public var editor: EditorState?
    /// Tags already seen on the current account (the editor completes from them).
    public var knownTags: [String] = []
    /// Where each call's note and tags stand (`synced`, `pending`, `failed: reason`), by call id.
    public var annotationStates: [String: String] = [:]
    /// The full-text search of the store (`F`): while it is active, the list is its results.
    public var search = SearchState()
    /// Recording downloads (`d`) and the files on disk.
    public var downloads = DownloadsState()
    /// The report overlay (`R`) and the filters it applied.
    public var report = ReportState()
    /// The export form (`x`) and the export running.
    public var export = ExportState()
    /// The terminal shows UTF-8 (block characters for the report's bars; else `#`).
    public var unicode = true
    /// `--follow`: the list's newest calls are brought into the store every interval.
    public var follow: FollowState?

    public init(accounts: [AccountSummary], size: TerminalSize, displayZone: TimeZone = .current, keys: KeyTable = .standard, badge: String? = nil) {
        self.accounts = accounts
        self.size = size
        self.displayZone = displayZone
        self.keys = keys
        self.badge = badge
        if accounts.count != 1 { overlay = .picker }
    }

    public var account: AccountSummary? { current.map { accounts[$0] } }

    public var selectedCall: CallRecord? { list.call(at: list.selected) }
}

public enum Overlay: Sendable, Equatable {
    case none
    case picker
    case filter
    case help
    /// The whole text of the last error.
    case message
    /// The tag/note editor.
    case editor
    /// The report (`R`).
    case report
    /// The export form (`x`).
    case export
}

extension SortKey {
    /// The store's order for this column.
    var storeSort: StoreSort { StoreSort(rawValue: rawValue)! }
}

/// The call list: a window of rows read from the store around the screen, never the whole
/// range. Row numbers (`first`, `selected`, `top`) count from the list's first call; `calls`
/// holds the rows `first ..< first + calls.count`, at most `ListState.mostRows` of them.
public struct ListState: Sendable {
    public init(id: Int? = nil) { self.id = id }

    /// The list's number: a new filter, search or account makes a new list, and reads and syncs
    /// of an older one are dropped.
    public var id: Int?
    /// What the list shows, fixed when it was made (a relative range does not move under it).
    public var query: StoreQuery?
    /// The rows read from the store, in the list's order.
    public var calls: [CallRecord] = []
    /// The row number of `calls[0]`.
    public var first = 0
    public var selected = 0
    /// The first row on screen.
    public var top = 0
    /// How many calls the list has in the store; nil until counted.
    public var total: Int?
    public var sort: SortKey = .time
    public var ascending = false
    /// The read of the store in flight (one at a time; a newer one supersedes it).
    public var read: WindowRead?
    /// The store changed while a read was in flight: read again once it is in.
    public var stale = false
    /// The provider's calls being synced into the store in the background.
    public var sync: SyncState?
    public var spinner = 0

    /// The most rows held, whatever the list's length: a few screens around the selection.
    public static let mostRows = 600
    /// Rows read at a time when scrolling.
    public static let pageRows = 200
    /// Rows read to open a list or jump to an end, for a screen of `visibleRows`: the screen and
    /// a screenful more, so the jump reads little (from far across the store's file, cold) and
    /// the next rows follow as the selection nears them.
    static func jumpRows(visibleRows: Int) -> Int { max(2 * visibleRows, 40) }

    /// Whether a sync is running.
    public var syncing: Bool { sync != nil }
    /// The row after the last one held.
    var end: Int { first + calls.count }
    /// The held call at a row number.
    func call(at row: Int) -> CallRecord? { row >= first && row < end ? calls[row - first] : nil }
}

/// A read of the list's window in flight, and what it is for.
public struct WindowRead: Sendable, Equatable {
    public enum Purpose: Sendable, Equatable {
        /// More rows after the window's end or before its start (scrolling).
        case more(after: Bool)
        /// The rows around the selection again, after the store changed or the order did.
        case keep
        /// `g`, `G`: the selection goes to the first or last row when the rows are in.
        case jumpToFirst, jumpToLast
        /// A find: the selection goes to the call found.
        case find
        /// A new list's first rows.
        case open
    }

    public var id: Int
    public var purpose: Purpose
    /// The most rows asked for (fewer back: the list ends there).
    public var limit: Int
}

/// A sync of the list's range from the provider, running in the background.
public struct SyncState: Sendable, Equatable {
    public var id: Int
    public var calls = 0
    /// The provider's count, where it gives one.
    public var total: Int?
    /// The provider has answered (a page was committed).
    public var answered = false

    public var fraction: Double? {
        guard let total, total > 0 else { return nil }
        return min(1, Double(calls) / Double(total))
    }
}

public enum Pane: Sendable, Equatable { case list, detail }

public struct DetailState: Sendable {
    public var open = false
    public var focus: Pane = .list
    public var scroll = 0
    /// Detail to the right of the list (wide terminals) rather than below; `v` toggles.
    public var sideBySide: Bool?
    /// Extra text fetched when a call is opened (VBot campaign bot conversation), by call id.
    public var conversations: [String: String] = [:]
    /// The provider's record of the call the pane shows, once read (one call's, not a cache).
    public var record: ProviderRecord?
}

/// A call's record as its provider sent it, read from the store for the detail pane, or why it
/// could not be read.
public struct ProviderRecord: Sendable, Equatable {
    public var callID: String
    public var raw: Result<JSONValue, Problem>

    public struct Problem: Error, Sendable, Equatable {
        public var message: String
    }

    public init(callID: String, raw: Result<JSONValue, Problem>) {
        self.callID = callID
        self.raw = raw
    }
}

public struct FindState: Sendable {
    /// Typing the text after `/`.
    public var editing = false
    public var text = ""
}

public struct SearchState: Sendable, Equatable {
    /// Typing the search text in the prompt.
    public var editing = false
    public var text = ""
    /// The search whose results the list shows (nil: the filter's list).
    public var active: String?
}

public struct StatusLine: Sendable, Equatable {
    public enum Kind: Sendable { case info, error }
    public var kind: Kind
    public var text: String

    public init(kind: Kind, text: String) {
        self.kind = kind
        self.text = text
    }
}

/// `--follow 30s`: how often the list's range is synced again, and when a sync of it last ended.
public struct FollowState: Sendable, Equatable {
    public var interval: FollowInterval
    /// When the last sync of the list's range finished (the title shows it).
    public var lastRefresh: Date?

    public init(interval: FollowInterval) { self.interval = interval }
}

/// The filter as its form texts, kept per account while the app runs.
public struct FilterValues: Sendable, Equatable {
    public var from = "-24h"
    public var to = "now"
    public var phone = ""
    public var agent = ""
    public var direction = ""
    public var disposition = ""
    /// The provider's own fields, by API name.
    public var provider: [String: String] = [:]

    public init() {}
}
