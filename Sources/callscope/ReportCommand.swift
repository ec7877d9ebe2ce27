import ArgumentParser
import CallScopeKit
import CallScopeStore
import CallScopeText
import Foundation

struct ReportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Count an account's calls over a range: by disposition, direction, agent and hour.",
        discussion: """
        --from/--to as for `calls` (default: the last 24 hours). The range is fetched into the local store, then
        counted there; --offline counts the store as it is. OMICall's own report of the range is included
        (provider_report). Default format: table on a terminal, json otherwise.
        """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case table, json, csv
    }

    @Option(help: "The account's name in the config.") var account: String
    // Unconditional: the spec's relative values (`-7d`) begin with a dash.
    @Option(parsing: .unconditional, help: "Start of the range (inclusive).") var from: String?
    @Option(parsing: .unconditional, help: "End of the range (inclusive).") var to: String?
    @Flag(help: "Count only the local store (calls fetched or pushed before); no network.") var offline = false
    @Option(help: "table, json or csv.") var format: Format?
    @OptionGroup var readOnly: ReadOnlyFlag

    func run() async throws {
        let context = try CommandContext.load(readOnly)
        let account = try context.account(self.account)
        let range = try TimeArgument.range(from: from, to: to, in: account.timeZone, now: Date())
        let format = self.format ?? (isatty(1) == 1 ? .table : .json)
        let zone = context.config.displayTimeZone ?? .current
        // The table draws days when the range is long; the machine forms always give UTC hours.
        let slicing = format == .table ? ReportText.slicing(for: range, zone: zone) : .hours
        let progress = SyncProgressLine(enabled: Stderr.isTerminal)
        let report: CallReport
        do {
            report = try await context.cachedClient(account, store: try context.store())
                .report(CallQuery(from: range.from, to: range.to), slicing: slicing, offline: offline, progress: progress.update)
            progress.finish()
        } catch {
            progress.finish()
            throw error
        }
        switch format {
        case .json: FileHandle.standardOutput.write(Data((report.json.serialized(pretty: true) + "\n").utf8))
        case .csv: FileHandle.standardOutput.write(Data(([CallReport.csvHeader] + report.csvRows).map(CSVFormat.row).joined().utf8))
        case .table: for line in ReportTable(report, zone: zone).lines { Stdout.line(line) }
        }
    }
}
