/// Where each part of the screen goes for a size and state: title (row 0), the list's header and
/// rows, the detail pane (below the list, or beside it on wide terminals), the status line and
/// the footer (the last two rows).
public struct Layout: Sendable, Equatable {
    public let size: TerminalSize
    public let listHeader: Rect
    public let listBody: Rect
    public let detail: Rect?
    public let statusRow: Int
    public let footerRow: Int

    public static let wideColumns = 160

    public init(size: TerminalSize, detailOpen: Bool, sideBySide: Bool?) {
        self.size = size
        let rows = max(size.rows, 4), columns = max(size.columns, 10)
        statusRow = rows - 2
        footerRow = rows - 1
        let content = Rect(row: 1, column: 0, rows: max(1, rows - 3), columns: columns)
        let beside = sideBySide ?? (columns >= Self.wideColumns)
        if detailOpen, beside {
            let listColumns = columns * 11 / 20
            listHeader = Rect(row: content.row, column: 0, rows: 1, columns: listColumns)
            listBody = Rect(row: content.row + 1, column: 0, rows: max(0, content.rows - 1), columns: listColumns)
            detail = Rect(row: content.row, column: listColumns, rows: content.rows, columns: columns - listColumns)
        } else if detailOpen {
            let listRows = max(3, content.rows * 2 / 5)
            listHeader = Rect(row: content.row, column: 0, rows: 1, columns: columns)
            listBody = Rect(row: content.row + 1, column: 0, rows: max(0, listRows - 1), columns: columns)
            detail = Rect(row: content.row + listRows, column: 0, rows: content.rows - listRows, columns: columns)
        } else {
            listHeader = Rect(row: content.row, column: 0, rows: 1, columns: columns)
            listBody = Rect(row: content.row + 1, column: 0, rows: max(0, content.rows - 1), columns: columns)
            detail = nil
        }
    }

    public init(_ state: AppState) {
        self.init(size: state.size, detailOpen: state.detail.open, sideBySide: state.detail.sideBySide)
    }

    /// Rows of calls on screen.
    public var visibleRows: Int { max(1, listBody.rows) }
}
