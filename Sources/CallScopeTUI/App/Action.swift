import CallScopeKit
import CallScopeStore

/// Everything that can happen to the app: a key, a resize, and what the effects report back.
public enum Action: Sendable {
    case key(Key)
    case resized(TerminalSize)
    /// Rows of the list read from the store (`Effect.readWindow`).
    case windowRead(read: Int, StoreWindow)
    case windowFailed(read: Int, message: String)
    /// A list's count (`Effect.countList`).
    case listCounted(list: Int, total: Int)
    case listCountFailed(list: Int, message: String)
    /// Where the background sync of the list's range stands, after each committed page.
    case syncProgress(sync: Int, SyncProgress)
    case syncFinished(sync: Int, calls: Int)
    case syncFailed(sync: Int, message: String)
    /// The store committed calls (of this account, or of any when it cannot tell: nil): a sync,
    /// a push received here or by another process or machine, an edit.
    case storeChanged(account: String?)
    case conversationLoaded(callID: String, text: String)
    /// The selected call's provider record, read for the detail pane (`Effect.loadRecord`).
    case recordLoaded(ProviderRecord)
    /// The team store's connection was lost (its words); the app carries on and listens again.
    case storeLost(String)
    /// The team store is back after a loss.
    case storeBack
    case knownTagsLoaded(account: String, [String])
    /// Where a call's note and tags stand, from the store (`synced`, `pending`, `failed: …`).
    case annotationStateLoaded(callID: String, String)
    /// A save finished: `record` is the call as stored (nil if not cached), `error` why it was not sent.
    case editSaved(callID: String, note: String, tags: [String], record: CallRecord?, state: String, error: String?)
    /// A recording download's progress, end or failure (`d`).
    case downloadProgress(DownloadKey, DownloadProgress)
    case downloadFinished(DownloadKey, file: String, indexProblem: String?)
    case downloadFailed(DownloadKey, message: String)
    /// The data folder's index of downloaded recordings, read at start (or why it could not be).
    case downloadsLoaded([DownloadKey: String], problem: String?)
    /// `o` found the downloaded file gone: the URL is opened instead.
    case downloadedFileMissing(DownloadKey, url: String)
    /// The player or browser could not be started, and why.
    case openFailed(String)
    /// Where a report stands: fetching, done, failed.
    case reportUpdated(report: Int, ShownReport.Progress)
    /// Where an export stands (`x`): its progress, its end, its failure.
    case exportUpdated(export: Int, ExportStage)
    /// The spinner's clock, while something loads.
    case tick
    /// `--follow`'s clock: time to bring the list's newest calls into the store.
    case followTick
    case signal(TerminalSignal)
}

/// Work the controller runs outside the reducer, as tasks that report back with actions.
public enum Effect: Sendable, Equatable {
    /// Syncs the range from the provider into the store in the background (`.syncProgress`,
    /// `.syncFinished`, `.syncFailed`); a newer one supersedes it.
    case sync(id: Int, account: String, query: CallQuery)
    case cancelSync(id: Int)
    /// Reads rows of the list from the store (`.windowRead`), and its count when `count` is set.
    case readWindow(id: Int, query: StoreQuery, at: WindowAnchor, limit: Int, count: Bool)
    /// Counts a new list's calls (`.listCounted`), apart from its first rows so they do not wait.
    case countList(list: Int, query: StoreQuery)
    case loadConversation(account: String, callID: String)
    /// Reads a call's provider record from the store (`.recordLoaded`): the list's rows are read
    /// without it.
    case loadRecord(account: String, callID: String)
    case loadKnownTags(account: String)
    case loadAnnotationState(account: String, callID: String)
    /// Saves a note and tags through the caching provider (remote for OMICall, local otherwise).
    case save(account: String, callID: String, note: String, tags: [String])
    /// Retries the account's pending edits.
    case syncEdits(account: String)
    /// The report of the range and filters (within a search of the store, if any); `.reportUpdated` tells.
    case report(id: Int, account: String, query: CallQuery, text: String?, slicing: ReportSlicing)
    case cancelReport(id: Int)
    case openURL(String)
    /// Downloads a call's recording in the background, reporting progress.
    case download(CallRecord)
    case cancelDownload(DownloadKey)
    /// Plays a downloaded recording (`$CALLSCOPE_PLAYER`, else `xdg-open`); `url` if it is gone.
    case openFile(String, url: String)
    /// Reads the index of downloaded recordings.
    case loadDownloads
    /// Writes the store's calls of `query` to a file at `path`, after bringing `sync`'s range into the store.
    case export(id: Int, query: StoreQuery, sync: CallQuery?, format: MachineFormat, path: String)
    case cancelExport(id: Int)
    case copy(String)
    case redraw
    case quit
}
