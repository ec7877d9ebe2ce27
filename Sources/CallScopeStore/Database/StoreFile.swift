import Foundation

/// The store's files are private: the folder 0700, the database 0600 before SQLite first opens
/// it (SQLite gives its `-wal` and `-shm` files the database's mode), and an existing file with
/// wider permissions narrowed.
enum StoreFile {
    static func prepare(_ file: URL) throws {
        let manager = FileManager.default
        let folder = file.deletingLastPathComponent()
        do {
            if !manager.fileExists(atPath: folder.path) {
                try manager.createDirectory(at: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            }
        } catch {
            throw StoreError.open(path: file.path, detail: "cannot create the folder: \(error.localizedDescription)")
        }
        let descriptor = open(file.path, O_RDWR | O_CREAT, 0o600)
        guard descriptor >= 0 else { throw StoreError.open(path: file.path, detail: String(cString: strerror(errno))) }
        close(descriptor)
        for path in [file.path, file.path + "-wal", file.path + "-shm"] where manager.fileExists(atPath: path) {
            guard chmod(path, 0o600) == 0 else { throw StoreError.open(path: path, detail: String(cString: strerror(errno))) }
        }
    }
}
