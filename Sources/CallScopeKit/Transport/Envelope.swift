/// How a provider wraps its answers: what says it succeeded, where the payload is, and how a
/// refusal reads (the provider's own words, in a member of the answer).
struct Envelope: Sendable {
    let succeeded: @Sendable (JSONValue) -> Bool
    let payload: String
    /// The error for a refusal; `.provider` with the words unless a provider knows better.
    var refusal: @Sendable (_ account: String, _ request: String, _ status: Int, _ words: String) -> CallScopeError = {
        .provider(account: $0, request: $1, status: $2, words: $3)
    }

    static let vbot = Envelope(succeeded: { $0["error"]?.intValue == 0 }, payload: "data")
    static let icsoc = Envelope(succeeded: { $0["code"]?.intValue == 0 }, payload: "data")

    /// The payload of a successful answer, or the refusal in the provider's words.
    func open(_ reply: HTTPReply, account: String, request: String) throws(AnswerProblem) -> JSONValue {
        let json = try reply.parsedJSON()
        guard succeeded(json) else {
            throw .final(refusal(account, request, reply.status, json["message"]?.stringValue ?? reply.providerWords))
        }
        return json[payload] ?? .null
    }
}

extension HTTPTransport {
    /// Sends and opens the provider's envelope.
    func send(_ spec: HTTPRequestSpec, auth: TokenManager? = nil, envelope: Envelope) async throws -> JSONValue {
        try await send(spec, auth: auth) { reply throws(AnswerProblem) in try envelope.open(reply, account: account, request: spec.summary) }
    }
}
