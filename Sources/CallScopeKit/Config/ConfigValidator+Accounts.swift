import Foundation

extension ConfigValidator {
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
        let requestsPerSecond = positiveNumber("requests_per_second", in: fields, account: reference, maximum: 10_000).value
        let timeoutSeconds = positiveNumber("timeout_seconds", in: fields, account: reference, maximum: 86_400).value
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
}
