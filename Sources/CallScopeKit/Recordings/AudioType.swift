import Foundation

/// What kind of audio a recording is: the file extension it gets, from its URL or, when the URL
/// has none (`…/uc?id=…`, `…/record/{id}`), from the answer's `Content-Type`.
public enum AudioType {
    /// Extensions taken from a URL as they are.
    public static let knownExtensions = ["mp3", "wav", "ogg", "oga", "opus", "m4a", "mp4", "aac", "flac", "webm", "amr", "gsm", "au", "wma"]

    static let byContentType: [String: String] = [
        "audio/mpeg": "mp3", "audio/mp3": "mp3", "audio/mpeg3": "mp3", "audio/x-mpeg": "mp3", "audio/x-mp3": "mp3",
        "audio/wav": "wav", "audio/x-wav": "wav", "audio/wave": "wav", "audio/vnd.wave": "wav",
        "audio/ogg": "ogg", "application/ogg": "ogg", "audio/opus": "opus",
        "audio/mp4": "m4a", "audio/x-m4a": "m4a", "audio/m4a": "m4a", "audio/aac": "aac", "audio/x-aac": "aac",
        "audio/flac": "flac", "audio/x-flac": "flac", "audio/webm": "webm", "audio/amr": "amr",
        "audio/gsm": "gsm", "audio/x-gsm": "gsm", "audio/basic": "au", "audio/x-ms-wma": "wma",
    ]

    /// A generic binary type, which says nothing either way.
    static let opaque: Set<String> = ["application/octet-stream", "binary/octet-stream", "application/binary", ""]

    /// The media type of a `Content-Type` value, lowercased, without parameters.
    static func mediaType(_ contentType: String?) -> String {
        (contentType ?? "").split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces).lowercased() } ?? ""
    }

    /// The URL's audio extension (`mp3` of `…/a.mp3?x=1`), if it has one.
    public static func fileExtension(of url: URL) -> String? {
        let ext = url.pathExtension.lowercased()
        return knownExtensions.contains(ext) ? ext : nil
    }

    /// The extension for an answer, or nil when the answer is not audio: an audio type (or a
    /// generic binary one from a URL that names an audio file). The URL's extension wins.
    public static func fileExtension(url: URL, contentType: String?) -> String? {
        let media = mediaType(contentType)
        let fromURL = fileExtension(of: url)
        if opaque.contains(media) { return fromURL }
        guard media.hasPrefix("audio/") || byContentType[media] != nil else { return nil }
        if let fromURL { return fromURL }
        if let known = byContentType[media] { return known }
        // audio/x-something: "something" when it makes a plain extension.
        let subtype = media.dropFirst("audio/".count).replacingOccurrences(of: "x-", with: "")
        return !subtype.isEmpty && subtype.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }) ? subtype : "audio"
    }
}
