import CallScopeKit

/// Calls as an aligned text table. Column widths come from the first rows seen (a table of a
/// million calls is printed as it arrives, not held), never beyond each column's maximum;
/// longer values end in `…`. Alignment is by display width, so Vietnamese and Chinese line up.
public struct CallTable: Sendable {
    public let columns: [CallColumn]
    public let formatting: CallFormatting
    public private(set) var widths: [Int]

    public init(columns: [CallColumn] = CallColumns.table, formatting: CallFormatting, sizingRows: [CallRecord]) {
        self.columns = columns
        self.formatting = formatting
        widths = columns.map { column in
            let widest = sizingRows.map { DisplayWidth.of(column.text($0, formatting)) }.max() ?? 0
            return min(column.maxWidth, max(DisplayWidth.of(column.title), widest))
        }
    }

    public var header: String { line(columns.map(\.title)) }

    public func row(_ record: CallRecord) -> String { line(columns.map { $0.text(record, formatting) }) }

    private func line(_ values: [String]) -> String {
        var cells: [String] = []
        for (n, value) in values.enumerated() {
            // The last column is not padded, so lines carry no trailing spaces.
            cells.append(n == values.count - 1 ? TextLayout.truncate(value, width: widths[n])
                                               : TextLayout.pad(value, width: widths[n], alignment: columns[n].alignment))
        }
        return cells.joined(separator: "  ")
    }
}
