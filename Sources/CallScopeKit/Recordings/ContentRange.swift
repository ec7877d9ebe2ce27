/// A `Content-Range` answer header: `bytes 100-199/1000`, or `bytes */1000` with a 416.
struct ContentRange: Equatable {
    /// The first byte sent; nil in `bytes */N`.
    var start: Int64?
    var total: Int64?

    init?(_ header: String?) {
        guard let header, header.hasPrefix("bytes ") else { return nil }
        let parts = header.dropFirst("bytes ".count).split(separator: "/", maxSplits: 1)
        guard parts.count == 2 else { return nil }
        total = parts[1] == "*" ? nil : Int64(parts[1])
        if parts[0] == "*" {
            start = nil
        } else {
            guard let first = parts[0].split(separator: "-").first, let value = Int64(first) else { return nil }
            start = value
        }
    }
}
