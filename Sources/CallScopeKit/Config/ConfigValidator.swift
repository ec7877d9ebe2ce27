import Foundation

/// Checks a parsed config file key by key, collecting every problem (naming the account and the
/// key) and warning rather than stopping at the first.
struct ConfigValidator {
    let file: String
    let environment: [String: String]
    var problems: [ConfigProblem] = []
    var warnings: [ConfigWarning] = []
    /// Where a secret is written in the file itself.
    var plainSecrets: [(account: AccountReference?, key: String)] = []

    static let topLevelKeys = ["theme", "timezone", "follow", "readonly", "keys", "store", "account"]

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

        if case .present(let text) = string("follow", in: fields, account: nil) {
            switch FollowInterval.parse(text) {
            case .success(let interval): config.follow = interval
            case .failure(let problem): problems.append(ConfigProblem(.invalidValue(text, reason: problem.reason), key: "follow"))
            }
        }
        if case .present(let readOnly) = boolean("readonly", in: fields) { config.readOnly = readOnly }

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
        config.keepDays = keepDays(fields["store"])

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

}
