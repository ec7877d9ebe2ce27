import ArgumentParser
import CallScopeKit
import CallScopeSandbox
import Foundation

/// Calls per second fetched through the provider library from the sandbox, as `calls` and the
/// TUI fetch them: CareSoft at its 15 requests/s with 500 per page (ceiling 7,500 calls/s), ICSOC
/// with cursors.
struct FetchBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "fetch", abstract: "Calls/s fetched from the sandbox for CareSoft and ICSOC.")

    @Option(help: "Calls per provider in the sandbox.") var calls = 200_000
    @Option(help: "Days of history fetched.") var days = 31.0
    @Option(help: "Runs per provider (the median is quoted).") var runs = 3

    func run() async throws {
        var options = SandboxOptions()
        options.callsPerProvider = calls
        let sandbox = Sandbox(options: options)
        let endpoints = try await sandbox.start()
        let accounts = try ConfigLoader.parse(SandboxConfig.toml(endpoints: endpoints, options: options), environment: [:]).config.accounts
        print("fetch: \(calls) calls per provider in the sandbox, the last \(Int(days)) days, \(runs) runs each, release build")
        for name in ["cs", "ic", "omi", "vb-camp"] {
            let account = accounts.first { $0.name == name }!
            let client = try ProviderClients.make(account, tokenCache: nil)
            var rates: [Double] = []
            var count = 0
            for _ in 0..<runs {
                let now = Date()
                let query = CallQuery(from: now.addingTimeInterval(-days * 86400), to: now)
                let elapsed = try await Measure.time { count = try await client.allCalls(query).count }
                rates.append(Double(count) / elapsed)
            }
            print("\(name.padding(8)) \(account.provider.rawValue.padding(14)) \(String(count).padding(8, left: true)) calls  median \(Measure.format(Measure.median(rates), 0).padding(7, left: true)) calls/s  (page \(account.pageSize)\(account.requestsPerSecond.map { ", \(Int($0)) requests/s" } ?? ""))")
        }
        await sandbox.stop()
    }
}
