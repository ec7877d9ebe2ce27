import Foundation
import GRDB

/// A store file that a newer callscope migrated holds tables this one does not know: it is refused
/// before anything opens it for writing, so nothing in it changes (no migration, no write, no WAL
/// checkpoint, which only a read-write connection runs when it closes).
enum StoreVersion {
    static func refuseNewer(_ file: URL) throws {
        var configuration = Configuration()
        configuration.readonly = true
        configuration.label = "callscope.store.version"
        let superseded: Bool
        do {
            let reader = try DatabaseQueue(path: file.path, configuration: configuration)
            superseded = try reader.read { try StoreSchema.migrator.hasBeenSuperseded($0) }
            try reader.close()
        } catch {
            throw StoreError.open(path: file.path, detail: "\(error)")
        }
        if superseded { throw StoreError.writtenByNewerVersion(path: file.path) }
    }
}
