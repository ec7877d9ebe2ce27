import ArgumentParser
import CallScopeKit
import CallScopeStore
import Foundation

struct AnnotateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "annotate",
        abstract: "Write a call's note and/or tags, and print the updated call.",
        discussion: """
        OMICall keeps notes and tags itself: the edit is stored first, then sent; when the send fails it stays
        pending (exit 1) and `callscope sync` sends it later. The other providers have no notes API: notes and
        tags are kept in the local store. --tag adds to the call's tags; --clear-tags empties them first.
        Read-only (readonly = true in the config, or --readonly), nothing is written: exit 2.
        """
    )

    @Option(help: "The account's name in the config.") var account: String
    @Argument(help: "The call's id.") var id: String
    @Option(help: "The new note (replaces the note; an empty text removes it).") var note: String?
    @Option(name: .customLong("tag"), help: "A tag to add (repeat for several).") var tags: [String] = []
    @Flag(help: "Remove the call's tags before adding --tag ones.") var clearTags = false
    @OptionGroup var readOnly: ReadOnlyFlag

    var change: AnnotationChange { AnnotationChange(note: note, addTags: tags, clearTags: clearTags) }

    func validate() throws {
        if change.isEmpty { throw ValidationError("nothing to write: give --note, --tag or --clear-tags") }
    }

    func run() async throws {
        let context = try CommandContext.load(readOnly)
        let account = try context.account(self.account)
        // Refused before the call is looked up; the cached client would refuse the write anyway.
        if context.config.readOnly { throw CallScopeError.readOnly(account: account.name) }
        let store = try await context.store()
        let client = try context.cachedClient(account, store: store)
        let current = try await Self.current(id, client: client, store: store)
        let (note, tags) = change.applied(to: current)
        let updated = try await client.annotate(id: id, note: note, tags: tags)
        FileHandle.standardOutput.write(Data((updated.jsonText(includeRaw: true, pretty: true) + "\n").utf8))
    }

    /// The call's note and tags now: from the provider, else (unreachable) the stored copy.
    /// A call known to neither cannot be edited: adding a tag needs the tags it has.
    static func current(_ id: String, client: CachedCallProvider, store: any CallStoring) async throws -> CallRecord {
        do {
            return try await client.call(id: id)
        } catch {
            guard let stored = try await store.call(account: client.account.name, id: id) else { throw error }
            Stderr.line("callscope: \(error)")
            Stderr.line("callscope: editing the stored copy of call \(id)")
            return stored
        }
    }
}
