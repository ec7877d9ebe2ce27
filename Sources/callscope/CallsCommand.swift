import ArgumentParser
import CallScopeKit
import CallScopeStore
import Foundation

struct CallsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "calls",
        abstract: "Fetch calls and print them as normalized records, newest first.",
        discussion: """
        --from/--to take RFC 3339, a date YYYY-MM-DD (account zone), or a relative -7d, -24h; both bounds
        are inclusive; default: the last 24 hours. Default format: table on a terminal, ndjson otherwise.
        The range is brought into the local store (only what it does not have yet, and the newest hour), then
        printed from it; --offline reads only the store, --refresh fetches the whole range again.
        --follow 30s then syncs the newest calls every interval and prints those that arrived, each once,
        oldest first, until interrupted (SIGINT or SIGTERM: exit 0).
        """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case table, ndjson, json, csv
    }

    @Option(help: "The account's name in the config.") var account: String
    // Unconditional: the spec's relative values (`-7d`) begin with a dash.
    @Option(parsing: .unconditional, help: "Start of the range (inclusive).") var from: String?
    @Option(parsing: .unconditional, help: "End of the range (inclusive).") var to: String?
    @Option(help: "Calls from or to this number.") var phone: String?
    @Option(help: "Calls of this agent (extension or id).") var agent: String?
    @Option(help: "inbound, outbound, internal or unknown.") var direction: Direction?
    @Option(help: "A normalized disposition: answered, missed, busy, failed, unknown.") var status: Disposition?
    @Option(help: "Stop after this many calls.") var limit: Int?
    @Option(help: "table, ndjson, json or csv.") var format: Format?
    @Flag(help: "Include the provider's raw object.") var raw = false
    @Flag(help: "Read only the local store (calls fetched or pushed before); no network.") var offline = false
    @Flag(help: "Fetch the whole range again, also the parts the store already has.") var refresh = false
    @Option(help: "After the range, print new calls as they arrive, syncing this often (30s, 5m; at least 5s), until interrupted.")
    var follow: String?
    @OptionGroup var readOnly: ReadOnlyFlag

    func validate() throws {
        if let limit, limit < 1 { throw ValidationError("--limit must be at least 1") }
        guard try FollowOption.interval(follow, offline: offline) != nil else { return }
        if to != nil { throw ValidationError("--follow prints calls up to now as time goes on: --to cannot be given with it") }
        if limit != nil { throw ValidationError("--follow prints calls until interrupted: --limit cannot be given with it") }
        if format == .json { throw ValidationError("--follow: a JSON array would never be closed; use --format ndjson (or csv, table)") }
    }

    func run() async throws {
        let context = try CommandContext.load(readOnly)
        let account = try context.account(self.account)
        let range = try TimeArgument.range(from: from, to: to, in: account.timeZone, now: Date())
        let query = CallQuery(from: range.from, to: range.to, phone: phone, agent: agent, direction: direction,
                              disposition: status, limit: limit)
        let store = try await context.store()
        let format = self.format ?? (isatty(1) == 1 ? .table : .ndjson)
        let zone = context.config.displayTimeZone ?? .current
        let engine = offline ? nil : SyncEngine(provider: try context.client(account), store: store, keepDays: context.config.keepDays)
        if let interval = try FollowOption.interval(follow, offline: offline), let engine {
            try await CallsFollow(engine: engine, account: account.name, query: query, includeRaw: raw, interval: interval, refresh: refresh)
                .run(format: format, displayZone: zone)
            return
        }
        var printer = try CallPrinter(format: format, includeRaw: raw, displayZone: zone)
        var synced: SyncResult?
        if let engine {
            let progress = SyncProgressLine(enabled: Stderr.isTerminal)
            defer { progress.finish() }
            synced = try await engine.sync(query, refresh: refresh, progress: progress.update)
        }
        do {
            try await printer.print(StoreQuery(account: account.name, query: query, includeRaw: raw), from: store, limit: limit)
            try printer.finish()
        } catch {
            try? printer.finish()
            throw error
        }
        if let line = synced?.oddValuesLine(account: account.name) { Stderr.line(line) }
    }
}

extension Direction: ExpressibleByArgument {}
extension Disposition: ExpressibleByArgument {}
