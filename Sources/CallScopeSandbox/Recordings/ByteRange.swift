/// What a `Range` request header asks of a body of `length` bytes (RFC 9110 §14), as a server
/// that honours one range of bytes reads it.
enum ByteRange: Equatable {
    /// Send the whole body (200): no header, or one this server ignores, as RFC 9110 allows
    /// (another unit, several ranges, bad syntax).
    case whole
    case part(Range<Int>)
    /// 416: the range starts past the end.
    case unsatisfiable

    init(header: String?, length: Int) {
        guard let header, header.hasPrefix("bytes=") else { self = .whole; return }
        let spec = header.dropFirst("bytes=".count).trimmingCharacters(in: .whitespaces)
        let bounds = spec.split(separator: "-", maxSplits: 1, omittingEmptySubsequences: false)
        guard !spec.contains(","), bounds.count == 2 else { self = .whole; return }
        let first = Int(bounds[0]), last = Int(bounds[1])
        switch (bounds[0].isEmpty, bounds[1].isEmpty) {
        case (true, false):
            // `-N`: the last N bytes.
            guard let suffix = last else { self = .whole; return }
            self = suffix == 0 || length == 0 ? .unsatisfiable : .part(max(0, length - suffix)..<length)
        case (false, _):
            guard let first, bounds[1].isEmpty || (last.map { $0 >= first } ?? false) else { self = .whole; return }
            self = first >= length ? .unsatisfiable : .part(first..<min(length, (last ?? length - 1) + 1))
        default:
            self = .whole
        }
    }
}
