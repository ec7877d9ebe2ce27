import Hummingbird
import NIOCore

typealias SandboxRouter = Router<SandboxContext>

/// The request context of the simulators: the basic one, plus the connection, which the
/// `truncate` and `drop` faults close.
struct SandboxContext: RequestContext {
    var coreContext: CoreRequestContextStorage
    let channel: any Channel

    init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        channel = source.channel
    }
}

/// What every simulator is given: the options, the faults, the staff, the sandbox's own address
/// (for the recording URLs it hands out) and the recordings' server.
struct SimulatorEnvironment: Sendable {
    let options: SandboxOptions
    let faults: FaultController
    let agents: [Agent]
    let address: PublicAddress
    let recordings: RecordingServer

    var anchor: Int64 { Int64(options.anchor.timeIntervalSince1970) }

    func stream(_ kind: StreamKind) -> CallStream {
        CallStream(kind: kind, seed: options.seed, count: options.callsPerProvider, anchor: anchor, agents: agents)
    }

    /// Checks the bearer token of a request against a simulator's token store, expiring it first
    /// when the `expire=` fault says so.
    func authorize(_ request: Request, with tokens: TokenStore) -> TokenStore.Check {
        let header = request.headers[.authorization]
        if faults.rollExpiry(path: request.uri.path) { tokens.revoke(authorization: header) }
        return tokens.check(authorization: header)
    }
}

/// A simulator of one provider's API, mounted under its own path prefix.
protocol Simulator: Sendable {
    func register(on router: SandboxRouter)
}

extension Request {
    var params: Params { Params(encoded: uri.query) }

    /// Query parameters, or a form-encoded body, whichever the request carries.
    func formParams(limit: Int = 64 * 1024) async throws -> Params {
        var copy = self
        let buffer = try await copy.collectBody(upTo: limit)
        return Params(encoded: String(buffer: buffer))
    }

    func bodyText(limit: Int = 1 << 20) async throws -> String {
        var copy = self
        return String(buffer: try await copy.collectBody(upTo: limit))
    }
}
