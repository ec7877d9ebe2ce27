import ArgumentParser
import CallScopeKit
import CallScopeStore
import Foundation

struct SyncCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sync",
        abstract: "Send the note and tag edits that could not be sent before; with --from, also bring a range into the store.",
        discussion: """
        With --from (and --to, default now), each named account (or every account) has that range brought into the
        local store: only what the store does not have yet and the newest hour, or all of it with --refresh. One
        summary line per account; an account that fails does not stop the others.
        Exit status: 0 when everything was sent and synced, 1 when an edit is still pending or an account failed,
        2 for an unknown account or a bad range.
        Read-only (readonly = true in the config, or --readonly), pending edits are not sent and stay pending: said
        once on stderr; with --from the calls are still synced and the status is theirs, without it the status is 2.
        """
    )

    @Option(help: "Only this account.") var account: String?
    @Option(parsing: .unconditional, help: "Start of the range to bring into the store (inclusive).") var from: String?
    @Option(parsing: .unconditional, help: "End of that range (inclusive); default now.") var to: String?
    @Flag(help: "Fetch the whole range again, also the parts the store already has.") var refresh = false
    @OptionGroup var readOnly: ReadOnlyFlag

    func validate() throws {
        if from == nil, to != nil || refresh { throw ValidationError("--to and --refresh need --from") }
    }

    func run() async throws {
        let context = try CommandContext.load(readOnly)
        let only = try account.map { try context.account($0) }
        let store = try await context.store()
        var failures = try await sendPendingEdits(context, store, only: only?.name, syncingCalls: from != nil)
        if from != nil {
            for account in only.map({ [$0] }) ?? context.config.accounts {
                failures += try await syncRange(of: account, context, store) ? 0 : 1
            }
        }
        if failures > 0 { throw CommandFailure(message: "", exitCode: 1) }
    }

    /// Brings the range into the store; false (said on stderr) when the account failed.
    private func syncRange(of account: AccountConfig, _ context: CommandContext, _ store: any CallStoring) async throws -> Bool {
        let range = try TimeArgument.range(from: from, to: to, in: account.timeZone, now: Date())
        let progress = SyncProgressLine(enabled: Stderr.isTerminal)
        do {
            let engine = SyncEngine(provider: try context.client(account), store: store, keepDays: context.config.keepDays)
            let result = try await engine.sync(CallQuery(from: range.from, to: range.to), refresh: refresh, progress: progress.update)
            progress.finish()
            let seconds = Double(result.elapsed.components.seconds) + Double(result.elapsed.components.attoseconds) / 1e18
            Stdout.line("\(account.name): \(Count.grouped(result.calls)) calls, \(String(format: "%.1f", seconds)) s"
                        + (result.fetched.isEmpty ? " (already in the store)" : "")
                        + (result.pruned > 0 ? "; \(Count.grouped(result.pruned)) older than keep_days pruned" : ""))
            if let line = result.oddValuesLine(account: account.name) { Stderr.line(line) }
            return true
        } catch let error as ConfigError {
            progress.finish()
            throw error
        } catch {
            progress.finish()
            Stderr.line("callscope: \(account.name): \(error)")
            Stdout.line("\(account.name): failed")
            return false
        }
    }

    /// Sends what waits in the outbox; returns how many edits are still pending. Read-only, sends
    /// nothing: says so, and refuses (exit 2) when sending was all `sync` was asked to do.
    private func sendPendingEdits(_ context: CommandContext, _ store: any CallStoring, only: String?, syncingCalls: Bool) async throws -> Int {
        let pending = try await store.pendingEdits(account: only)
        guard !pending.isEmpty else {
            if !syncingCalls { Stdout.line("nothing to send") }
            return 0
        }
        if context.config.readOnly {
            let held = "\(pending.count) pending edit\(pending.count == 1 ? "" : "s") not sent: the config is read-only (\(CallScopeError.readOnlySource))"
            guard syncingCalls else { throw CommandFailure.usage(held) }
            Stderr.line("callscope: \(held)")
            return 0
        }
        var failed = 0, unknown: [String] = []
        for name in pending.map(\.account).uniqued() {
            guard let account = context.config.account(named: name) else {
                unknown.append(name)
                continue
            }
            let result = try await EditSender(store: store, readOnly: context.config.readOnly).sync(via: try context.client(account))
            for (entry, reason) in result.failed { Stderr.line("callscope: call \(entry.callID): \(reason)") }
            var summary = "\(name): \(result.sent.count) sent"
            if !result.failed.isEmpty { summary += ", \(result.failed.count) failed (still pending)" }
            if result.skipped > 0 { summary += ", \(result.skipped) being sent by another callscope" }
            Stdout.line(summary)
            failed += result.failed.count + result.skipped
        }
        if failed > 0 { Stderr.line("callscope: \(failed) edit\(failed == 1 ? "" : "s") still pending") }
        if !unknown.isEmpty {
            throw CommandFailure.usage("pending edits of accounts not in \(context.paths.configFile.path): \(unknown.joined(separator: ", "))")
        }
        return failed
    }
}

extension Sequence where Element: Hashable {
    /// The elements in order, each once.
    func uniqued() -> [Element] {
        var seen = Set<Element>()
        return filter { seen.insert($0).inserted }
    }
}
