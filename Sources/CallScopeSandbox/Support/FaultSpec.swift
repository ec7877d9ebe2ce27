import Foundation

/// Faults the sandbox injects so that retries and error display can be tested:
/// `latency=200ms,error=0.05,throttle=0.02,malformed=0.01,truncate=0.01,drop=0.01,expire=30s,norange=1`.
///
/// - `latency`: added to every answer (`ms` or `s`).
/// - `error`: share of requests answered with a 5xx (500, 502 or 503).
/// - `throttle`: share answered with a 429 in the provider's words.
/// - `malformed`: share answered 200 with a JSON body cut in half (a complete HTTP answer).
/// - `truncate`: share whose connection closes half-way through the body.
/// - `drop`: share whose connection closes before any body byte.
/// - `expire`: a duration (`30s`) is the lifetime of every token issued; a share (`0.1`) is the
///   chance that a valid token is revoked on use, as if it had expired; `1/N` revokes the token
///   of every N-th authorized request (repeatable whatever the timing).
/// - `norange`: share of recording requests whose `Range` header is ignored (the whole file is
///   sent with 200, as by a server without range support).
/// - `bandwidth`: bytes per second a recording's body is sent at (`16k`, `2m`), so a download
///   takes long enough to watch.
/// - `only`: path prefixes (separated by `|`) the faults apply to; all paths when absent.
public struct FaultSpec: Sendable, Equatable {
    public var latency: Duration = .zero
    public var error = 0.0
    public var throttle = 0.0
    public var malformed = 0.0
    public var truncate = 0.0
    public var drop = 0.0
    public var tokenLifetime: Duration?
    public var expire = 0.0
    public var expireEvery: Int?
    public var noRange = 0.0
    public var bandwidth: Int?
    public var only: [String] = []

    public init() {}

    public static let none = FaultSpec()

    public static func parse(_ text: String) throws(SandboxError) -> FaultSpec {
        var spec = FaultSpec()
        for item in text.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) }) where !item.isEmpty {
            let parts = item.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2 else { throw .badFaults("'\(item)' is not key=value") }
            let (key, value) = (parts[0], parts[1])
            switch key {
            case "latency": spec.latency = try duration(value, key: key)
            case "error", "5xx": spec.error = try share(value, key: key)
            case "throttle", "429": spec.throttle = try share(value, key: key)
            case "malformed": spec.malformed = try share(value, key: key)
            case "truncate", "truncated": spec.truncate = try share(value, key: key)
            case "drop": spec.drop = try share(value, key: key)
            case "expire":
                if value.hasPrefix("1/"), let n = Int(value.dropFirst(2)), n > 0 {
                    spec.expireEvery = n
                } else if let p = Double(value), p <= 1 {
                    spec.expire = p
                } else {
                    spec.tokenLifetime = try duration(value, key: key)
                }
            case "norange": spec.noRange = try share(value, key: key)
            case "bandwidth": spec.bandwidth = try bytes(value, key: key)
            case "only": spec.only = value.split(separator: "|").map(String.init)
            default:
                throw .badFaults("unknown fault '\(key)' (known: latency, error, throttle, malformed, truncate, drop, expire, norange, bandwidth, only)")
            }
        }
        return spec
    }

    func applies(to path: String) -> Bool {
        only.isEmpty || only.contains { path.hasPrefix($0) }
    }

    private static func share(_ value: String, key: String) throws(SandboxError) -> Double {
        guard let p = Double(value), (0...1).contains(p) else { throw .badFaults("\(key)=\(value): expected a share from 0 to 1") }
        return p
    }

    private static func bytes(_ value: String, key: String) throws(SandboxError) -> Int {
        let scales: [Character: Int] = ["k": 1024, "m": 1024 * 1024]
        let lower = value.lowercased()
        let scale = lower.last.flatMap { scales[$0] } ?? 1
        guard let n = Int(scale == 1 ? lower : String(lower.dropLast())), n > 0 else {
            throw .badFaults("\(key)=\(value): expected bytes per second such as 16k or 2m")
        }
        return n * scale
    }

    private static func duration(_ value: String, key: String) throws(SandboxError) -> Duration {
        let units: [(String, Double)] = [("ms", 0.001), ("s", 1), ("m", 60), ("h", 3600)]
        for (unit, scale) in units where value.hasSuffix(unit) {
            if let n = Double(value.dropLast(unit.count)), n >= 0 { return .milliseconds(Int64(n * scale * 1000)) }
        }
        throw .badFaults("\(key)=\(value): expected a duration such as 200ms or 30s")
    }
}

public enum SandboxError: Error, CustomStringConvertible, Equatable {
    case badFaults(String)
    case notStarted

    public var description: String {
        switch self {
        case .badFaults(let why): "bad --faults: \(why)"
        case .notStarted: "the sandbox is not running"
        }
    }
}
