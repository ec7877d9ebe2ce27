import CallScopeKit

/// `d` downloads the selected call's recording in the background (several may run; `d` on a
/// running one cancels it, and `d` again resumes from what arrived); `o` plays the downloaded
/// file when there is one, else opens the URL.
extension AppState {
    mutating func toggleDownload() -> [Effect] {
        guard let call = selectedCall, let url = call.recordingURL, allowed(url) else { return [] }
        let key = DownloadKey(call)
        if downloads.isRunning(key) {
            downloads.status[key] = .cancelled
            status = StatusLine(kind: .info, text: "download cancelled; what arrived is kept: d goes on from there")
            return [.cancelDownload(key)]
        }
        downloads.status[key] = .starting
        status = StatusLine(kind: .info, text: "downloading the recording… \(keyName(.download)) again cancels")
        return [.download(call)]
    }

    /// `o`: the downloaded file, else the URL.
    mutating func openRecording() -> [Effect] {
        guard let call = selectedCall, let url = call.recordingURL, allowed(url) else { return [] }
        if let file = downloads.files[DownloadKey(call)] {
            status = StatusLine(kind: .info, text: "playing \(file)")
            return [.openFile(file, url: url)]
        }
        status = StatusLine(kind: .info, text: "opening the recording…")
        return [.openURL(url)]
    }

    /// True when `url` may be opened, fetched or copied; else the status line says why not.
    mutating func allowed(_ url: String) -> Bool {
        guard let refusal = WebURL.refusal(url) else { return true }
        status = StatusLine(kind: .error, text: refusal)
        return false
    }

    mutating func reduceDownload(_ action: Action) -> [Effect] {
        switch action {
        case .downloadProgress(let key, let progress):
            if downloads.isRunning(key) { downloads.status[key] = .running(progress) }
        case .downloadFinished(let key, let file, let indexProblem):
            downloads.status[key] = nil
            downloads.files[key] = file
            status = indexProblem.map { StatusLine(kind: .error, text: "recording saved to \(file), but \($0)") }
                ?? StatusLine(kind: .info, text: "recording saved: \(file)")
        case .downloadFailed(let key, let message):
            guard downloads.isRunning(key) else { return [] }
            downloads.status[key] = .failed(message)
            status = StatusLine(kind: .error, text: "download: \(message)")
        case .downloadsLoaded(let files, let problem):
            downloads.files.merge(files) { known, _ in known }
            if let problem { status = StatusLine(kind: .error, text: problem) }
        case .downloadedFileMissing(let key, let url):
            downloads.files[key] = nil
            guard allowed(url) else { return [] }
            status = StatusLine(kind: .info, text: "the downloaded file is gone; opening the URL")
            return [.openURL(url)]
        case .openFailed(let message):
            status = StatusLine(kind: .error, text: message)
        default: break
        }
        return []
    }
}
