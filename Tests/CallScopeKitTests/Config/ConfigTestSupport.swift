import Foundation
import Testing

@testable import CallScopeKit

/// The example config of shared/spec/cli-and-config.md, verbatim.
let specExampleConfig = #"""
    theme = "default"            # a file name under themes/ without .toml
    timezone = "Asia/Ho_Chi_Minh" # optional display zone for the TUI

    [[account]]
    name = "cs"                  # unique; what --account takes
    provider = "caresoft"
    base_url = "https://api.caresoft.vn"
    domain = "khachhang01"       # caresoft: the path segment after the host
    token_env = "CARESOFT_TOKEN" # or token = "…"

    [[account]]
    name = "omi"
    provider = "omicall"
    base_url = "https://public-v1-stg.omicall.com"
    api_key_env = "OMICALL_API_KEY"   # exchanged at GET /api/auth?apiKey=… for a 24 h token; or token = "…"
    max_window_days = 3               # longest date range one list request may span

    [[account]]
    name = "vb-camp"
    provider = "vbot-campaign"
    base_url = "https://open-api.vbot.vn/v2.0"
    vbot_id = "…"
    project_code = "…"
    bot_id = "…"
    token_env = "VBOT_TOKEN"          # or username + password/password_env: POST /token, grant_type=password, refresh_token when it expires

    [[account]]
    name = "vb-crm"
    provider = "vbot-crm"
    base_url = "https://open-api.vbot.vn/v2.0"
    vbot_id = "…"
    project_code = "…"
    username = "…"
    password_env = "VBOT_PASSWORD"

    [[account]]
    name = "ic"
    provider = "icsoc"
    base_url = "https://autocall.icsoc.net"
    auth_url = "https://account.icsoc.net"   # POST {auth_url}/oauth2/token, form: grant_type=password, client_id, client_secret, username, password; or token = "…"
    client_id = "…"
    client_secret_env = "ICSOC_CLIENT_SECRET"
    username = "ENT|1001"
    password_env = "ICSOC_PASSWORD"
    project_id = "10008"
    push_secret_env = "ICSOC_PUSH_SECRET"     # verifies (and decrypts) CDR pushes
    """#

/// The variables the example config's `_env` keys name.
let specExampleEnvironment = [
    "CARESOFT_TOKEN": "cs-token-1", "OMICALL_API_KEY": "omi-key-2", "VBOT_TOKEN": "vbot-token-3",
    "VBOT_PASSWORD": "vbot-pass-4", "ICSOC_CLIENT_SECRET": "ic-secret-5", "ICSOC_PASSWORD": "ic-pass-6",
    "ICSOC_PUSH_SECRET": "ic-push-7",
]

/// Loads config text that must be valid.
func loadConfig(_ text: String, environment: [String: String] = [:], fileMode: Int? = nil,
    sourceLocation: SourceLocation = #_sourceLocation) throws -> LoadedConfig
{
    do {
        return try ConfigLoader.parse(text, file: "test.toml", environment: environment, fileMode: fileMode)
    } catch {
        Issue.record("config did not load:\n\(error)", sourceLocation: sourceLocation)
        throw error
    }
}

/// The error of config text that must be refused.
func configError(_ text: String, environment: [String: String] = [:], sourceLocation: SourceLocation = #_sourceLocation)
    -> ConfigError?
{
    do {
        let loaded = try ConfigLoader.parse(text, file: "test.toml", environment: environment)
        Issue.record("config loaded but should not have: \(loaded.config.accounts.map(\.name))", sourceLocation: sourceLocation)
        return nil
    } catch {
        return error
    }
}

/// A single-account config around the given lines.
func accountConfig(_ lines: String) -> String {
    "[[account]]\n" + lines
}
