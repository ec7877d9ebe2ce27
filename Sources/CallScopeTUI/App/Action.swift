import CallScopeKit
import CallScopeStore

/// Everything that can happen to the app: a key, a resize, and what the effects report back.
public enum Action: Sendable {
    case key(Key)
    case resized(TerminalSize)
    case pageArrived(fetch: Int, CallPage)
    case fetchFinished(fetch: Int)
    case fetchFailed(fetch: Int, message: String)
    case conversationLoaded(callID: String, text: String)
    /// The store's calls for a fetch's filter, shown until the provider's first page replaces them.
    case cachedLoaded(fetch: Int, [CallRecord])
    /// The newest stored calls of an account that receives pushes, read again each second: the
    /// ones not yet listed appear (received in this process or by `callscope receive`).
    case storedCallsArrived(account: String, [CallRecord])
    /// The team store's connection was lost (its words); the app carries on and listens again.
    case storeLost(String)
    /// The team store is back after a loss.
    case storeBack
    case knownTagsLoaded(account: String, [String])
    /// Where a call's note and tags stand, from the store (`synced`, `pending`, `failed: …`).
    case annotationStateLoaded(callID: String, String)
    /// A save finished: `record` is the call as stored (nil if not cached), `error` why it was not sent.
    case editSaved(callID: String, note: String, tags: [String], record: CallRecord?, state: String, error: String?)
    case searchResults(search: Int, [CallRecord], error: String?)
    /// A recording download's progress, end or failure (`d`).
    case downloadProgress(DownloadKey, DownloadProgress)
    case downloadFinished(DownloadKey, file: String, indexProblem: String?)
    case downloadFailed(DownloadKey, message: String)
    /// The data folder's index of downloaded recordings, read at start (or why it could not be).
    case downloadsLoaded([DownloadKey: String], problem: String?)
    /// `o` found the downloaded file gone: the URL is opened instead.
    case downloadedFileMissing(DownloadKey, url: String)
    /// Where a report stands: fetching, done, failed.
    case reportUpdated(report: Int, ShownReport.Progress)
    /// Where an export stands (`x`): its progress, its end, its failure.
    case exportUpdated(export: Int, ExportStage)
    /// The spinner's clock, while something loads.
    case tick
    case signal(TerminalSignal)
}

/// Work the controller runs outside the reducer, as tasks that report back with actions.
public enum Effect: Sendable, Equatable {
    /// Starts a fetch; a newer one supersedes it.
    case fetch(id: Int, account: String, query: CallQuery)
    case cancelFetch(id: Int)
    /// The user is near the end of what is loaded: fetch the next page.
    case wantMore(fetch: Int)
    case loadConversation(account: String, callID: String)
    /// Reads the store's calls for the fetch's filter at once (`.cachedLoaded`).
    case loadCached(fetch: Int, account: String, query: CallQuery)
    case loadKnownTags(account: String)
    case loadAnnotationState(account: String, callID: String)
    /// Saves a note and tags through the caching provider (remote for OMICall, local otherwise).
    case save(account: String, callID: String, note: String, tags: [String])
    /// Retries the account's pending edits.
    case syncEdits(account: String)
    /// A full-text search over every cached call of the account.
    case search(id: Int, account: String, text: String)
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
