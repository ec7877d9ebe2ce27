import Foundation

/// Where callscope keeps its files (cli-and-config.md, "Files"), computed from an environment
/// dictionary so that tests can inject one.
///
/// - config: `$CALLSCOPE_CONFIG`, else `$XDG_CONFIG_HOME/callscope/config.toml`, else
///   `~/.config/callscope/config.toml`
/// - data: `$CALLSCOPE_DATA`, else `$XDG_DATA_HOME/callscope/`, else `~/.local/share/callscope/`
/// - user themes: `$XDG_CONFIG_HOME/callscope/themes/`, else `~/.config/callscope/themes/`
/// - downloads (recordings, exports): `$XDG_DOWNLOAD_DIR/callscope/`, else `~/Downloads/callscope/`
///
/// As the XDG base directory spec says, an empty or relative `XDG_*` value is ignored. An empty
/// `CALLSCOPE_*` value counts as unset; a relative one is taken relative to the working directory.
public struct ConfigPaths: Sendable, Equatable {
    /// Which rule chose a path (for messages such as "no config at … (from $CALLSCOPE_CONFIG)").
    public enum Source: String, Sendable, Equatable {
        case callscopeVariable
        case xdgVariable
        case homeDirectory
    }

    public var configFile: URL
    public var configFileSource: Source
    public var dataDirectory: URL
    public var dataDirectorySource: Source
    public var userThemesDirectory: URL
    public var downloadsDirectory: URL

    /// - Parameters:
    ///   - environment: usually `ProcessInfo.processInfo.environment`.
    ///   - homeDirectory: used when the environment has no `HOME`; defaults to the user's home.
    public init(environment: [String: String], homeDirectory: String? = nil) {
        let home = Self.nonEmpty(environment["HOME"]) ?? homeDirectory ?? NSHomeDirectory()
        let homeURL = URL(fileURLWithPath: home, isDirectory: true)
        let configHome = Self.absolute(environment["XDG_CONFIG_HOME"]).map { URL(fileURLWithPath: $0, isDirectory: true) }
        let dataHome = Self.absolute(environment["XDG_DATA_HOME"]).map { URL(fileURLWithPath: $0, isDirectory: true) }
        let callscopeConfigHome = (configHome ?? homeURL.appendingPathComponent(".config", isDirectory: true))
            .appendingPathComponent("callscope", isDirectory: true)

        if let explicit = Self.nonEmpty(environment["CALLSCOPE_CONFIG"]) {
            configFile = URL(fileURLWithPath: explicit, isDirectory: false)
            configFileSource = .callscopeVariable
        } else {
            configFile = callscopeConfigHome.appendingPathComponent("config.toml", isDirectory: false)
            configFileSource = configHome == nil ? .homeDirectory : .xdgVariable
        }

        if let explicit = Self.nonEmpty(environment["CALLSCOPE_DATA"]) {
            dataDirectory = URL(fileURLWithPath: explicit, isDirectory: true)
            dataDirectorySource = .callscopeVariable
        } else if let dataHome {
            dataDirectory = dataHome.appendingPathComponent("callscope", isDirectory: true)
            dataDirectorySource = .xdgVariable
        } else {
            dataDirectory = homeURL.appendingPathComponent(".local/share/callscope", isDirectory: true)
            dataDirectorySource = .homeDirectory
        }

        userThemesDirectory = callscopeConfigHome.appendingPathComponent("themes", isDirectory: true)
        downloadsDirectory = (Self.absolute(environment["XDG_DOWNLOAD_DIR"]).map { URL(fileURLWithPath: $0, isDirectory: true) }
            ?? homeURL.appendingPathComponent("Downloads", isDirectory: true)).appendingPathComponent("callscope", isDirectory: true)
    }

    /// True when something is at the config path. With nothing there the app runs on the built-in
    /// sandbox; with something there that cannot be read, loading reports it (exit 2).
    public var configFileExists: Bool {
        FileManager.default.fileExists(atPath: configFile.path)
    }

    private static func nonEmpty(_ value: String?) -> String? {
        guard let value, !value.isEmpty else { return nil }
        return value
    }

    private static func absolute(_ value: String?) -> String? {
        guard let value = nonEmpty(value), value.hasPrefix("/") else { return nil }
        return value
    }
}
