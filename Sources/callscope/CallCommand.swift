import ArgumentParser
import CallScopeKit
import CallScopeStore
import Foundation

struct CallCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "call",
        abstract: "Print one call as JSON, with the provider's raw object and the call's note and tags."
    )

    @Option(help: "The account's name in the config.") var account: String
    @Argument(help: "The call's id.") var id: String
    @Flag(help: "Read only the local store; no network.") var offline = false
    @OptionGroup var readOnly: ReadOnlyFlag

    func run() async throws {
        let context = try CommandContext.load(readOnly)
        let account = try context.account(self.account)
        let store = try await context.store()
        let record: CallRecord
        if offline {
            guard let stored = try await store.call(account: account.name, id: id) else {
                throw StoreError.notCached(account: account.name, id: id)
            }
            record = stored
        } else {
            record = try await context.cachedClient(account, store: store).call(id: id)
        }
        FileHandle.standardOutput.write(Data((record.jsonText(includeRaw: true, pretty: true) + "\n").utf8))
        try await AnnotationNotice.print(store: store, account: account.name, id: id)
    }
}

/// A line on stderr when a call's note or tags are not yet at the provider.
enum AnnotationNotice {
    static func print(store: any CallStoring, account: String, id: String) async throws {
        let state = try await store.annotationState(account: account, id: id)
        guard state != .synced else { return }
        Stderr.line("callscope: \(account): call \(id): the note and tags shown are not at the provider yet (\(state)); `callscope sync --account \(account)` sends them")
    }
}
