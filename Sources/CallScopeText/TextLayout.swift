/// Where a value sits in a space wider than itself.
public enum Alignment: Sendable, Hashable {
    case left, right, center
}

/// Which end of a too-long value gives way to `…`.
public enum Truncation: Sendable, Hashable {
    /// "Nguyễn Văn…" (the default).
    case end
    /// "…/4bae18d9c8a3.mp3": keeps the end, for URLs and paths.
    case start
    /// "20221104…LSKMQKWP-268": keeps both ends, for identifiers.
    case middle
}

/// Pure text fitting by display width. Everything goes through `CellText.clusters`, so the
/// input is sanitised and normalised first.
public enum TextLayout {
    public static let ellipsis = CellText(text: "\u{2026}", width: 1)  // …

    /// The cell clusters of `text` that fit in `width` cells. A value longer than the space ends
    /// (or starts, or is cut in the middle) with `…`; nothing is cut mid-character: a wide
    /// character that does not fit is left out whole, so the result may be one cell narrower
    /// than `width`. Returns the clusters and the cells they cover.
    public static func fit(_ text: String, width: Int, truncation: Truncation = .end) -> (cells: [CellText], width: Int) {
        fit(clusters: CellText.clusters(of: text), width: width, truncation: truncation)
    }

    public static func fit(clusters: [CellText], width: Int, truncation: Truncation = .end) -> (cells: [CellText], width: Int) {
        guard width > 0 else { return ([], 0) }
        let total = clusters.reduce(0) { $0 + $1.width }
        if total <= width { return (clusters, total) }
        let budget = width - 1  // one cell for the ellipsis
        switch truncation {
        case .end:
            let head = prefix(clusters, budget: budget)
            return (head.cells + [ellipsis], head.width + 1)
        case .start:
            let tail = suffix(clusters, budget: budget)
            return ([ellipsis] + tail.cells, tail.width + 1)
        case .middle:
            let head = prefix(clusters, budget: (budget + 1) / 2)
            let tail = suffix(clusters, budget: budget - head.width)
            return (head.cells + [ellipsis] + tail.cells, head.width + 1 + tail.width)
        }
    }

    package static func prefix(_ clusters: [CellText], budget: Int) -> (cells: [CellText], width: Int) {
        var used = 0
        var out: [CellText] = []
        for c in clusters {
            if used + c.width > budget { break }
            out.append(c)
            used += c.width
        }
        return (out, used)
    }

    static func suffix(_ clusters: [CellText], budget: Int) -> (cells: [CellText], width: Int) {
        var used = 0
        var out: [CellText] = []
        for c in clusters.reversed() {
            if used + c.width > budget { break }
            out.append(c)
            used += c.width
        }
        return (out.reversed(), used)
    }

    /// `text` fitted into `width` cells (truncated with `…` if needed), as a sanitised String,
    /// not padded.
    public static func truncate(_ text: String, width: Int, truncation: Truncation = .end) -> String {
        fit(text, width: width, truncation: truncation).cells.map(\.text).joined()
    }

    /// `text` fitted into exactly `width` cells: truncated with `…` if longer, padded with spaces
    /// on the side(s) `alignment` says if shorter. The result's display width is always `width`
    /// (for `width` ≥ 0).
    public static func pad(_ text: String, width: Int, alignment: Alignment = .left, truncation: Truncation = .end) -> String {
        let (cells, used) = fit(text, width: width, truncation: truncation)
        let spare = max(0, width - used)
        let body = cells.map(\.text).joined()
        switch alignment {
        case .left: return body + String(repeating: " ", count: spare)
        case .right: return String(repeating: " ", count: spare) + body
        case .center:
            let left = spare / 2
            return String(repeating: " ", count: left) + body + String(repeating: " ", count: spare - left)
        }
    }
}
