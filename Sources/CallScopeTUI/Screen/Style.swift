/// What a piece of the screen *is*; a `Theme` says what it looks like. Views name roles,
/// never colours, so every theme (and monochrome) works for every screen.
///
/// The raw value is the key used in theme files (`[roles.<raw value>]`).
public enum StyleRole: String, CaseIterable, Hashable, Sendable, Codable {
    /// Ordinary text; its colours are the defaults every other role inherits.
    case text
    /// The title bar (account, range, counts).
    case title
    /// Column headers of the call list.
    case header
    /// The selected row in the focused pane.
    case selection
    /// The selected row in a pane without focus.
    case selectionInactive = "selection_inactive"
    /// Dispositions.
    case answered, missed, busy, failed
    /// Tags (chips) and notes.
    case tag, note
    /// Errors in the status line and in forms; warnings.
    case error, warning
    /// A success or "synced" mark.
    case success
    /// Secondary text: empty cells, placeholders, units.
    case dim
    /// The status line.
    case status
    /// Pane borders and separators; the border of the focused pane.
    case border
    case borderFocus = "border_focus"
    /// A key in a hint ("q" in "q quit").
    case key
    /// A form field, and the field being edited.
    case input
    case inputFocus = "input_focus"
    /// A find-as-you-type match.
    case match
    /// Links (recording URLs).
    case link
    /// Bars of the report's chart; the spinner and progress bars.
    case chart
    case progress
}

/// Text attributes that every terminal class can show (some may ignore italic or dim).
public struct TextAttributes: OptionSet, Hashable, Sendable {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    public static let bold = TextAttributes(rawValue: 1 << 0)
    public static let dim = TextAttributes(rawValue: 1 << 1)
    public static let italic = TextAttributes(rawValue: 1 << 2)
    public static let underline = TextAttributes(rawValue: 1 << 3)
    public static let reverse = TextAttributes(rawValue: 1 << 4)

    /// The names used in theme files, in a stable order.
    public static let names: [(String, TextAttributes)] = [
        ("bold", .bold), ("dim", .dim), ("italic", .italic), ("underline", .underline), ("reverse", .reverse),
    ]

    public init?(name: String) {
        guard let hit = Self.names.first(where: { $0.0 == name.lowercased() }) else { return nil }
        self = hit.1
    }

    public var nameList: [String] { Self.names.filter { contains($0.1) }.map(\.0) }
}

/// The style of one cell: a role for the foreground (and, unless `background` names another
/// role, the background), plus attributes added on top of what the theme gives the role.
///
/// `Style(.missed, background: .selection)` draws a missed call's colour on the selection bar.
public struct Style: Hashable, Sendable {
    public var role: StyleRole
    public var background: StyleRole?
    public var attributes: TextAttributes

    public init(_ role: StyleRole = .text, background: StyleRole? = nil, attributes: TextAttributes = []) {
        self.role = role
        self.background = background
        self.attributes = attributes
    }

    public static let text = Style(.text)

    public func with(_ extra: TextAttributes) -> Style {
        var s = self
        s.attributes.formUnion(extra)
        return s
    }

    public func on(_ background: StyleRole) -> Style {
        var s = self
        s.background = background
        return s
    }
}
