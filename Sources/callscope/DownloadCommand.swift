import ArgumentParser
import CallScopeKit
import CallScopeStore
import Foundation

struct DownloadCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "download",
        abstract: "Download a call's recording and print the file's path.",
        discussion: """
        Saved as {account}-{call id}.{extension} in $XDG_DOWNLOAD_DIR/callscope/ (else ~/Downloads/callscope/),
        or to --out. The file is written to NAME.part and renamed when complete; an interrupted download
        resumes from the part the next time.
        """
    )

    @Option(help: "The account's name in the config.") var account: String
    @Argument(help: "The call's id.") var id: String
    @Option(help: "Save to this file instead of the downloads folder.") var out: String?
    @OptionGroup var readOnly: ReadOnlyFlag

    func run() async throws {
        let context = try CommandContext.load(readOnly)
        let account = try context.account(self.account)
        let store = try await context.store()
        let call = try await context.cachedClient(account, store: store).call(id: id)
        let library = RecordingLibrary(accounts: [account], paths: context.paths, tokenCache: context.tokenCache)
        let bar = DownloadBar(enabled: Stderr.isTerminal)
        let outcome: RecordingLibrary.Outcome
        do {
            outcome = try await library.download(call, to: out.map { URL(fileURLWithPath: $0) }) { bar.show($0) }
            bar.finish()
        } catch {
            bar.finish()
            throw error
        }
        Stdout.value(outcome.saved.file.path)
        if let problem = outcome.indexProblem {
            // The recording is there; only the TUI's `o` will not know it.
            Stderr.line("callscope: \(problem) (the TUI's `o` will open the URL rather than this file)")
        }
    }
}

/// `⤓ ▕████░░░░░░▏ 29.0 KB of 64.0 KB · 45% · 16.0 KB/s` on stderr, only when stderr is a terminal.
struct DownloadBar {
    let enabled: Bool

    func show(_ progress: DownloadProgress) {
        guard enabled else { return }
        let bar = progress.bar(width: 24)
        Stderr.status("⤓ \(bar.isEmpty ? "" : "▕\(bar)▏ ")\(progress.summary)")
    }

    func finish() {
        if enabled { Stderr.clearStatus() }
    }
}
