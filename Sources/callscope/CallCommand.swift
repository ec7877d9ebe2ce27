import ArgumentParser
import CallScopeKit
import Foundation

struct CallCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "call", abstract: "Print one call as JSON, with the provider's raw object.")

    @Option(help: "The account's name in the config.") var account: String
    @Argument(help: "The call's id.") var id: String

    func run() async throws {
        let context = try CommandContext.load()
        let record = try await context.client(try context.account(account)).call(id: id)
        FileHandle.standardOutput.write(Data((record.jsonText(includeRaw: true, pretty: true) + "\n").utf8))
    }
}
