import CallScopeText
/// Rows × columns of a terminal.
public struct TerminalSize: Hashable, Sendable, CustomStringConvertible {
    public var rows: Int
    public var columns: Int
    public init(rows: Int, columns: Int) {
        self.rows = max(0, rows)
        self.columns = max(0, columns)
    }
    public var description: String { "\(columns)×\(rows)" }
}

/// A cell position (0-based).
public struct Position: Hashable, Sendable {
    public var row: Int
    public var column: Int
    public init(row: Int, column: Int) {
        self.row = row
        self.column = column
    }
}

/// A rectangle of cells (0-based, `rows`×`columns` from `row`,`column`).
public struct Rect: Hashable, Sendable {
    public var row: Int
    public var column: Int
    public var rows: Int
    public var columns: Int
    public init(row: Int, column: Int, rows: Int, columns: Int) {
        self.row = row
        self.column = column
        self.rows = max(0, rows)
        self.columns = max(0, columns)
    }
    public var bottom: Int { row + rows }  // one past the last row
    public var right: Int { column + columns }  // one past the last column
    /// The rectangle inside a one-cell border.
    public var inset: Rect { Rect(row: row + 1, column: column + 1, rows: rows - 2, columns: columns - 2) }
}

/// One screen cell. A wide character occupies its cell (width 2) and the next one, which is a
/// *continuation* cell (width 0, empty text). Only `ScreenBuffer` makes cells, from sanitised
/// text, so a cell never holds a control character.
public struct Cell: Hashable, Sendable {
    /// The cell's characters: one spacing character and up to four zero-width ones; "" for a
    /// continuation cell.
    public private(set) var text: String
    /// 1 or 2 for a cell that starts a character, 0 for the right half of a wide character.
    public private(set) var width: Int
    public var style: Style

    public var isContinuation: Bool { width == 0 }

    static func blank(_ style: Style) -> Cell { Cell(text: " ", width: 1, style: style) }
    static func continuation(_ style: Style) -> Cell { Cell(text: "", width: 0, style: style) }
    init(text: String, width: Int, style: Style) {
        self.text = text
        self.width = width
        self.style = style
    }
}

/// The whole screen as a value: what rendering produces from state and size, what a backend
/// shows. All text enters through `put` (or the box/line helpers), which sanitise it and place it
/// by display width.
///
/// Text form for snapshot tests (`text`, `lines`, `line(_:)`): one String per row, a wide character
/// once (its continuation cell adds nothing), **trailing spaces trimmed**; `line(_:trimmed: false)`
/// keeps them, so every untrimmed row has display width `columns`.
public struct ScreenBuffer: Hashable, Sendable {
    public let size: TerminalSize
    public private(set) var cells: [Cell]
    /// Where the terminal's cursor should be shown (a text field being edited), or nil to hide it.
    public var cursor: Position?

    public var rows: Int { size.rows }
    public var columns: Int { size.columns }

    public init(size: TerminalSize, style: Style = .text) {
        self.size = size
        self.cells = Array(repeating: .blank(style), count: size.rows * size.columns)
        self.cursor = nil
    }

    public init(rows: Int, columns: Int, style: Style = .text) {
        self.init(size: TerminalSize(rows: rows, columns: columns), style: style)
    }

    public subscript(row: Int, column: Int) -> Cell {
        cells[row * columns + column]
    }

    /// The cells of one row.
    public func row(_ row: Int) -> ArraySlice<Cell> {
        cells[(row * columns)..<((row + 1) * columns)]
    }

    public func contains(row: Int, column: Int) -> Bool {
        row >= 0 && row < rows && column >= 0 && column < columns
    }

    // MARK: Writing text

    /// Writes `text` at `row`,`col` by display width, within `width` cells (nil, or more than
    /// remain: up to the right edge). Text is sanitised and NFC-normalised; combining marks stay with their base;
    /// wide characters take two cells; a value longer than the space is cut (at the end, start
    /// or middle) with `…`, never mid-character. Within `width`, `alignment` places a shorter
    /// value; with `fill`, the rest of `width` is filled with spaces in `style` (a selection
    /// bar). Anything outside the buffer is clipped. Returns the column just after the text
    /// (before any fill).
    @discardableResult
    public mutating func put(
        _ text: String, row: Int, col: Int, width: Int? = nil, style: Style = .text,
        alignment: Alignment = .left, truncation: Truncation = .end, fill: Bool = false
    ) -> Int {
        // Never past the right edge, so a value cut by the edge still ends in `…`.
        let space = min(width ?? Int.max, columns - col)
        guard space > 0, row >= 0, row < rows else { return col }
        let (fitted, used) = TextLayout.fit(text, width: space, truncation: truncation)
        let spare = space - used
        let start: Int
        switch alignment {
        case .left: start = col
        case .right: start = col + spare
        case .center: start = col + spare / 2
        }
        if fill {
            fillRow(row, from: col, to: start, style: style)
        }
        var x = start
        for cluster in fitted {
            place(cluster, row: row, col: x, style: style)
            x += cluster.width
        }
        if fill {
            fillRow(row, from: x, to: col + space, style: style)
        }
        return x
    }

    /// Writes styled pieces one after another from `col` within `width` cells (nil: to the
    /// right edge), as one value: if together they are too long, the cut and its `…` fall where
    /// the space ends (the `…` in the style of the piece it cuts). Returns the column after the text.
    @discardableResult
    public mutating func put(_ spans: [(String, Style)], row: Int, col: Int, width: Int? = nil) -> Int {
        let space = min(width ?? Int.max, columns - col)
        guard space > 0, row >= 0, row < rows else { return col }
        let pieces = spans.map { (CellText.clusters(of: $0.0), $0.1) }
        let total = pieces.reduce(0) { $0 + $1.0.reduce(0) { $0 + $1.width } }
        var x = col
        if total <= space {
            for (clusters, style) in pieces {
                for c in clusters { place(c, row: row, col: x, style: style); x += c.width }
            }
            return x
        }
        let budget = space - 1
        for (clusters, style) in pieces {
            for c in clusters {
                if x - col + c.width > budget {
                    place(TextLayout.ellipsis, row: row, col: x, style: style)
                    return x + 1
                }
                place(c, row: row, col: x, style: style)
                x += c.width
            }
        }
        return x
    }

    /// Fills a rectangle with spaces in `style` (clipped to the buffer).
    public mutating func fill(_ rect: Rect, style: Style = .text) {
        for r in rect.row..<rect.bottom {
            fillRow(r, from: rect.column, to: rect.right, style: style)
        }
    }

    /// Fills the whole buffer with spaces in `style` and hides the cursor.
    public mutating func clear(style: Style = .text) {
        for i in cells.indices { cells[i] = .blank(style) }
        cursor = nil
    }

    /// Changes the style of existing cells without touching their text (e.g. to highlight a
    /// row after drawing it). Clipped to the buffer.
    public mutating func restyle(_ rect: Rect, _ change: (inout Style) -> Void) {
        for r in max(0, rect.row)..<min(rows, rect.bottom) {
            for c in max(0, rect.column)..<min(columns, rect.right) {
                change(&cells[r * columns + c].style)
            }
        }
    }

    // MARK: Lines and boxes

    /// A horizontal line of `─` (merged with lines already there into `┼`, `├`, …).
    public mutating func horizontalLine(row: Int, col: Int, width: Int, style: Style = Style(.border)) {
        guard width > 0 else { return }
        for x in col..<(col + width) {
            var dirs: BoxDirections = []
            if x > col { dirs.insert(.left) }
            if x < col + width - 1 { dirs.insert(.right) }
            if width == 1 { dirs = [.left, .right] }
            drawLine(dirs, row: row, col: x, style: style)
        }
    }

    /// A vertical line of `│` (merged with lines already there).
    public mutating func verticalLine(row: Int, col: Int, height: Int, style: Style = Style(.border)) {
        guard height > 0 else { return }
        for y in row..<(row + height) {
            var dirs: BoxDirections = []
            if y > row { dirs.insert(.up) }
            if y < row + height - 1 { dirs.insert(.down) }
            if height == 1 { dirs = [.up, .down] }
            drawLine(dirs, row: y, col: col, style: style)
        }
    }

    /// A box with light lines around `rect`, and an optional title set into the top edge
    /// (`┌─ title ───┐`), cut with `…` if the box is too narrow. Lines meeting existing lines
    /// are merged into junctions.
    public mutating func box(_ rect: Rect, style: Style = Style(.border), title: String? = nil, titleStyle: Style? = nil) {
        guard rect.rows >= 2, rect.columns >= 2 else { return }
        let top = rect.row, bottom = rect.bottom - 1, left = rect.column, right = rect.right - 1
        for x in (left + 1)..<right {
            drawLine([.left, .right], row: top, col: x, style: style)
            drawLine([.left, .right], row: bottom, col: x, style: style)
        }
        for y in (top + 1)..<bottom {
            drawLine([.up, .down], row: y, col: left, style: style)
            drawLine([.up, .down], row: y, col: right, style: style)
        }
        drawLine([.down, .right], row: top, col: left, style: style)
        drawLine([.down, .left], row: top, col: right, style: style)
        drawLine([.up, .right], row: bottom, col: left, style: style)
        drawLine([.up, .left], row: bottom, col: right, style: style)
        if let title, rect.columns > 4 {
            put(" " + title + " ", row: rect.row, col: rect.column + 2, width: rect.columns - 4, style: titleStyle ?? style)
        }
    }

    /// Draws one line-drawing cell joining the given directions, merged with the line already in
    /// the cell if there is one.
    public mutating func drawLine(_ directions: BoxDirections, row: Int, col: Int, style: Style = Style(.border)) {
        guard contains(row: row, column: col) else { return }
        let existing = self[row, col]
        let merged = directions.union(BoxDirections(character: existing.text) ?? [])
        place(CellText(text: String(merged.character), width: 1), row: row, col: col, style: style)
    }

    /// This buffer cut or padded to `newSize` (new cells blank; a wide character cut by the new
    /// right edge becomes a space; the cursor kept if still inside).
    public func resized(to newSize: TerminalSize) -> ScreenBuffer {
        var out = ScreenBuffer(size: newSize)
        for r in 0..<min(rows, newSize.rows) {
            for c in 0..<min(columns, newSize.columns) {
                let cell = self[r, c]
                if cell.isContinuation { continue }
                out.place(CellText(text: cell.text, width: cell.width), row: r, col: c, style: cell.style)
            }
        }
        if let cursor, out.contains(row: cursor.row, column: cursor.column) { out.cursor = cursor }
        return out
    }

    // MARK: Text form (snapshots)

    /// Row `row` as text: each character once, trailing spaces trimmed unless `trimmed` is false.
    public func line(_ row: Int, trimmed: Bool = true) -> String {
        var s = ""
        for cell in self.row(row) where !cell.isContinuation { s += cell.text }
        if trimmed {
            while s.hasSuffix(" ") { s.removeLast() }
        }
        return s
    }

    /// Every row as text, trailing spaces trimmed.
    public var lines: [String] { (0..<rows).map { line($0) } }

    /// The whole screen as text: rows joined with "\n", trailing spaces trimmed.
    public var text: String { lines.joined(separator: "\n") }

    /// One character per *column* of `row` from `mark` (a continuation cell repeats its base's
    /// mark), for snapshot tests of styles: `buffer.styleLine(0) { $0.role == .title ? "T" : "." }`.
    public func styleLine(_ row: Int, _ mark: (Style) -> Character) -> String {
        String(self.row(row).map { mark($0.style) })
    }

    // MARK: Cell placement

    private mutating func fillRow(_ row: Int, from: Int, to: Int, style: Style) {
        guard row >= 0, row < rows else { return }
        var x = max(0, from)
        while x < min(columns, to) {
            place(CellText(text: " ", width: 1), row: row, col: x, style: style)
            x += 1
        }
    }

    /// Puts one cell cluster, keeping the grid consistent: a wide character half over the edge
    /// becomes a space; a wide character partly overwritten loses both halves.
    private mutating func place(_ cluster: CellText, row: Int, col: Int, style: Style) {
        guard row >= 0, row < rows else { return }
        if cluster.width == 2 {
            if col == -1 {  // left half clipped: show the right half as a space
                placeSingle(CellText(text: " ", width: 1), row: row, col: 0, style: style)
                return
            }
            guard col >= 0, col < columns else { return }
            if col == columns - 1 {  // right half would fall off the edge
                placeSingle(CellText(text: " ", width: 1), row: row, col: col, style: style)
                return
            }
            breakWide(row: row, col: col)
            breakWide(row: row, col: col + 1)
            cells[row * columns + col] = Cell(text: cluster.text, width: 2, style: style)
            cells[row * columns + col + 1] = .continuation(style)
        } else {
            placeSingle(cluster, row: row, col: col, style: style)
        }
    }

    private mutating func placeSingle(_ cluster: CellText, row: Int, col: Int, style: Style) {
        guard col >= 0, col < columns else { return }
        breakWide(row: row, col: col)
        cells[row * columns + col] = Cell(text: cluster.text, width: 1, style: style)
    }

    /// If `col` is half of a wide character, turns both halves into spaces (keeping their style).
    private mutating func breakWide(row: Int, col: Int) {
        let i = row * columns + col
        let cell = cells[i]
        if cell.isContinuation, col > 0 {
            cells[i - 1] = .blank(cells[i - 1].style)
            cells[i] = .blank(cell.style)
        } else if cell.width == 2, col + 1 < columns {
            cells[i] = .blank(cell.style)
            cells[i + 1] = .blank(cells[i + 1].style)
        }
    }
}

/// The arms of a light line-drawing character.
public struct BoxDirections: OptionSet, Hashable, Sendable {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }
    public static let up = BoxDirections(rawValue: 1)
    public static let down = BoxDirections(rawValue: 2)
    public static let left = BoxDirections(rawValue: 4)
    public static let right = BoxDirections(rawValue: 8)

    static let table: [(BoxDirections, Character)] = [
        ([.left, .right], "─"), ([.up, .down], "│"),
        ([.down, .right], "┌"), ([.down, .left], "┐"), ([.up, .right], "└"), ([.up, .left], "┘"),
        ([.up, .down, .right], "├"), ([.up, .down, .left], "┤"),
        ([.down, .left, .right], "┬"), ([.up, .left, .right], "┴"),
        ([.up, .down, .left, .right], "┼"),
        ([.left], "─"), ([.right], "─"), ([.up], "│"), ([.down], "│"),
    ]

    /// The line-drawing character for these arms.
    public var character: Character {
        Self.table.first { $0.0 == self }?.1 ?? " "
    }

    /// The arms of a line-drawing character, or nil if `character` is not one.
    public init?(character: String) {
        guard character.count == 1, let c = character.first,
              let hit = Self.table.first(where: { $0.1 == c }) else { return nil }
        self = hit.0
    }
}
