import Foundation

/// The whole config file (cli-and-config.md, "Config"), validated.
public struct AppConfig: Sendable, Equatable {
    /// A theme file name under `themes/` without `.toml`; `default` when absent.
    public var theme: String
    /// The TUI's display zone (top-level `timezone`); nil means the system's zone.
    public var displayTimeZone: TimeZone?
    /// The `[keys]` table as written: action name → key.
    public var keys: [String: String]
    /// In file order.
    public var accounts: [AccountConfig]
    /// `[store]`: the team store in PostgreSQL; nil for the SQLite file in the data folder.
    public var store: PostgresStoreSettings?
    /// `[store] keep_days`: calls older than this many days are pruned after each sync; nil keeps all.
    public var keepDays: Int?
    /// Top-level `follow`: the TUI brings the list's newest calls into the store this often; nil: it does not.
    public var follow: FollowInterval?
    /// `readonly = true` (or `--readonly`): no note or tag is written anywhere and nothing is sent
    /// to a provider's write API; reading, syncing calls, downloading and exporting still work.
    public var readOnly = false

    public static let defaultTheme = "default"

    public init(theme: String = AppConfig.defaultTheme, displayTimeZone: TimeZone? = nil, keys: [String: String] = [:],
        accounts: [AccountConfig] = [], store: PostgresStoreSettings? = nil)
    {
        self.theme = theme
        self.displayTimeZone = displayTimeZone
        self.keys = keys
        self.accounts = accounts
        self.store = store
    }

    /// The account `--account NAME` selects (names are unique).
    public func account(named name: String) -> AccountConfig? {
        accounts.first { $0.name == name }
    }
}

/// One `[[account]]` table, validated, with the provider's defaults filled in.
public struct AccountConfig: Sendable, Equatable {
    /// Unique; what `--account` takes and what records carry in `account`.
    public var name: String
    public var provider: ProviderKind
    /// 1-based position in the file, for messages.
    public var position: Int
    /// http or https, without a trailing slash (`https://open-api.vbot.vn/v2.0`).
    public var baseURL: URL
    /// The provider's zone: naive timestamps are read, and naive query parameters written, in it.
    public var timeZone: TimeZone
    /// Records asked for per request (already within the provider's maximum).
    public var pageSize: Int
    /// The longest date range one list request may span; nil when the provider has no limit.
    public var maxWindowDays: Int?
    /// Client-side throttle; nil when the provider states no limit.
    public var requestsPerSecond: Double?
    public var timeoutSeconds: Double
    /// The provider's own keys and the way to log in.
    public var settings: ProviderSettings

    public init(name: String, provider: ProviderKind, position: Int = 1, baseURL: URL, timeZone: TimeZone, pageSize: Int,
        maxWindowDays: Int?, requestsPerSecond: Double?, timeoutSeconds: Double, settings: ProviderSettings)
    {
        self.name = name
        self.provider = provider
        self.position = position
        self.baseURL = baseURL
        self.timeZone = timeZone
        self.pageSize = pageSize
        self.maxWindowDays = maxWindowDays
        self.requestsPerSecond = requestsPerSecond
        self.timeoutSeconds = timeoutSeconds
        self.settings = settings
    }

    public var reference: AccountReference { AccountReference(position: position, name: name) }

    public var caresoft: CareSoftSettings? {
        if case .caresoft(let settings) = settings { return settings }
        return nil
    }

    public var omicall: OMICallSettings? {
        if case .omicall(let settings) = settings { return settings }
        return nil
    }

    /// The settings of a vbot-campaign or vbot-crm account.
    public var vbot: VBotSettings? {
        switch settings {
        case .vbotCampaign(let settings), .vbotCRM(let settings): return settings
        default: return nil
        }
    }

    public var icsoc: ICSOCSettings? {
        if case .icsoc(let settings) = settings { return settings }
        return nil
    }

    /// The account's settings as `key: value` lines for `callscope accounts`, secrets masked.
    public var displayFields: [(key: String, value: String)] {
        var fields: [(key: String, value: String)] = [
            ("name", name), ("provider", provider.rawValue), ("base_url", baseURL.absoluteString),
            ("timezone", timeZone.identifier), ("page_size", String(pageSize)),
        ]
        if let maxWindowDays { fields.append(("max_window_days", String(maxWindowDays))) }
        if let requestsPerSecond { fields.append(("requests_per_second", Self.number(requestsPerSecond))) }
        fields.append(("timeout_seconds", Self.number(timeoutSeconds)))
        switch settings {
        case .caresoft(let caresoft):
            fields.append(("domain", caresoft.domain))
            fields.append(("token", caresoft.token.maskedDescription))
        case .omicall(let omicall):
            switch omicall.auth {
            case .apiKey(let key): fields.append(("api_key", key.maskedDescription))
            case .token(let token): fields.append(("token", token.maskedDescription))
            }
        case .vbotCampaign(let vbot), .vbotCRM(let vbot):
            fields.append(("vbot_id", vbot.vbotID))
            fields.append(("project_code", vbot.projectCode))
            if let botID = vbot.botID { fields.append(("bot_id", botID)) }
            switch vbot.auth {
            case .token(let token): fields.append(("token", token.maskedDescription))
            case .password(let username, let password):
                fields.append(("username", username))
                fields.append(("password", password.maskedDescription))
            }
        case .icsoc(let icsoc):
            switch icsoc.auth {
            case .token(let token): fields.append(("token", token.maskedDescription))
            case .password(let clientID, let clientSecret, let username, let password):
                fields.append(("auth_url", icsoc.authURL.absoluteString))
                fields.append(("client_id", clientID))
                fields.append(("client_secret", clientSecret.maskedDescription))
                fields.append(("username", username))
                fields.append(("password", password.maskedDescription))
            }
            if let projectID = icsoc.projectID { fields.append(("project_id", projectID)) }
            if let pushSecret = icsoc.pushSecret { fields.append(("push_secret", pushSecret.maskedDescription)) }
        }
        return fields
    }

    private static func number(_ value: Double) -> String {
        value.rounded() == value && abs(value) < 1e15 ? String(Int(value)) : String(value)
    }
}

/// The provider's own keys of an account.
public enum ProviderSettings: Sendable, Equatable {
    case caresoft(CareSoftSettings)
    case omicall(OMICallSettings)
    case vbotCampaign(VBotSettings)
    case vbotCRM(VBotSettings)
    case icsoc(ICSOCSettings)
}

public struct CareSoftSettings: Sendable, Equatable {
    /// The path segment after the host (`khachhang01`).
    public var domain: String
    /// The static API token (`Authorization: Bearer …`).
    public var token: Secret

    public init(domain: String, token: Secret) {
        self.domain = domain
        self.token = token
    }
}

public struct OMICallSettings: Sendable, Equatable {
    public enum Auth: Sendable, Equatable {
        /// Exchanged at `GET /api/auth?apiKey=…` for a 24-hour token.
        case apiKey(Secret)
        /// A ready access token.
        case token(Secret)
    }

    public var auth: Auth

    public init(auth: Auth) { self.auth = auth }
}

/// vbot-campaign and vbot-crm.
public struct VBotSettings: Sendable, Equatable {
    public enum Auth: Sendable, Equatable {
        case token(Secret)
        /// `POST {base}/token`, `grant_type=password`, refreshed with the refresh token.
        case password(username: String, password: Secret)
    }

    public var vbotID: String
    public var projectCode: String
    /// vbot-campaign only (required there); nil for vbot-crm.
    public var botID: String?
    public var auth: Auth

    public init(vbotID: String, projectCode: String, botID: String? = nil, auth: Auth) {
        self.vbotID = vbotID
        self.projectCode = projectCode
        self.botID = botID
        self.auth = auth
    }
}

public struct ICSOCSettings: Sendable, Equatable {
    public enum Auth: Sendable, Equatable {
        case token(Secret)
        /// `POST {auth_url}/oauth2/token`, `grant_type=password`.
        case password(clientID: String, clientSecret: Secret, username: String, password: Secret)
    }

    /// The OAuth host (`https://account.icsoc.net` when absent).
    public var authURL: URL
    /// Optional filter of the CDR search (`projectId`).
    public var projectID: String?
    /// Verifies and decrypts CDR pushes; nil when the account does not receive pushes.
    public var pushSecret: Secret?
    public var auth: Auth

    public init(authURL: URL, projectID: String? = nil, pushSecret: Secret? = nil, auth: Auth) {
        self.authURL = authURL
        self.projectID = projectID
        self.pushSecret = pushSecret
        self.auth = auth
    }
}
