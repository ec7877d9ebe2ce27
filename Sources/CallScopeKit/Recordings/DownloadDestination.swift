import Foundation

/// Where a recording is saved.
public enum DownloadDestination: Sendable, Equatable {
    /// `folder/{name}.{extension}`: the extension from the URL or, when it has none, from the
    /// answer's content type.
    case folder(URL, name: String)
    /// Exactly this file (`download --out PATH`).
    case file(URL)

    /// `{account}-{call id}` in `folder`, as cli-and-config.md names downloads. Characters a file
    /// name should not hold (`/`, control characters, spaces) become `_`.
    public static func standard(folder: URL, account: String, id: String) -> DownloadDestination {
        .folder(folder, name: safe(account) + "-" + safe(id))
    }

    public static func safe(_ text: String) -> String {
        let kept = String(text.unicodeScalars.map { scalar -> Character in
            scalar.isASCII && (CharacterSet.alphanumerics.contains(scalar) || "._-".unicodeScalars.contains(scalar)) ? Character(scalar) : "_"
        })
        return kept.hasPrefix(".") ? "_" + kept.dropFirst() : kept
    }

    /// The final file for an extension.
    func file(extension ext: String) -> URL {
        switch self {
        case .folder(let folder, let name): folder.appendingPathComponent("\(name).\(ext)")
        case .file(let url): url
        }
    }

    /// The part a download writes to before it is renamed to `final`.
    static func part(of final: URL) -> URL { final.deletingLastPathComponent().appendingPathComponent(final.lastPathComponent + ".part") }

    /// An interrupted download's part, if there is one: under the URL's extension first, else any
    /// audio extension (the type may have come from the answer).
    func existingPart(for url: URL) -> URL? {
        let candidates: [URL]
        switch self {
        case .file(let file): candidates = [Self.part(of: file)]
        case .folder:
            let exts = (AudioType.fileExtension(of: url).map { [$0] } ?? []) + AudioType.knownExtensions + ["audio"]
            candidates = exts.map { Self.part(of: file(extension: $0)) }
        }
        return candidates.first { PartFile.size(at: $0) != nil }
    }

    /// Creates the downloads folder (0700) when it is missing.
    func prepare() throws(DownloadError) {
        guard case .folder(let folder, _) = self else { return }
        do throws(FileFailure) { try PrivateFile.createFolder(folder) } catch { throw DownloadError(error) }
    }
}
