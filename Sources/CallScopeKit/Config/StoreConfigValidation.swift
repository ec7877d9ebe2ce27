import Foundation

/// The `[store]` table. Its keys are named `store.url`, `store.password_env` in messages, so that
/// every problem says it is about `[store]`.
extension ConfigValidator {
    static let storeKeys = ["url", "password_env"]

    /// The team store's settings; nil when there is no `[store]` (the SQLite file) or it is wrong
    /// (the problems are recorded).
    mutating func store(_ node: TOMLNode?) -> PostgresStoreSettings? {
        guard let node else { return nil }
        guard case .table(let members) = node else {
            problems.append(ConfigProblem(.wrongType(expected: "a table ([store])", found: node.typeName), key: "store"))
            return nil
        }
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
