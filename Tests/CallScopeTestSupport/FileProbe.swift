import Foundation

/// What a test asks of a path without following a link there: its kind and its mode.
public enum FileProbe {
    public enum Kind: Equatable { case none, file, folder, link, other }

    public static func kind(_ url: URL) -> Kind {
        var info = stat()
        guard lstat(url.path, &info) == 0 else { return .none }
        switch info.st_mode & S_IFMT {
        case S_IFREG: return .file
        case S_IFDIR: return .folder
        case S_IFLNK: return .link
        default: return .other
        }
    }

    /// The permission bits (`0o600`), of the path itself.
    public static func mode(_ url: URL) -> Int {
        var info = stat()
        guard lstat(url.path, &info) == 0 else { return -1 }
        return Int(info.st_mode & 0o777)
    }

    /// A file elsewhere that a planted link points at, with what it holds.
    public static func target(in folder: URL, holding text: String = "the victim's file") throws -> (url: URL, bytes: Data) {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let url = folder.appendingPathComponent("victim-\(UUID().uuidString)")
        let bytes = Data(text.utf8)
        try bytes.write(to: url)
        return (url, bytes)
    }
}
