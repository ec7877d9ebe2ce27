import Foundation

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

extension ConfigValidator {
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

    /// A top-level `true` or `false`.
    mutating func boolean(_ key: String, in fields: [String: TOMLNode]) -> Lookup<Bool> {
        switch fields[key] {
        case nil: return .absent
        case .boolean(let value)?: return .present(value)
        case let other?:
            problems.append(ConfigProblem(.wrongType(expected: "true or false", found: other.typeName), key: key))
            return .invalid
        }
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

    /// A number above 0 and at most `maximum` (a timeout of 1e300 seconds is a typo, and no
    /// duration could hold it).
    mutating func positiveNumber(_ key: String, in fields: [String: TOMLNode], account: AccountReference, maximum: Double) -> Lookup<Double> {
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
        guard value <= maximum else {
            problems.append(ConfigProblem(.outOfRange(Self.text(value), requirement: "must be at most \(Self.text(maximum))"), account: account, key: key))
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
