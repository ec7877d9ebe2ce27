import CallScopeKit
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
    /// Fetch ids grow; a page or error from an older fetch is dropped.
    public var nextFetchID = 1
    /// `--offline`: the list reads only the local store.
    public var offline = false
    /// The tag/note editor (`e`), while it is open.
    public var editor: EditorState?
    /// Tags already seen on the current account (the editor completes from them).
    public var knownTags: [String] = []
    /// Where each call's note and tags stand (`synced`, `pending`, `failed: reason`), by call id.
    public var annotationStates: [String: String] = [:]
    /// The full-text search of the store (`F`).
    public var search = SearchState()
    /// Recording downloads (`d`) and the files on disk.
    public var downloads = DownloadsState()
    /// The report overlay (`R`) and the filters it applied.
    public var report = ReportState()
    /// The export form (`x`) and the export running.
    public var export = ExportState()
    /// The terminal shows UTF-8 (block characters for the report's bars; else `#`).
    public var unicode = true

    public init(accounts: [AccountSummary], size: TerminalSize, displayZone: TimeZone = .current, keys: KeyTable = .standard, badge: String? = nil) {
        self.accounts = accounts
        self.size = size
        self.displayZone = displayZone
        self.keys = keys
        self.badge = badge
        if accounts.count != 1 { overlay = .picker }
    }

    public var account: AccountSummary? { current.map { accounts[$0] } }

    public var selectedCall: CallRecord? {
        list.calls.indices.contains(list.selected) ? list.calls[list.selected] : nil
    }
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

public enum SortKey: String, Sendable, CaseIterable {
    case time, direction, from, to, agent, disposition, talk
}

public struct ListState: Sendable {
    public init(fetchID: Int? = nil) { self.fetchID = fetchID }

    public var calls: [CallRecord] = []
    public var selected = 0
    /// The first row on screen.
    public var top = 0
    public var total: Int?
    public var totalComplete = false
    public var fetchID: Int?
    public var loading = false
    /// Where the running fetch stands: window/windows, page/pages.
    public var window = 0, windows = 0, page = 0
    public var pages: Int?
    /// The fetch has no more pages.
    public var exhausted = false
    public var sort: SortKey = .time
    public var ascending = false
    public var spinner = 0
    /// A new fetch is running and its first page will replace the rows on screen.
    var awaitingFirstPage = false
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
    /// The running search; results of an older one are dropped.
    public var id: Int?
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
