import ArgumentParser
import CallScopeKit
import CallScopePostgres
import CallScopeStore
import Foundation

@main
struct CallScope: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "callscope",
        abstract: "Browse the call history of your telephony providers: CareSoft, OMICall, VBot and ICSOC.",
        version: "callscope \(CallScopeKitVersion.string)",
        subcommands: [TUICommand.self, CallsCommand.self, CallCommand.self, ReportCommand.self, AnnotateCommand.self, SyncCommand.self,
                      DownloadCommand.self, AccountsCommand.self, SandboxCommand.self, ReceiveCommand.self, StoreCommand.self],
        defaultSubcommand: TUICommand.self
    )

    /// Runs the command and exits with the contract's codes: 0 success, 1 a provider or network
    /// failure, 2 bad usage or bad config (ArgumentParser's own usage code, 64, becomes 2).
    static func main() async {
        do {
            var command = try parseAsRoot()
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            Foundation.exit(report(error))
        }
    }

    /// Prints what went wrong where the user will see it and returns the exit status.
    static func report(_ error: any Error) -> Int32 {
        let (message, code): (String, Int32)
        switch error {
        case let error as CallScopeError: (message, code) = ("callscope: \(error)", error.exitCode)
        case let error as ConfigError:
            // One line a problem of the config file.
            Stderr.lines("callscope: \(error)")
            return error.exitCode
        case let error as TimeArgumentError: (message, code) = ("callscope: \(error)", error.exitCode)
        case let error as CommandFailure: (message, code) = (error.message.isEmpty ? "" : "callscope: \(error.message)", error.exitCode)
        case let error as EditNotSent: (message, code) = ("callscope: \(error)", 1)
        case let error as StoreError: (message, code) = ("callscope: \(error)", error.exitCode)
        case let error as DownloadError: (message, code) = ("callscope: \(error)", 1)
        case let error as TeamStoreError: (message, code) = ("callscope: \(error)", 1)
        default:
            let exit = exitCode(for: error)
            if exit == .success {
                print(fullMessage(for: error))
                return 0
            }
            // ArgumentParser's own usage text, several lines.
            Stderr.lines(fullMessage(for: error))
            return exit == .validationFailure ? 2 : exit.rawValue
        }
        if !message.isEmpty { Stderr.line(message) }
        return code
    }
}

/// A failure of the command line itself, with its exit status.
struct CommandFailure: Error {
    let message: String
    let exitCode: Int32

    static func usage(_ message: String) -> CommandFailure { CommandFailure(message: message, exitCode: 2) }
}
