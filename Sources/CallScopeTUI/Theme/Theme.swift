/// How one role looks.
public struct RoleStyle: Hashable, Sendable {
    /// Colours; nil inherits the `text` role's colour.
    public var foreground: ThemeColor?
    public var background: ThemeColor?
    /// Attributes in colour modes.
    public var attributes: TextAttributes
    /// Colours to use instead at 16 and 8 colours, so a theme can pin its look on a basic
    /// terminal (nil: computed from `foreground`/`background`).
    public var foreground16: ThemeColor?
    public var background16: ThemeColor?
    /// Attributes to use in monochrome instead of `attributes` (nil: `attributes`).
    public var monoAttributes: TextAttributes?

    public init(
        foreground: ThemeColor? = nil, background: ThemeColor? = nil, attributes: TextAttributes = [],
        foreground16: ThemeColor? = nil, background16: ThemeColor? = nil, monoAttributes: TextAttributes? = nil
    ) {
        self.foreground = foreground
        self.background = background
        self.attributes = attributes
        self.foreground16 = foreground16
        self.background16 = background16
        self.monoAttributes = monoAttributes
    }
}

/// A cell's look as a terminal takes it: what a backend draws.
public struct ResolvedStyle: Hashable, Sendable {
    public var foreground: TerminalColor
    public var background: TerminalColor
    public var attributes: TextAttributes
    public init(foreground: TerminalColor, background: TerminalColor, attributes: TextAttributes) {
        self.foreground = foreground
        self.background = background
        self.attributes = attributes
    }
}

/// Colours and attributes for every `StyleRole`.
public struct Theme: Hashable, Sendable {
    public var name: String
    public var summary: String
    /// Every role has an entry (the loader fills missing ones from the theme it inherits).
    public var roles: [StyleRole: RoleStyle]

    public init(name: String, summary: String = "", roles: [StyleRole: RoleStyle]) {
        self.name = name
        self.summary = summary
        self.roles = roles
    }

    public func style(for role: StyleRole) -> RoleStyle {
        roles[role] ?? roles[.text] ?? RoleStyle()
    }

    /// The look of `style` on a terminal of `depth`. Pure.
    ///
    /// - Foreground from `style.role`, background from `style.background ?? style.role`; a role
    ///   without a colour inherits the `text` role's.
    /// - At 16 and 8 colours the role's `fg16`/`bg16` win over computed reductions.
    /// - At 8 colours a bright foreground is shown bold.
    /// - If reduction leaves the foreground equal to the background (both not the terminal
    ///   default), the foreground becomes black or white, whichever reads on that background.
    /// - In monochrome: no colours; attributes are the role's mono attributes, plus the
    ///   background role's (so a selection bar stays reversed), plus `style.attributes`.
    public func resolve(_ style: Style, depth: ColorDepth) -> ResolvedStyle {
        let fgRole = self.style(for: style.role)
        let bgRole = self.style(for: style.background ?? style.role)
        let base = self.style(for: .text)

        if depth == .monochrome {
            var attributes = fgRole.monoAttributes ?? fgRole.attributes
            if let bg = style.background {
                let b = self.style(for: bg)
                attributes.formUnion(b.monoAttributes ?? b.attributes)
            }
            attributes.formUnion(style.attributes)
            return ResolvedStyle(foreground: .terminalDefault, background: .terminalDefault, attributes: attributes)
        }

        let basic = depth <= .ansi16
        func pick(_ role: RoleStyle, foreground: Bool) -> ThemeColor {
            let pinned = foreground ? role.foreground16 : role.background16
            let full = foreground ? role.foreground : role.background
            let pinnedBase = foreground ? base.foreground16 : base.background16
            let fullBase = foreground ? base.foreground : base.background
            if basic {
                if let pinned { return pinned }
                if let full { return full }
                return pinnedBase ?? fullBase ?? .terminalDefault
            }
            return full ?? fullBase ?? .terminalDefault
        }
        let fgColor = pick(fgRole, foreground: true)
        let bgColor = pick(bgRole, foreground: false)
        var attributes = fgRole.attributes.union(style.attributes)
        let fg = ColorDegrade.degrade(fgColor, to: depth) ?? (.terminalDefault, false)
        let bg = ColorDegrade.degrade(bgColor, to: depth) ?? (.terminalDefault, false)
        var foreground = fg.color
        if fg.bright { attributes.insert(.bold) }
        if foreground == bg.color, foreground != .terminalDefault {
            foreground = Self.contrasting(on: bg.color, depth: depth)
        }
        return ResolvedStyle(foreground: foreground, background: bg.color, attributes: attributes)
    }

    static func contrasting(on background: TerminalColor, depth: ColorDepth) -> TerminalColor {
        let luminance: Double
        switch background {
        case .terminalDefault: return .terminalDefault
        case .indexed(let i): luminance = ColorDegrade.rgb(ofIndex: i).luminance
        case .rgb(let c): luminance = c.luminance
        }
        let dark = luminance > 0.5
        switch depth {
        case .trueColor: return .rgb(dark ? RGB(0, 0, 0) : RGB(255, 255, 255))
        case .ansi256: return .indexed(dark ? 16 : 231)
        default: return .indexed(dark ? 0 : 7)
        }
    }
}
