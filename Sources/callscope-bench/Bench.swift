import ArgumentParser

@main
struct Bench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "callscope-bench",
        abstract: "Measures callscope's speed. Compare ratios within one run; quote medians.",
        subcommands: [SandboxBench.self, FetchBench.self, TUIBench.self, StoreBench.self, ReportBench.self, CallsBench.self, SyncBench.self, ReceiverLoadBench.self, DownloadBench.self]
    )
}
