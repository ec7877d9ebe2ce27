import ArgumentParser
import CallScopeKit
import CallScopeStore
import Foundation

struct SyncCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sync",
        abstract: "Send the note and tag edits that could not be sent before.",
        discussion: "Exit status: 0 when every pending edit was sent, 1 when some are still pending, 2 for an unknown account."
    )

    @Option(help: "Only this account's edits.") var account: String?

    func run() async throws {
        let context = try CommandContext.load()
        let only = try account.map { try context.account($0).name }
        let store = try context.store()
        let pending = try await store.pendingEdits(account: only)
        guard !pending.isEmpty else {
            Swift.print("nothing to send")
            return
        }
        var failed = 0, unknown: [String] = []
        for name in pending.map(\.account).uniqued() {
            guard let account = context.config.account(named: name) else {
                unknown.append(name)
                continue
            }
            let result = try await EditSender(store: store).sync(via: try context.client(account))
            for (entry, reason) in result.failed { Stderr.line("callscope: call \(entry.callID): \(reason)") }
            var summary = "\(name): \(result.sent.count) sent"
            if !result.failed.isEmpty { summary += ", \(result.failed.count) failed (still pending)" }
            if result.skipped > 0 { summary += ", \(result.skipped) being sent by another callscope" }
            Swift.print(summary)
            failed += result.failed.count + result.skipped
        }
        if failed > 0 { throw CommandFailure(message: "\(failed) edit\(failed == 1 ? "" : "s") still pending", exitCode: 1) }
        if !unknown.isEmpty {
            throw CommandFailure.usage("pending edits of accounts not in \(context.paths.configFile.path): \(unknown.joined(separator: ", "))")
        }
    }
}

extension Sequence where Element: Hashable {
    /// The elements in order, each once.
    func uniqued() -> [Element] {
        var seen = Set<Element>()
        return filter { seen.insert($0).inserted }
    }
}
