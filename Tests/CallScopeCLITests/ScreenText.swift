/// What the tests read off a captured screen.
extension String {
    var lines: [String] { split(separator: "\n", omittingEmptySubsequences: false).map(String.init) }

    /// The row with the selection marker.
    var selectedRow: String? { lines.first { $0.hasPrefix("▶") } }

    /// The list's rows: a marker column, then the day and time (`▶21 09:12:03`).
    var callRows: [String] {
        lines.filter { line in
            let chars = Array(line.prefix(12))
            return chars.count == 12 && (chars[0] == "▶" || chars[0] == " ") && chars[1].isNumber && chars[2].isNumber
                && chars[3] == " " && chars[6] == ":" && chars[9] == ":"
        }
    }
}
