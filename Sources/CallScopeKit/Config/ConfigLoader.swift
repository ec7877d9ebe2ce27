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

// MARK: - validation

/// The keys an account table may hold.
enum AccountKeys {
    static let common = [
        "name", "provider", "base_url", "timezone", "page_size", "max_window_days", "requests_per_second", "timeout_seconds",
    ]
    static let secrets = ["token", "api_key", "password", "client_secret", "push_secret"]

    static func plain(_ provider: ProviderKind) -> [String] {
        switch provider {
        case .caresoft: return ["domain"]
        case .omicall: return []
        case .vbotCampaign: return ["vbot_id", "project_code", "bot_id", "username"]
        case .vbotCRM: return ["vbot_id", "project_code", "username"]
        case .icsoc: return ["auth_url", "client_id", "username", "project_id"]
        }
    }

    static func secrets(_ provider: ProviderKind) -> [String] {
        switch provider {
        case .caresoft: return ["token"]
        case .omicall: return ["api_key", "token"]
        case .vbotCampaign, .vbotCRM: return ["token", "password"]
        case .icsoc: return ["client_secret", "password", "push_secret", "token"]
        }
    }

    /// Every key an account of `provider` may hold, `X_env` forms included.
    static func known(_ provider: ProviderKind) -> [String] {
        let secrets = secrets(provider)
        return common + plain(provider) + secrets + secrets.map { $0 + "_env" }
    }

    static let anyProvider: [String] = {
        var seen = Set<String>()
        return ProviderKind.allCases.flatMap(known).filter { seen.insert($0).inserted }
    }()
}

/// A key's value as validation found it.
enum Lookup<Value> {
    case absent
    case present(Value)
    /// Given but wrong; the problem is already recorded.
    case invalid

    var value: Value? {
        if case .present(let value) = self { return value }
        return nil
    }

    var isGiven: Bool {
        if case .absent = self { return false }
        return true
    }
}

struct ConfigValidator {
    let file: String
    let environment: [String: String]
    var problems: [ConfigProblem] = []
    var warnings: [ConfigWarning] = []
    /// Where a secret is written in the file itself.
    var plainSecrets: [(account: AccountReference?, key: String)] = []

    static let topLevelKeys = ["theme", "timezone", "keys", "store", "account"]

    init(file: String, environment: [String: String]) {
        self.file = file
        self.environment = environment
    }

    mutating func appConfig(_ root: [TOMLMember]) -> AppConfig? {
        let fields = Self.dictionary(root)
        var config = AppConfig()

        switch string("theme", in: fields, account: nil) {
        case .present(let theme):
            if theme.contains("/") || theme.hasPrefix(".") {
                problems.append(ConfigProblem(
                    .invalidValue(theme, reason: "a theme is a file name under themes/ without .toml, e.g. \"default\""),
                    key: "theme"))
            } else {
                config.theme = theme
            }
        case .absent, .invalid: break
        }

        if case .present(let zone) = timeZone("timezone", in: fields, account: nil) {
            config.displayTimeZone = zone
        }

        switch fields["keys"] {
        case nil: break
        case .table(let members)?:
            for member in members {
                if case .string(let binding) = member.value {
                    config.keys[member.key] = binding
                } else {
                    problems.append(ConfigProblem(.wrongType(expected: "a string", found: member.value.typeName), key: "keys.\(member.key)"))
                }
            }
        case let other?:
            problems.append(ConfigProblem(.wrongType(expected: "a table ([keys])", found: other.typeName), key: "keys"))
        }

        config.store = store(fields["store"])

        var namesSeen: [String: Int] = [:]
        switch fields["account"] {
        case nil:
            warnings.append(ConfigWarning(.noAccounts, file: file))
        case .array(let elements)?:
            for (index, element) in elements.enumerated() {
                if let account = account(element, position: index + 1, namesSeen: &namesSeen) {
                    config.accounts.append(account)
                }
            }
            if elements.isEmpty { warnings.append(ConfigWarning(.noAccounts, file: file)) }
        case let other?:
            problems.append(ConfigProblem(.wrongType(expected: "an array of tables ([[account]])", found: other.typeName), key: "account"))
        }

        for member in root where !Self.topLevelKeys.contains(member.key) {
            let suggestion = KeySuggestion.closest(to: member.key, among: Self.topLevelKeys)
            warnings.append(ConfigWarning(.unknownKey(suggestion: suggestion), file: file, key: member.key))
        }
        return problems.isEmpty ? config : nil
    }

    // MARK: accounts

    mutating func account(_ node: TOMLNode, position: Int, namesSeen: inout [String: Int]) -> AccountConfig? {
        var reference = AccountReference(position: position)
        guard case .table(let members) = node else {
            problems.append(ConfigProblem(.wrongType(expected: "a table", found: node.typeName), account: reference))
            return nil
        }
        let fields = Self.dictionary(members)
        let problemCount = problems.count

        var name: String?
        switch string("name", in: fields, account: reference) {
        case .present(let value):
            if let first = namesSeen[value] {
                problems.append(ConfigProblem(.duplicateName(value, firstPosition: first), account: reference, key: "name"))
            } else {
                namesSeen[value] = position
                reference.name = value
                name = value
            }
        case .absent:
            problems.append(ConfigProblem(
                .missingKey(why: "every account needs a unique name (what --account takes)"), account: reference, key: "name"))
        case .invalid: break
        }

        var provider: ProviderKind?
        switch string("provider", in: fields, account: reference) {
        case .present(let value):
            if let kind = ProviderKind(rawValue: value) {
                provider = kind
            } else {
                problems.append(ConfigProblem(.unknownProvider(value), account: reference, key: "provider"))
            }
        case .absent:
            let known = ProviderKind.allCases.map(\.rawValue).joined(separator: ", ")
            problems.append(ConfigProblem(.missingKey(why: "the provider, one of \(known)"), account: reference, key: "provider"))
        case .invalid: break
        }

        warnUnknownKeys(members, provider: provider, account: reference)

        // The common keys are checked even when the provider is unknown, so that one run reports them too.
        let baseURL = url("base_url", in: fields, account: reference)
        let zone = timeZone("timezone", in: fields, account: reference).value
        let pageSize = integer("page_size", in: fields, account: reference, minimum: 1).value
        let maxWindowDays = integer("max_window_days", in: fields, account: reference, minimum: 1).value
        let requestsPerSecond = positiveNumber("requests_per_second", in: fields, account: reference).value
        let timeoutSeconds = positiveNumber("timeout_seconds", in: fields, account: reference).value
        guard let provider else { return nil }
        let defaults = provider.configDefaults

        let settings = providerSettings(provider, fields: fields, account: reference)
        guard problems.count == problemCount, let name, let settings else { return nil }

        var effectivePageSize = defaults.pageSize
        if let pageSize {
            effectivePageSize = lowered(pageSize, to: defaults.maximumPageSize, key: "page_size", account: reference,
                why: "a larger page is silently cut by \(provider.rawValue)")
        }
        var effectiveMaxWindowDays = defaults.maxWindowDays
        if let maxWindowDays {
            effectiveMaxWindowDays = lowered(maxWindowDays, to: defaults.maximumWindowDays, key: "max_window_days",
                account: reference, why: "\(provider.rawValue) silently narrows a longer range")
        }
        var effectiveRequestsPerSecond = requestsPerSecond ?? defaults.requestsPerSecond
        if let value = requestsPerSecond, let limit = defaults.maximumRequestsPerSecond, value > limit {
            warnings.append(ConfigWarning(
                .loweredToProviderLimit(value: Self.text(value), limit: Self.text(limit),
                    why: "\(provider.rawValue) refuses faster requests and locks the domain out after 20 refusals"),
                file: file, account: reference, key: "requests_per_second"))
            effectiveRequestsPerSecond = limit
        }
        return AccountConfig(
            name: name, provider: provider, position: position, baseURL: baseURL ?? defaults.baseURL,
            timeZone: zone ?? TimeZone(identifier: defaults.timeZoneIdentifier) ?? .gmt, pageSize: effectivePageSize,
            maxWindowDays: effectiveMaxWindowDays, requestsPerSecond: effectiveRequestsPerSecond,
            timeoutSeconds: timeoutSeconds ?? defaults.timeoutSeconds,
            settings: settings)
    }

    mutating func providerSettings(_ provider: ProviderKind, fields: [String: TOMLNode], account: AccountReference)
        -> ProviderSettings?
    {
        switch provider {
        case .caresoft:
            var domain = requiredString("domain", in: fields, account: account,
                why: "caresoft needs the path segment after the host, e.g. domain = \"khachhang01\"")
            if let slug = domain, slug.contains("/") || slug.contains(where: \.isWhitespace) {
                problems.append(ConfigProblem(
                    .invalidValue(slug, reason: "only the path segment after the host, e.g. \"khachhang01\""),
                    account: account, key: "domain"))
                domain = nil
            }
            let token = secret("token", in: fields, account: account)
            if !token.isGiven {
                problems.append(ConfigProblem(.noAuthentication(options: "token (or token_env)"), account: account, key: "token"))
            }
            guard let domain, let token = token.value else { return nil }
            return .caresoft(CareSoftSettings(domain: domain, token: token))

        case .omicall:
            let apiKey = secret("api_key", in: fields, account: account)
            let token = secret("token", in: fields, account: account)
            switch (apiKey, token) {
            case (.present(let key), .absent): return .omicall(OMICallSettings(auth: .apiKey(key)))
            case (.absent, .present(let token)): return .omicall(OMICallSettings(auth: .token(token)))
            case (.absent, .absent):
                problems.append(ConfigProblem(
                    .noAuthentication(options: "api_key (or api_key_env), or token (or token_env)"), account: account, key: "api_key"))
                return nil
            default:
                if apiKey.isGiven, token.isGiven {
                    problems.append(ConfigProblem(.conflictingKeys("api_key", "token"), account: account, key: "token"))
                }
                return nil
            }

        case .vbotCampaign, .vbotCRM:
            let vbotID = requiredString("vbot_id", in: fields, account: account, allowInteger: true,
                why: "\(provider.rawValue) needs the customer's VBot id")
            let projectCode = requiredString("project_code", in: fields, account: account, allowInteger: true,
                why: "\(provider.rawValue) needs the project (group) code")
            var botID: String?
            if provider == .vbotCampaign {
                botID = requiredString("bot_id", in: fields, account: account, allowInteger: true,
                    why: "vbot-campaign needs the bot id of the campaign")
            }
            let auth = vbotAuth(fields: fields, account: account)
            guard let vbotID, let projectCode, let auth, provider == .vbotCRM || botID != nil else { return nil }
            let settings = VBotSettings(vbotID: vbotID, projectCode: projectCode, botID: botID, auth: auth)
            return provider == .vbotCampaign ? .vbotCampaign(settings) : .vbotCRM(settings)

        case .icsoc:
            let authURL = url("auth_url", in: fields, account: account) ?? ProviderDefaults.icsocAuthURL
            let projectID = string("project_id", in: fields, account: account, allowInteger: true)
            let pushSecret = secret("push_secret", in: fields, account: account)
            let auth = icsocAuth(fields: fields, account: account)
            guard let auth else { return nil }
            return .icsoc(ICSOCSettings(authURL: authURL, projectID: projectID.value, pushSecret: pushSecret.value, auth: auth))
        }
    }

    mutating func vbotAuth(fields: [String: TOMLNode], account: AccountReference) -> VBotSettings.Auth? {
        let token = secret("token", in: fields, account: account)
        let username = string("username", in: fields, account: account)
        let password = secret("password", in: fields, account: account)
        if token.isGiven {
            if username.isGiven || password.isGiven {
                problems.append(ConfigProblem(
                    .conflictingKeys("token", username.isGiven ? "username" : Self.given("password", fields)),
                    account: account, key: "token"))
                return nil
            }
            return token.value.map { .token($0) }
        }
        switch (username, password) {
        case (.absent, .absent):
            problems.append(ConfigProblem(
                .noAuthentication(options: "token (or token_env), or username and password (or password_env)"),
                account: account, key: "token"))
            return nil
        case (.absent, _):
            problems.append(ConfigProblem(.missingKey(why: "a password login needs the username too"), account: account, key: "username"))
            return nil
        case (_, .absent):
            problems.append(ConfigProblem(
                .missingKey(why: "a username login needs password (or password_env)"), account: account, key: "password"))
            return nil
        case (.present(let username), .present(let password)):
            return .password(username: username, password: password)
        default:
            return nil
        }
    }

    mutating func icsocAuth(fields: [String: TOMLNode], account: AccountReference) -> ICSOCSettings.Auth? {
        let token = secret("token", in: fields, account: account)
        let clientID = string("client_id", in: fields, account: account, allowInteger: true)
        let clientSecret = secret("client_secret", in: fields, account: account)
        let username = string("username", in: fields, account: account)
        let password = secret("password", in: fields, account: account)
        let loginParts: [(key: String, given: Bool)] = [
            ("client_id", clientID.isGiven), ("client_secret", clientSecret.isGiven),
            ("username", username.isGiven), ("password", password.isGiven),
        ]
        if token.isGiven {
            if let other = loginParts.first(where: \.given) {
                problems.append(ConfigProblem(.conflictingKeys("token", Self.given(other.key, fields)), account: account, key: "token"))
                return nil
            }
            return token.value.map { .token($0) }
        }
        if !loginParts.contains(where: \.given) {
            problems.append(ConfigProblem(
                .noAuthentication(options: "token (or token_env), or client_id, client_secret, username and password"),
                account: account, key: "token"))
            return nil
        }
        for part in loginParts where !part.given {
            problems.append(ConfigProblem(
                .missingKey(why: "the icsoc password login needs client_id, client_secret, username and password"),
                account: account, key: part.key))
        }
        guard let clientID = clientID.value, let clientSecret = clientSecret.value, let username = username.value,
            let password = password.value
        else { return nil }
        return .password(clientID: clientID, clientSecret: clientSecret, username: username, password: password)
    }

    mutating func warnUnknownKeys(_ members: [TOMLMember], provider: ProviderKind?, account: AccountReference) {
        let known = provider.map(AccountKeys.known) ?? AccountKeys.anyProvider
        for member in members where !known.contains(member.key) {
            if let provider, AccountKeys.anyProvider.contains(member.key) {
                warnings.append(ConfigWarning(.keyNotUsedByProvider(provider), file: file, account: account, key: member.key))
            } else {
                let suggestion = KeySuggestion.closest(to: member.key, among: known)
                warnings.append(ConfigWarning(.unknownKey(suggestion: suggestion), file: file, account: account, key: member.key))
            }
        }
    }

    // MARK: typed reads

    mutating func string(_ key: String, in fields: [String: TOMLNode], account: AccountReference?, allowInteger: Bool = false)
        -> Lookup<String>
    {
        switch fields[key] {
        case nil: return .absent
        case .string(let value)?:
            if value.isEmpty {
                problems.append(ConfigProblem(.emptyValue, account: account, key: key))
                return .invalid
            }
            return .present(value)
        case .integer(let value)? where allowInteger:
            return .present(String(value))
        case let other?:
            problems.append(ConfigProblem(
                .wrongType(expected: allowInteger ? "a string or an integer" : "a string", found: other.typeName),
                account: account, key: key))
            return .invalid
        }
    }

    mutating func requiredString(_ key: String, in fields: [String: TOMLNode], account: AccountReference,
        allowInteger: Bool = false, why: String) -> String?
    {
        let lookup = string(key, in: fields, account: account, allowInteger: allowInteger)
        if case .absent = lookup {
            problems.append(ConfigProblem(.missingKey(why: why), account: account, key: key))
        }
        return lookup.value
    }

    /// `key` or `key_env` (never both).
    mutating func secret(_ key: String, in fields: [String: TOMLNode], account: AccountReference?) -> Lookup<Secret> {
        let envKey = key + "_env"
        let plain = fields[key]
        let fromEnvironment = fields[envKey]
        if plain != nil, fromEnvironment != nil {
            problems.append(ConfigProblem(.conflictingKeys(key, envKey), account: account, key: envKey))
            return .invalid
        }
        if plain != nil {
            guard let value = string(key, in: fields, account: account).value else { return .invalid }
            plainSecrets.append((account, key))
            return .present(Secret(value))
        }
        if fromEnvironment != nil {
            guard let variable = string(envKey, in: fields, account: account).value else { return .invalid }
            guard let value = environment[variable], !value.isEmpty else {
                problems.append(ConfigProblem(.unsetEnvironmentVariable(variable), account: account, key: envKey))
                return .invalid
            }
            return .present(Secret(value, origin: .environment(variable)))
        }
        return .absent
    }

    mutating func integer(_ key: String, in fields: [String: TOMLNode], account: AccountReference, minimum: Int) -> Lookup<Int> {
        switch fields[key] {
        case nil: return .absent
        case .integer(let value)?:
            guard value >= minimum else {
                problems.append(ConfigProblem(.outOfRange(String(value), requirement: "must be at least \(minimum)"), account: account, key: key))
                return .invalid
            }
            return .present(value)
        case let other?:
            problems.append(ConfigProblem(.wrongType(expected: "an integer", found: other.typeName), account: account, key: key))
            return .invalid
        }
    }

    mutating func positiveNumber(_ key: String, in fields: [String: TOMLNode], account: AccountReference) -> Lookup<Double> {
        let value: Double
        switch fields[key] {
        case nil: return .absent
        case .integer(let number)?: value = Double(number)
        case .float(let number)?: value = number
        case let other?:
            problems.append(ConfigProblem(.wrongType(expected: "a number", found: other.typeName), account: account, key: key))
            return .invalid
        }
        guard value.isFinite, value > 0 else {
            problems.append(ConfigProblem(.outOfRange(Self.text(value), requirement: "must be above 0"), account: account, key: key))
            return .invalid
        }
        return .present(value)
    }

    mutating func timeZone(_ key: String, in fields: [String: TOMLNode], account: AccountReference?) -> Lookup<TimeZone> {
        guard let identifier = string(key, in: fields, account: account).value else {
            return fields[key] == nil ? .absent : .invalid
        }
        guard let zone = TimeZone(identifier: identifier) else {
            problems.append(ConfigProblem(.unknownTimeZone(identifier), account: account, key: key))
            return .invalid
        }
        return .present(zone)
    }

    /// An http(s) URL with a host, no query, fragment or credentials; trailing slashes removed.
    mutating func url(_ key: String, in fields: [String: TOMLNode], account: AccountReference) -> URL? {
        guard let text = string(key, in: fields, account: account).value else { return nil }
        let reason: String
        if let components = URLComponents(string: text) {
            let scheme = components.scheme?.lowercased()
            if scheme != "http" && scheme != "https" {
                reason = "the scheme must be http or https, e.g. https://api.example.com"
            } else if components.host?.isEmpty ?? true {
                reason = "it has no host"
            } else if components.user != nil || components.password != nil {
                reason = "credentials in the URL would be shown and logged: use the account's secret keys"
            } else if components.query != nil || components.fragment != nil {
                reason = "a base URL takes no query (?…) or fragment (#…)"
            } else {
                var trimmed = components
                while trimmed.path.hasSuffix("/") { trimmed.path.removeLast() }
                if let url = trimmed.url { return url }
                reason = "it is not a valid URL"
            }
        } else {
            reason = "it is not a valid URL"
        }
        problems.append(ConfigProblem(.badURL(text, reason: reason), account: account, key: key))
        return nil
    }

    mutating func lowered(_ value: Int, to limit: Int?, key: String, account: AccountReference, why: String) -> Int {
        guard let limit, value > limit else { return value }
        warnings.append(ConfigWarning(
            .loweredToProviderLimit(value: String(value), limit: String(limit), why: why), file: file, account: account, key: key))
        return limit
    }

    // MARK: helpers

    static func dictionary(_ members: [TOMLMember]) -> [String: TOMLNode] {
        Dictionary(members.map { ($0.key, $0.value) }, uniquingKeysWith: { _, last in last })
    }

    /// `key`, or `key_env` when that is the form written.
    static func given(_ key: String, _ fields: [String: TOMLNode]) -> String {
        fields[key] == nil && fields[key + "_env"] != nil ? key + "_env" : key
    }

    static func text(_ value: Double) -> String {
        value.rounded() == value && abs(value) < 1e15 ? String(Int(value)) : String(value)
    }
}
