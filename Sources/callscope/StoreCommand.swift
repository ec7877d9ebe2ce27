import ArgumentParser
import CallScopeKit
import CallScopeStore
import CallScopeText
import Foundation

/// `callscope store info` and `callscope store prune`: the store's upkeep.
struct StoreCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "store",
        abstract: "What the store holds, and deleting old calls from it.",
        subcommands: [StoreInfoCommand.self, StorePruneCommand.self]
    )
}

struct StoreInfoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "info",
        abstract: "Per account: calls, the oldest and newest start, the synced spans; the store's size and bytes a call."
    )

    @Option(help: "Only this account.") var account: String?
    @OptionGroup var readOnly: ReadOnlyFlag

    func run() async throws {
        let context = try CommandContext.load(readOnly)
        let store = try await context.store()
        let info = try await store.info(account: account)
        if let account { try StoreAccountCheck.known(account, in: info, context) }
        let zone = context.config.displayTimeZone ?? .current
        for stored in info.accounts {
            let provider = context.config.account(named: stored.account).map { " (\($0.provider.rawValue))" } ?? " (not in the config)"
            var line = "\(stored.account)\(provider): \(Count.grouped(stored.calls)) call\(stored.calls == 1 ? "" : "s")"
            if let oldest = stored.oldest, let newest = stored.newest {
                line += ", \(StoreTimes.text(oldest, zone)) → \(StoreTimes.text(newest, zone))"
            }
            Stdout.line(line)
            for span in stored.spans {
                Stdout.line("  synced \(StoreTimes.text(span.from, zone)) → \(StoreTimes.text(span.to, zone)) (at \(StoreTimes.text(span.syncedAt, zone)))")
            }
        }
        let where_ = context.config.store.map { "the team store, \($0.url)" } ?? "\(context.paths.dataDirectory.appendingPathComponent(CallStore.fileName).path)"
        let perCall = info.calls > 0 ? ", \(Count.grouped(Int(info.bytes / Int64(info.calls)))) bytes a call" : ""
        Stdout.line("store: \(ByteCount.text(info.bytes))\(perCall) (\(where_))")
    }
}

struct StorePruneCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "prune",
        abstract: "Delete the calls that started before a time, with their local notes and tags (edits still to send stay).",
        discussion: """
        --older-than takes an age (400d, 12w, 36h) or a time as --from does (2025-01-01). The synced spans are cut \
        too, so a later `calls` of that range asks the provider again. The team store drops whole month partitions \
        where it can (without --account).
        """
    )

    @Option(help: "Delete calls that started before this: an age (400d) or a time (2025-01-01).") var olderThan: String
    @Option(help: "Only this account.") var account: String?
    @Flag(help: "Only count what would be deleted.") var dryRun = false
    @OptionGroup var readOnly: ReadOnlyFlag

    func run() async throws {
        let context = try CommandContext.load(readOnly)
        let zone = context.config.displayTimeZone ?? .current
        let cutoff = try Self.cutoff(olderThan, zone: zone, now: Date())
        let store = try await context.store()
        if let account { try StoreAccountCheck.known(account, in: try await store.info(account: account), context) }
        let outcome = try await store.prune(startedBefore: cutoff, account: account, dryRun: dryRun)
        let calls = "\(Count.grouped(outcome.calls)) call\(outcome.calls == 1 ? "" : "s") started before \(StoreTimes.text(cutoff, zone))"
        Stdout.line(dryRun ? "would delete \(calls)" : "deleted \(calls)"
                    + (outcome.droppedMonths.isEmpty ? "" : " (\(outcome.droppedMonths.count) month partitions dropped whole)"))
    }

    /// `400d` is 400 days ago (as `--from -400d`); anything else is read as `--from` reads it.
    static func cutoff(_ text: String, zone: TimeZone, now: Date) throws -> Date {
        let relative = text.first?.isNumber == true && text.last?.isLetter == true
        return try TimeArgument.parse(relative ? "-" + text : text, as: .from, in: zone, now: now)
    }
}

/// A name given to `--account` that is neither configured nor in the store is a typo, not an empty account.
enum StoreAccountCheck {
    static func known(_ name: String, in info: StoreInfo, _ context: CommandContext) throws {
        let inStore = info.accounts.contains { $0.account == name && ($0.calls > 0 || !$0.spans.isEmpty) }
        if !inStore { _ = try context.account(name) }
    }
}

/// `2026-11-05 13:08` in the display zone.
enum StoreTimes {
    static func text(_ date: Date, _ zone: TimeZone) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = zone
        formatter.dateFormat = "yyyy-MM-dd HH:mm"
        return formatter.string(from: date)
    }
}
