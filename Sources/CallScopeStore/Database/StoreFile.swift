import CallScopeKit
import Foundation

/// The store's files are private: the folder 0700, the database 0600 before SQLite first opens
/// it (SQLite gives its `-wal` and `-shm` files the database's mode), and an existing file with
/// wider permissions narrowed. A symbolic link at any of the three names is refused: SQLite would
/// follow it.
enum StoreFile {
    static func prepare(_ file: URL) throws {
        do throws(FileFailure) {
            try PrivateFile.createFolder(file.deletingLastPathComponent())
            for companion in [file.path + "-wal", file.path + "-shm"].map(URL.init(fileURLWithPath:)) {
                try PrivateFile.refuseLink(at: companion, step: "cannot open the file")
                if FileManager.default.fileExists(atPath: companion.path) { close(try PrivateFile.open(companion, .append)) }
            }
            close(try PrivateFile.open(file, .append))
        } catch {
            throw StoreError.open(path: error.path, detail: error.description)
        }
    }
}
