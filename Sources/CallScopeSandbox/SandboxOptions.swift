import Foundation

/// How a sandbox is started.
public struct SandboxOptions: Sendable {
    /// 0 picks a free ephemeral port.
    public var port = 0
    public var host = "127.0.0.1"
    /// Calls generated per provider.
    public var callsPerProvider = 2000
    public var seed: UInt64 = 1
    public var faults = FaultSpec()
    /// The newest call is just before this moment; calls spread over the 120 days before it.
    public var anchor = Date()
    /// OMICall's longest list range (3 days on older accounts, 30 on newer ones).
    public var omicallMaxWindowDays = 3
    /// Multiplies the providers' long clocks (CareSoft's 15-minute lock-out, ICSOC's push retry
    /// schedule), so tests can reach them: 0.001 makes 15 minutes 0.9 s.
    public var clockScale = 1.0
    /// CareSoft's rate limit (requests in any sliding second); benchmarks raise it to measure
    /// the simulator itself.
    public var caresoftRequestsPerSecond = 15
    /// Lifetime of VBot access tokens (its `expires_in`).
    public var vbotTokenLifetime: Duration = .seconds(3600)
    /// A recording lasts as long as its call's talk, cut to this many seconds (16 KB a second);
    /// a few seconds keep tests quick, benchmarks raise it.
    public var recordingSecondsLimit = 4
    public var credentials = SandboxCredentials()

    public init() {}
}

/// The secrets and identifiers the simulated providers accept. Fixed, because the sandbox prints
/// a config that uses them and the demo needs nothing else.
public struct SandboxCredentials: Sendable {
    public var caresoftDomain = "khachhang01"
    public var caresoftToken = "sandbox-caresoft-token"
    public var omicallAPIKey = "sandbox-omicall-api-key"
    public var vbotUsername = "sandbox@vbot.vn"
    public var vbotPassword = "sandbox-vbot-password"
    public var vbotID = "VB0001"
    public var vbotProjectCode = "PRJ01"
    public var vbotBotIDs = ["BOT01", "BOT02"]
    public var icsocClientID = "sandbox-client"
    public var icsocClientSecret = "sandbox-client-secret"
    public var icsocUsername = "ENT01|1001"
    public var icsocPassword = "sandbox-icsoc-password"
    public var icsocProjectID = "10008"
    /// Signs (and encrypts) ICSOC's CDR pushes.
    public var icsocPushSecret = "sandbox-push-secret"

    public init() {}
}
