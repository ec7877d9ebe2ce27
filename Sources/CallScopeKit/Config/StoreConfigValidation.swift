import Foundation

/// The `[store]` table. Its keys are named `store.url`, `store.password_env` in messages, so that
/// every problem says it is about `[store]`.
extension ConfigValidator {
    static let storeKeys = ["url", "password_env", "keep_days"]
    /// `keep_days`: at least a day, at most a century.
    static let keepDaysRange = 1...36_500

    /// `[store] keep_days`: how many days of calls the store keeps after each sync; nil: all.
    mutating func keepDays(_ node: TOMLNode?) -> Int? {
        guard case .table(let members)? = node, let value = members.first(where: { $0.key == "keep_days" })?.value else { return nil }
        guard case .integer(let days) = value else {
            problems.append(ConfigProblem(.wrongType(expected: "a whole number of days", found: value.typeName), key: "store.keep_days"))
            return nil
        }
        guard Self.keepDaysRange.contains(days) else {
            problems.append(ConfigProblem(.outOfRange(String(days), requirement: "must be from 1 to 36500 days"), key: "store.keep_days"))
            return nil
        }
        return days
    }

    /// The team store's settings; nil when there is no `[store]` or no `url` in it (the SQLite
    /// file) or it is wrong (the problems are recorded).
    mutating func store(_ node: TOMLNode?) -> PostgresStoreSettings? {
        guard let node else { return nil }
        guard case .table(let members) = node else {
            problems.append(ConfigProblem(.wrongType(expected: "a table ([store])", found: node.typeName), key: "store"))
            return nil
        }
        // `[store]` with only `keep_days` keeps the SQLite file.
        guard members.contains(where: { $0.key != "keep_days" }) else { return nil }
        let fields = Dictionary(members.map { ("store." + $0.key, $0.value) }, uniquingKeysWith: { _, last in last })
        for member in members where !Self.storeKeys.contains(member.key) {
            if member.key == "password" {
                problems.append(ConfigProblem(
                    .invalidValue(Secret.mask, reason: "keep the database password out of the file: name an environment variable with password_env"),
                    key: "store.password"))
            } else {
                let suggestion = KeySuggestion.closest(to: member.key, among: Self.storeKeys)
                warnings.append(ConfigWarning(.unknownKey(suggestion: suggestion), file: file, key: "store.\(member.key)"))
            }
        }
        let password = secret("store.password", in: fields.filter { $0.key != "store.password" }, account: nil)
        let url: String
        switch string("store.url", in: fields, account: nil) {
        case .present(let text): url = text
        case .absent:
            problems.append(ConfigProblem(.missingKey(why: "the team store's URL, postgresql://USER@HOST:PORT/DATABASE"), key: "store.url"))
            return nil
        case .invalid: return nil
        }
        do {
            let settings = try PostgresStoreSettings(url: url, password: password.value)
            if case .invalid = password { return nil }
            return settings
        } catch {
            problems.append(ConfigProblem(.badURL(Self.withoutPassword(url), reason: error.reason), key: "store.url"))
            return nil
        }
    }

    /// The URL as it may be shown: a password written in it is masked.
    static func withoutPassword(_ url: String) -> String {
        guard var components = URLComponents(string: url), components.password != nil else { return url }
        components.password = Secret.mask
        return components.string ?? "postgresql://\(Secret.mask)"
    }
}
