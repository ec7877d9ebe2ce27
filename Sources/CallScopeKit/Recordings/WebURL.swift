import Foundation

/// The only URLs callscope downloads or hands to another program (a browser, a player, the
/// clipboard): `http:` and `https:` with a host. A provider, a push or a team-store row can put
/// anything in `recording_url`: `file:///home/…`, a custom scheme the desktop hands to some
/// program, or `--gpu-launcher=…`, which a browser would read as an option.
public enum WebURL {
    /// The URL when it may be used, else nil.
    public static func parse(_ text: String) -> URL? {
        guard let url = URL(string: text), let scheme = url.scheme?.lowercased(), scheme == "http" || scheme == "https",
              let host = url.host, !host.isEmpty else { return nil }
        return url
    }

    /// Why `text` may not be opened, copied or downloaded; nil when it may.
    public static func refusal(_ text: String) -> String? {
        guard parse(text) == nil else { return nil }
        let scheme = URL(string: text)?.scheme
        return "the recording URL is not an http(s) URL" + (scheme.map { " (\($0):)" } ?? "")
    }
}
