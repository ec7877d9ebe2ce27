import CallScopeKit
import CallScopeText

/// The detail pane's line about the call's download: a progress bar with bytes, percentage and
/// rate while it runs, why it failed, or where the file is. No line when there is nothing to say.
enum DownloadView {
    static func lines(_ call: CallRecord, state: AppState, width: Int) -> [DetailView.Line] {
        let key = DownloadKey(call)
        let label: (String, Style) = ("Download    ", Style(.dim))
        let keyStyle = Style(.key)
        switch state.downloads.status[key] {
        case .starting?:
            return [[label, ("starting…", Style(.busy)), ("  [d] cancel", keyStyle)]]
        case .running(let progress)?:
            let keys = ("  [d] cancel", keyStyle)
            guard let percent = progress.percent else { return [[label, (progress.summary, .text), keys]] }
            // The bar and the percentage, then the bytes and the rate below.
            let bar = progress.bar(width: max(4, min(30, width - 12 - 2 - 5 - 12)))
            let details = [progress.amount, progress.rate].compactMap { $0 }.joined(separator: " · ")
            return [[label, ("▕" + bar + "▏", Style(.answered)), (" " + percent, .text), keys],
                    [("            ", .text), (details, .text)]]
        case .failed(let why)?:
            return [[label, ("failed: " + why, Style(.error)), ("  [d] retry", keyStyle)]]
        case .cancelled?:
            return [[label, ("cancelled, part kept", Style(.dim)), ("  [d] go on", keyStyle)]]
        case nil:
            guard let file = state.downloads.files[key] else { return [] }
            let keys = "  [o] play"
            let room = width - 12 - DisplayWidth.of(keys)
            let shown = room >= 16 ? TextLayout.truncate(file, width: room, truncation: .start) : file
            return [[("Saved       ", Style(.dim)), (shown, Style(.link)), (keys, keyStyle)]]
        }
    }
}
