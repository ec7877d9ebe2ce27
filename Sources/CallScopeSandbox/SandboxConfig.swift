/// The `config.toml` that points five accounts at a running sandbox (cli-and-config.md's format).
public enum SandboxConfig {
    public static func toml(endpoints e: SandboxEndpoints, options: SandboxOptions) -> String {
        let c = options.credentials
        return """
        # callscope sandbox: simulated providers on \(e.root) (seed \(options.seed), \(options.callsPerProvider) calls each)
        #   caresoft       \(e.caresoft)
        #   omicall        \(e.omicall)
        #   vbot           \(e.vbot)
        #   icsoc          \(e.icsoc)  (login at \(e.icsocAccount))
        # Save this as ~/.config/callscope/config.toml, or point CALLSCOPE_CONFIG at it.

        theme = "default"

        [[account]]
        name = "cs"
        provider = "caresoft"
        base_url = "\(e.caresoft)"
        domain = "\(c.caresoftDomain)"
        token = "\(c.caresoftToken)"

        [[account]]
        name = "omi"
        provider = "omicall"
        base_url = "\(e.omicall)"
        api_key = "\(c.omicallAPIKey)"
        max_window_days = \(options.omicallMaxWindowDays)

        [[account]]
        name = "vb-camp"
        provider = "vbot-campaign"
        base_url = "\(e.vbot)"
        vbot_id = "\(c.vbotID)"
        project_code = "\(c.vbotProjectCode)"
        bot_id = "\(c.vbotBotIDs[0])"
        username = "\(c.vbotUsername)"
        password = "\(c.vbotPassword)"

        [[account]]
        name = "vb-crm"
        provider = "vbot-crm"
        base_url = "\(e.vbot)"
        vbot_id = "\(c.vbotID)"
        project_code = "\(c.vbotProjectCode)"
        username = "\(c.vbotUsername)"
        password = "\(c.vbotPassword)"

        [[account]]
        name = "ic"
        provider = "icsoc"
        base_url = "\(e.icsoc)"
        auth_url = "\(e.icsocAccount)"
        client_id = "\(c.icsocClientID)"
        client_secret = "\(c.icsocClientSecret)"
        username = "\(c.icsocUsername)"
        password = "\(c.icsocPassword)"
        project_id = "\(c.icsocProjectID)"
        push_secret = "\(c.icsocPushSecret)"

        """
    }
}
