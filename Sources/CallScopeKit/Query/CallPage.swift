import Foundation

/// A batch of calls as it arrives, newest first, with where the fetch stands.
public struct CallPage: Sendable {
    public var records: [CallRecord]
    /// Calls the provider says match, summed over the windows fetched so far; nil when the
    /// provider gives no total (ICSOC).
    public var total: Int?
    /// Whether `total` covers every window (false while later windows are still to come).
    public var totalIsComplete: Bool
    /// 1-based window and page numbers, and the window count, for progress displays.
    public var window: Int
    public var windows: Int
    public var page: Int
    /// Pages in this window, where known.
    public var pagesInWindow: Int?
    /// Odd records kept with what could be read: the first `WarningTally.keptWarnings` of them.
    public var warnings: [MappingWarning]
    /// How many warnings there were, also those not kept in `warnings`.
    public var warningCount: Int
    /// Set on the last page of a request window: every call of this interval that matches the
    /// query is in this page or an earlier one (the sync engine marks it synced once committed).
    public var completedWindow: DateInterval?

    public init(records: [CallRecord], total: Int?, totalIsComplete: Bool, window: Int, windows: Int, page: Int,
                pagesInWindow: Int?, warnings: [MappingWarning], warningCount: Int? = nil, completedWindow: DateInterval? = nil) {
        self.records = records
        self.total = total
        self.totalIsComplete = totalIsComplete
        self.window = window
        self.windows = windows
        self.page = page
        self.pagesInWindow = pagesInWindow
        self.warnings = warnings
        self.warningCount = warningCount ?? warnings.count
        self.completedWindow = completedWindow
    }
}
