import Foundation

/// How far a download has come, for a progress bar.
public struct DownloadProgress: Sendable, Equatable {
    /// Bytes in the file so far, counting those of a resumed part.
    public var received: Int64
    /// The file's whole size, when the server says it.
    public var total: Int64?
    /// Bytes received in this run per second.
    public var bytesPerSecond: Double

    public init(received: Int64, total: Int64?, bytesPerSecond: Double) {
        self.received = received
        self.total = total
        self.bytesPerSecond = bytesPerSecond
    }

    /// 0…1 when the size is known.
    public var fraction: Double? {
        guard let total, total > 0 else { return nil }
        return min(1, Double(received) / Double(total))
    }
}

extension DownloadProgress {
    /// `29.0 KB of 64.0 KB · 45% · 16.0 KB/s` (the parts that are known).
    public var summary: String { [amount, percent, rate].compactMap { $0 }.joined(separator: " · ") }

    /// `29.0 KB of 64.0 KB`, or `29.0 KB` when the size is unknown.
    public var amount: String { ByteCount.text(received) + (total.map { " of " + ByteCount.text($0) } ?? "") }

    /// `45%`, when the size is known.
    public var percent: String? { fraction.map { "\(Int($0 * 100))%" } }

    /// `16.0 KB/s`, once bytes have come.
    public var rate: String? { bytesPerSecond > 0 ? ByteCount.text(Int64(bytesPerSecond)) + "/s" : nil }

    /// A bar of `width` cells (`█` done, `░` to go); empty when the size is unknown.
    public func bar(width: Int) -> String {
        guard let fraction, width > 0 else { return "" }
        let done = Int((fraction * Double(width)).rounded(.down))
        return String(repeating: "█", count: done) + String(repeating: "░", count: width - done)
    }
}

/// Sizes for people: `812 B`, `64.0 KB`, `13.7 MB`, `1.2 GB` (powers of 1024).
public enum ByteCount {
    public static func text(_ bytes: Int64) -> String {
        guard bytes >= 1024 else { return "\(bytes) B" }
        var value = Double(bytes) / 1024
        for unit in ["KB", "MB", "GB"] {
            if value < 1024 || unit == "GB" { return String(format: "%.1f", value) + " " + unit }
            value /= 1024
        }
        return "\(bytes) B"
    }
}
