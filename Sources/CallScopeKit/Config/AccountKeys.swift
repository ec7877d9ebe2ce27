import Foundation

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
