import Foundation

/// A config that loaded, and what in it deserves a word (unknown keys, file permissions).
public struct LoadedConfig: Sendable, Equatable {
    public var config: AppConfig
    public var warnings: [ConfigWarning]

    public init(config: AppConfig, warnings: [ConfigWarning]) {
        self.config = config
        self.warnings = warnings
    }
}

/// Reads and validates the config file (cli-and-config.md, "Config").
///
/// Validation goes on after a problem so that one run reports every problem it can; loading
/// fails if there is any. Unknown keys are warnings, not errors.
public enum ConfigLoader {
    /// The config at `paths.configFile`, or nil when there is no file there at all (the app then
    /// runs on the built-in sandbox).
    public static func load(paths: ConfigPaths, environment: [String: String]) throws(ConfigError) -> LoadedConfig? {
        guard paths.configFileExists else { return nil }
        return try load(contentsOf: paths.configFile, environment: environment)
    }

    /// Reads the file at `url` (its mode decides the permission warning).
    public static func load(contentsOf url: URL, environment: [String: String]) throws(ConfigError) -> LoadedConfig {
        let file = url.path
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: file, isDirectory: &isDirectory), isDirectory.boolValue {
            throw ConfigError(file: file, problems: [ConfigProblem(.unreadable(reason: "it is a directory"))])
        }
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw ConfigError(file: file, problems: [ConfigProblem(.unreadable(reason: readFailureReason(url, error)))])
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw ConfigError(file: file, problems: [ConfigProblem(.unreadable(reason: "it is not UTF-8 text"))])
        }
        return try parse(text, file: file, environment: environment, fileMode: fileMode(of: url))
    }

    /// Validates config text.
    /// - Parameters:
    ///   - file: the path shown in messages.
    ///   - environment: where `X_env` keys are looked up.
    ///   - fileMode: the file's permission bits, when it is a file; a plain secret in a file whose
    ///     mode lets group or others read it gets a warning.
    public static func parse(_ text: String, file: String = "config.toml", environment: [String: String], fileMode: Int? = nil)
        throws(ConfigError) -> LoadedConfig
    {
        let root: [TOMLMember]
        do {
            root = try TOMLDocument.parse(text)
        } catch {
            throw ConfigError(file: file, problems: [error.problem])
        }
        var validator = ConfigValidator(file: file, environment: environment)
        let config = validator.appConfig(root)
        if let fileMode, fileMode & 0o044 != 0, let first = validator.plainSecrets.first {
            validator.warnings.append(
                ConfigWarning(.secretsReadableByOthers(mode: fileMode), file: file, account: first.account, key: first.key))
        }
        guard validator.problems.isEmpty, let config else {
            throw ConfigError(file: file, problems: validator.problems, warnings: validator.warnings)
        }
        return LoadedConfig(config: config, warnings: validator.warnings)
    }

    /// The permission bits of the file at `url`, nil when they cannot be read.
    public static func fileMode(of url: URL) -> Int? {
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: url.path) else { return nil }
        if let mode = attributes[.posixPermissions] as? NSNumber { return mode.intValue }
        return attributes[.posixPermissions] as? Int
    }

    private static func readFailureReason(_ url: URL, _ error: any Error) -> String {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) {
            if isDirectory.boolValue { return "it is a directory" }
            if !FileManager.default.isReadableFile(atPath: url.path) { return "permission denied" }
        } else {
            return "no such file"
        }
        return (error as NSError).localizedDescription
    }
}
