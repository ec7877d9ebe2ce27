import ArgumentParser
import CallScopeKit
import Foundation

struct AccountsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "accounts",
        abstract: "List the configured accounts (secrets masked) and check that each can be reached."
    )

    @Flag(help: "Only list; do not contact the providers.") var noCheck = false
    @OptionGroup var readOnly: ReadOnlyFlag

    func run() async throws {
        let context = try CommandContext.load(readOnly)
        let accounts = context.config.accounts
        let checks: [String: String] = noCheck ? [:] : await withTaskGroup(of: (String, String).self) { group in
            for account in accounts {
                group.addTask { (account.name, await Self.check(account, context: context)) }
            }
            var results: [String: String] = [:]
            for await (name, result) in group { results[name] = result }
            return results
        }
        for account in accounts {
            Stdout.line("[\(account.name)]")
            for field in account.displayFields where field.key != "name" {
                Stdout.line("  \(field.key.padding(toLength: 20, withPad: " ", startingAt: 0)) \(field.value)")
            }
            if let result = checks[account.name] { Stdout.line("  \("reachable".padding(toLength: 20, withPad: " ", startingAt: 0)) \(result)") }
        }
        if checks.values.contains(where: { !$0.hasPrefix("yes") }) {
            throw CommandFailure(message: "some accounts could not be reached", exitCode: 1)
        }
    }

    /// One small request (the last hour, one call) through the account's real login and API.
    static func check(_ account: AccountConfig, context: CommandContext) async -> String {
        let started = ContinuousClock.now
        do {
            let client = try context.client(account)
            let now = Date()
            _ = try await client.allCalls(CallQuery(from: now.addingTimeInterval(-3600), to: now, limit: 1))
            let elapsed = ContinuousClock.now - started
            return "yes (\(elapsed.components.seconds * 1000 + elapsed.components.attoseconds / 1_000_000_000_000_000) ms)"
        } catch {
            return "no: \(error)"
        }
    }
}
