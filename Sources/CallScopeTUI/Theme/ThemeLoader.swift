import Foundation
import TOMLKit

/// A theme file that cannot be used, with where and why.
public struct ThemeError: Error, CustomStringConvertible, Equatable {
    public var source: String
    public var message: String
    public init(source: String, message: String) {
        self.source = source
        self.message = message
    }
    public var description: String { "theme \(source): \(message)" }
}

/// Theme files (the shipped ones in `Theme/Builtin/`, yours in `$XDG_CONFIG_HOME/callscope/themes/`):
///
/// ```toml
/// name = "default"
/// description = "Dark: light text on the terminal's background"
/// inherits = "default"        # optional: roles not listed here come from this theme
///
/// [roles.title]
/// fg = "#ffffff"              # "#rrggbb", "#rgb", "default", ANSI names ("red", "bright-blue"), "colorN"
/// bg = "#005f87"
/// fg16 = "bright-white"       # optional: used at 16/8 colours instead of reducing fg
/// bg16 = "blue"
/// attrs = ["bold"]            # bold, dim, italic, underline, reverse
/// mono = ["reverse", "bold"]  # optional: attributes in monochrome (default: attrs)
/// ```
///
/// Unknown keys and roles are errors, so a typo does not pass silently.
public enum ThemeLoader {
    /// The names of the themes that ship with callscope (embedded, see `BuiltinThemes`).
    public static var builtinNames: [String] { BuiltinThemes.sources.map(\.name) }

    /// The default theme (built in, so it cannot fail).
    public static let defaultTheme: Theme = {
        // The embedded files are checked by the tests; a failure here is a build defect.
        try! builtin(named: "default")!
    }()

    /// A built-in theme by name, or nil if there is none.
    public static func builtin(named name: String) throws -> Theme? {
        guard let source = BuiltinThemes.sources.first(where: { $0.name == name }) else { return nil }
        return try parse(source.toml, source: "built-in \(name)", resolveParent: builtinParent)
    }

    private static func builtinParent(_ name: String) throws -> Theme? {
        try builtin(named: name)
    }

    /// The user's theme folder: `$XDG_CONFIG_HOME/callscope/themes`, else
    /// `~/.config/callscope/themes`.
    public static func userThemeDirectory(environment: [String: String] = ProcessInfo.processInfo.environment) -> URL? {
        if let xdg = environment["XDG_CONFIG_HOME"], !xdg.isEmpty {
            return URL(fileURLWithPath: xdg).appendingPathComponent("callscope/themes", isDirectory: true)
        }
        if let home = environment["HOME"], !home.isEmpty {
            return URL(fileURLWithPath: home).appendingPathComponent(".config/callscope/themes", isDirectory: true)
        }
        return nil
    }

    /// Finds a theme: a path to a `.toml` file if `name` contains "/" or ends in ".toml";
    /// otherwise `<user theme dir>/<name>.toml` (so a user can override a built-in), then the
    /// built-ins. Throws `ThemeError` for a missing or invalid theme.
    public static func load(named name: String, environment: [String: String] = ProcessInfo.processInfo.environment) throws -> Theme {
        if name.contains("/") || name.hasSuffix(".toml") {
            return try load(file: URL(fileURLWithPath: name), environment: environment)
        }
        if let dir = userThemeDirectory(environment: environment) {
            let file = dir.appendingPathComponent(name + ".toml")
            if FileManager.default.fileExists(atPath: file.path) {
                return try load(file: file, environment: environment)
            }
        }
        if let theme = try builtin(named: name) { return theme }
        throw ThemeError(source: name, message: "no such theme (built in: \(builtinNames.joined(separator: ", ")))")
    }

    /// Names of every theme `load(named:)` can find: built-ins and the user's files, sorted.
    public static func availableNames(environment: [String: String] = ProcessInfo.processInfo.environment) -> [String] {
        var names = Set(builtinNames)
        if let dir = userThemeDirectory(environment: environment),
           let files = try? FileManager.default.contentsOfDirectory(atPath: dir.path) {
            for f in files where f.hasSuffix(".toml") { names.insert(String(f.dropLast(5))) }
        }
        return names.sorted()
    }

    /// Loads one theme file; its `inherits` parent is looked up with `load(named:)` (from the
    /// same folder first).
    public static func load(file: URL, environment: [String: String] = ProcessInfo.processInfo.environment) throws -> Theme {
        try load(file: file, environment: environment, depth: 0)
    }

    static func load(file: URL, environment: [String: String], depth: Int) throws -> Theme {
        guard depth < 8 else {
            throw ThemeError(source: file.path, message: "\"inherits\" goes round in a circle (or deeper than 8 themes)")
        }
        let text: String
        do {
            text = try String(contentsOf: file, encoding: .utf8)
        } catch {
            throw ThemeError(source: file.path, message: "cannot read: \(error.localizedDescription)")
        }
        let folder = file.deletingLastPathComponent()
        let ownName = file.deletingPathExtension().lastPathComponent
        return try parse(text, source: file.path) { parent in
            let sibling = folder.appendingPathComponent(parent + ".toml")
            if parent != ownName, FileManager.default.fileExists(atPath: sibling.path) {
                return try load(file: sibling, environment: environment, depth: depth + 1)
            }
            if let dir = userThemeDirectory(environment: environment) {
                let user = dir.appendingPathComponent(parent + ".toml")
                if user.standardizedFileURL != file.standardizedFileURL, FileManager.default.fileExists(atPath: user.path) {
                    return try load(file: user, environment: environment, depth: depth + 1)
                }
            }
            return try builtin(named: parent)
        }
    }

    /// Parses theme TOML. `resolveParent` finds the theme named by `inherits` (default:
    /// "default"; a theme named "default" inherits nothing and must define every role).
    public static func parse(_ toml: String, source: String, resolveParent: (String) throws -> Theme? = { try builtin(named: $0) }) throws -> Theme {
        let table: TOMLTable
        do {
            table = try TOMLTable(string: toml)
        } catch let error as TOMLParseError {
            throw ThemeError(source: source, message: "\(error.source.begin): \(error.description)")
        } catch {
            throw ThemeError(source: source, message: "\(error)")
        }
        let known: Set<String> = ["name", "description", "inherits", "roles"]
        for key in table.keys where !known.contains(key) {
            throw ThemeError(source: source, message: "unknown key \"\(key)\" (known: name, description, inherits, [roles.*])")
        }
        func string(_ key: String) throws -> String? {
            guard let value = table[key] else { return nil }
            guard let s = value.string else { throw ThemeError(source: source, message: "\"\(key)\" must be a string") }
            return s
        }
        let name = try string("name") ?? URL(fileURLWithPath: source).deletingPathExtension().lastPathComponent
        let summary = try string("description") ?? ""
        let inherits = try string("inherits") ?? (name == "default" ? nil : "default")

        var roles: [StyleRole: RoleStyle] = [:]
        if let parentName = inherits {
            guard let parent = try resolveParent(parentName) else {
                throw ThemeError(source: source, message: "inherits unknown theme \"\(parentName)\"")
            }
            roles = parent.roles
        }
        if let rolesValue = table["roles"] {
            guard let rolesTable = rolesValue.table else {
                throw ThemeError(source: source, message: "\"roles\" must be a table of [roles.<role>] tables")
            }
            for key in rolesTable.keys.sorted() {
                guard let role = StyleRole(rawValue: key) else {
                    throw ThemeError(source: source, message: "unknown role \"\(key)\" (roles: \(StyleRole.allCases.map(\.rawValue).joined(separator: ", ")))")
                }
                guard let roleTable = rolesTable[key]?.table else {
                    throw ThemeError(source: source, message: "roles.\(key) must be a table")
                }
                roles[role] = try parseRole(roleTable, path: "roles.\(key)", source: source)
            }
        }
        let missing = StyleRole.allCases.filter { roles[$0] == nil }
        if !missing.isEmpty {
            throw ThemeError(source: source, message: "missing roles: \(missing.map(\.rawValue).joined(separator: ", "))")
        }
        return Theme(name: name, summary: summary, roles: roles)
    }

    static func parseRole(_ t: TOMLTable, path: String, source: String) throws -> RoleStyle {
        let known: Set<String> = ["fg", "bg", "fg16", "bg16", "attrs", "mono"]
        for key in t.keys where !known.contains(key) {
            throw ThemeError(source: source, message: "\(path): unknown key \"\(key)\" (known: fg, bg, fg16, bg16, attrs, mono)")
        }
        func color(_ key: String, basicOnly: Bool = false) throws -> ThemeColor? {
            guard let value = t[key] else { return nil }
            guard let s = value.string else { throw ThemeError(source: source, message: "\(path).\(key) must be a string") }
            guard let c = ThemeColor(parsing: s) else {
                throw ThemeError(source: source, message: "\(path).\(key): \"\(s)\" is not a colour (use \"#rrggbb\", \"default\", an ANSI name like \"bright-blue\", or \"colorN\")")
            }
            if basicOnly {
                switch c {
                case .ansi, .terminalDefault: break
                default:
                    throw ThemeError(source: source, message: "\(path).\(key): \"\(s)\" must be one of the 16 ANSI colour names or \"default\"")
                }
            }
            return c
        }
        func attributes(_ key: String) throws -> TextAttributes? {
            guard let value = t[key] else { return nil }
            guard let array = value.array else { throw ThemeError(source: source, message: "\(path).\(key) must be a list, e.g. [\"bold\"]") }
            var result: TextAttributes = []
            for item in array {
                guard let s = item.string, let a = TextAttributes(name: s) else {
                    throw ThemeError(source: source, message: "\(path).\(key): \(item) is not an attribute (bold, dim, italic, underline, reverse)")
                }
                result.insert(a)
            }
            return result
        }
        return RoleStyle(
            foreground: try color("fg"), background: try color("bg"),
            attributes: try attributes("attrs") ?? [],
            foreground16: try color("fg16", basicOnly: true), background16: try color("bg16", basicOnly: true),
            monoAttributes: try attributes("mono")
        )
    }
}
