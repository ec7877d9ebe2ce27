import ArgumentParser

/// `callscope report`'s speed alone: the store bench's ingest of generated calls, then only its
/// report lines (the 1-year range by hour and by day, 30 days by hour), on SQLite or `--postgres`.
struct ReportBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Ingest --calls generated calls, then time the report over a year and over 30 days (options as for `store`)."
    )

    @Argument(parsing: .allUnrecognized, help: "Options of `store`: --calls, --repeats, --folder, --reuse, --postgres, --password-env.")
    var storeOptions: [String] = []

    func run() async throws {
        try await StoreBench.parse(storeOptions + ["--only-report"]).run()
    }
}
