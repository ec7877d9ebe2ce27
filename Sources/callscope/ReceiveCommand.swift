import ArgumentParser
import CallScopeKit
import CallScopeReceiver
import CallScopeStore
import Foundation

struct ReceiveCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "receive",
        abstract: "Receive ICSOC CDR pushes and store them under the account.",
        discussion: """
            Accepts POST on any path. Each push is verified with the account's push_secret, decrypted when \
            encrypted, and committed to the local store before {"code":0} is answered. Refusals are logged on \
            stderr, one line each. SIGTERM or SIGINT finishes the requests in flight, then exits.
            """
    )

    @Option(help: "The ICSOC account (with push_secret) to store the calls under.") var account: String
    @Option(help: "Where to listen, HOST:PORT (port 0: any free port).") var listen = "127.0.0.1:8787"
    @OptionGroup var readOnly: ReadOnlyFlag

    func run() async throws {
        let (host, port) = try Self.parseListen(listen)
        let context = try CommandContext.load(readOnly)
        let account = try context.account(self.account)
        let receiver = try Self.receiver(for: account, host: host, port: port, store: try await context.store(), log: { Stderr.line($0) })
        do {
            try await receiver.run { bound in
                // written at once (not buffered): a supervisor or a test waits for this line
                FileHandle.standardOutput.write(Data((Self.listeningLine(account: account.name, host: host, port: bound) + "\n").utf8))
            }
        } catch {
            throw CommandFailure(message: "receiver on \(listen): \(error)", exitCode: 1)
        }
    }

    /// Where the receiver listens, its port bound (the kernel's choice for port 0).
    static func listeningLine(account: String, host: String, port: Int) -> String {
        "receiving ICSOC pushes for \(account) on http://\(host.contains(":") ? "[\(host)]" : host):\(port)/"
    }

    /// The receiver of an ICSOC account's pushes, or a usage error naming what is missing.
    static func receiver(for account: AccountConfig, host: String, port: Int, store: any CallStoring,
                         log: @escaping @Sendable (String) -> Void) throws -> PushReceiver {
        guard let icsoc = account.icsoc else {
            throw CommandFailure.usage("account '\(account.name)' is \(account.provider.rawValue), not icsoc: only ICSOC pushes calls")
        }
        guard let secret = icsoc.pushSecret?.reveal, !secret.isEmpty else {
            throw CommandFailure.usage("account '\(account.name)' has no push_secret in the config")
        }
        return PushReceiver(settings: .init(account: account.name, timeZone: account.timeZone, secret: secret, host: host, port: port),
                            store: store, log: log)
    }

    /// `HOST:PORT`, `[v6]:PORT` or `:PORT` (127.0.0.1).
    static func parseListen(_ text: String) throws -> (String, Int) {
        guard let colon = text.lastIndex(of: ":"), let port = Int(text[text.index(after: colon)...]), (0...65535).contains(port) else {
            throw CommandFailure.usage("--listen '\(text)' is not HOST:PORT")
        }
        var host = String(text[..<colon])
        if host.hasPrefix("["), host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        return (host.isEmpty ? "127.0.0.1" : host, port)
    }
}
