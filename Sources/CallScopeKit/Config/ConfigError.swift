/// Which `[[account]]` a message is about: by name, or by position (`account #3`) when it has
/// no usable name.
public struct AccountReference: Sendable, Hashable, CustomStringConvertible {
    /// 1-based position among the file's `[[account]]` tables.
    public var position: Int
    public var name: String?

    public init(position: Int, name: String? = nil) {
        self.position = position
        self.name = name
    }

    public var description: String {
        if let name { return "account \"\(name)\"" }
        return "account #\(position)"
    }
}

/// One thing wrong with a config file.
public struct ConfigProblem: Sendable, Hashable, CustomStringConvertible {
    public enum Kind: Sendable, Hashable {
        /// The file could not be read, or is not UTF-8 text.
        case unreadable(reason: String)
        /// TOML syntax error at a 1-based line and column.
        case syntax(message: String, line: Int, column: Int)
        case unknownProvider(String)
        /// A required key is absent; `why` says what needs it.
        case missingKey(why: String)
        /// The account names no complete way to log in; `options` lists them.
        case noAuthentication(options: String)
        /// Two keys that exclude each other are both given (`token` and `token_env`, `token` and `username`).
        case conflictingKeys(String, String)
        case badURL(String, reason: String)
        /// The name was already used by the account at `firstPosition`.
        case duplicateName(String, firstPosition: Int)
        /// `X_env` names a variable that is not set (or is empty).
        case unsetEnvironmentVariable(String)
        case emptyValue
        case wrongType(expected: String, found: String)
        /// A number outside what the key accepts, e.g. `max_window_days` < 1.
        case outOfRange(String, requirement: String)
        case unknownTimeZone(String)
        /// A value that is the right type but not acceptable (a theme name with a `/`).
        case invalidValue(String, reason: String)
    }

    public var kind: Kind
    /// nil for top-level keys and file-wide problems.
    public var account: AccountReference?
    /// The key as written in the file (`domain`, `token_env`, `keys.quit`); nil when no key is to blame.
    public var key: String?

    public init(_ kind: Kind, account: AccountReference? = nil, key: String? = nil) {
        self.kind = kind
        self.account = account
        self.key = key
    }

    /// What is wrong, without the file name: `account "cs": key "domain": missing (…)`.
    public var description: String {
        var parts: [String] = []
        if let account { parts.append(account.description) }
        if let key { parts.append("key \"\(key)\"") }
        parts.append(message)
        return parts.joined(separator: ": ")
    }

    public var message: String {
        switch kind {
        case .unreadable(let reason):
            return "cannot read the config file: \(reason)"
        case .syntax(let message, let line, let column):
            return "TOML syntax error at line \(line), column \(column): \(message)"
        case .unknownProvider(let name):
            let known = ProviderKind.allCases.map(\.rawValue).joined(separator: ", ")
            return "unknown provider \"\(name)\" (known providers: \(known))"
        case .missingKey(let why):
            return "missing: \(why)"
        case .noAuthentication(let options):
            return "no way to authenticate: give \(options)"
        case .conflictingKeys(let first, let second):
            return "\"\(first)\" and \"\(second)\" are both given: keep one"
        case .badURL(let value, let reason):
            return "bad URL \"\(value)\": \(reason)"
        case .duplicateName(let name, let firstPosition):
            return "duplicate account name \"\(name)\" (already used by account #\(firstPosition)); names must be unique"
        case .unsetEnvironmentVariable(let variable):
            return "environment variable \(variable) is not set (or is empty)"
        case .emptyValue:
            return "must not be empty"
        case .wrongType(let expected, let found):
            return "expected \(expected), found \(found)"
        case .outOfRange(let value, let requirement):
            return "\(value) is out of range: \(requirement)"
        case .unknownTimeZone(let identifier):
            return "unknown time zone \"\(identifier)\" (use an IANA name such as Asia/Ho_Chi_Minh, Asia/Shanghai or UTC)"
        case .invalidValue(let value, let reason):
            return "invalid value \"\(value)\": \(reason)"
        }
    }
}

/// A config file that cannot be used: every problem validation found, not only the first.
/// The command line exits with status 2 (`exitCode`) after printing `description` to stderr.
public struct ConfigError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The config file's path as shown to the user.
    public var file: String
    public var problems: [ConfigProblem]
    /// What validation would have warned about; printed after the problems, since a misspelt key
    /// (`domian`) often explains a missing one (`domain`).
    public var warnings: [ConfigWarning]

    public init(file: String, problems: [ConfigProblem], warnings: [ConfigWarning] = []) {
        self.file = file
        self.problems = problems
        self.warnings = warnings
    }

    /// The command line's exit status for a bad config.
    public var exitCode: Int32 { 2 }

    /// One line per problem, each starting with the file (`config.toml: account "cs": key "domain": missing: …`),
    /// then one line per warning.
    public var description: String {
        (problems.map { "\(file): \($0.description)" } + warnings.map(\.description)).joined(separator: "\n")
    }

    /// True when some problem is about `key` of the account at `position` (or named `name`).
    public func contains(key: String?, account: AccountReference?) -> Bool {
        problems.contains { $0.key == key && $0.account == account }
    }
}

/// Something in a config file that works but is probably not what was meant.
public struct ConfigWarning: Sendable, Hashable, CustomStringConvertible {
    public enum Kind: Sendable, Hashable {
        /// A key callscope does not know at all; `suggestion` is the closest known key.
        case unknownKey(suggestion: String?)
        /// A key of another provider (`bot_id` on a vbot-crm account): spelt right, but ignored here.
        case keyNotUsedByProvider(ProviderKind)
        /// The file holds a plain secret (at `key` of `account`) and group or others can read it.
        case secretsReadableByOthers(mode: Int)
        /// A value above what the provider honours was lowered to `limit`.
        case loweredToProviderLimit(value: String, limit: String, why: String)
        /// The file has no `[[account]]` table.
        case noAccounts
    }

    public var kind: Kind
    public var file: String
    public var account: AccountReference?
    public var key: String?

    public init(_ kind: Kind, file: String, account: AccountReference? = nil, key: String? = nil) {
        self.kind = kind
        self.file = file
        self.account = account
        self.key = key
    }

    public var description: String {
        var parts = ["\(file): warning"]
        if let account { parts.append(account.description) }
        if let key { parts.append("key \"\(key)\"") }
        parts.append(message)
        return parts.joined(separator: ": ")
    }

    public var message: String {
        switch kind {
        case .unknownKey(let suggestion):
            return "unknown key, ignored" + (suggestion.map { " (did you mean \"\($0)\"?)" } ?? "")
        case .keyNotUsedByProvider(let provider):
            return "not used by provider \(provider.rawValue), ignored"
        case .secretsReadableByOthers(let mode):
            let octal = String(mode & 0o777, radix: 8)
            return "the file holds a plain secret and is readable by group/others (mode \(octal)): "
                + "run chmod 600 on it, or name an environment variable with \"\(key ?? "token")_env\" instead"
        case .loweredToProviderLimit(let value, let limit, let why):
            return "\(value) is above the provider's limit; using \(limit) (\(why))"
        case .noAccounts:
            return "no [[account]] tables: there is nothing to fetch calls from"
        }
    }
}
