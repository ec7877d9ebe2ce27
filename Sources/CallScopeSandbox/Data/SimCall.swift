/// How a generated call ended, before any provider's vocabulary is applied.
enum Outcome: Sendable, CaseIterable {
    case answered
    case noAnswer      // rang out
    case cancelled     // the caller hung up while it rang
    case busy
    case failed        // network / unreachable
}

enum SimDirection: String, Sendable {
    case inbound, outbound, local
}

/// A customer: calls from the same customer share a number and a name, so looking a number up
/// finds a history, as agents do.
struct Customer: Sendable {
    let index: Int
    let phone: String
    let name: String
}

/// One generated call in provider-neutral terms. Every provider's simulator writes it in its own
/// words and shapes.
struct SimCall: Sendable {
    let index: Int
    let start: Int64
    let direction: SimDirection
    let outcome: Outcome
    let waitSeconds: Int
    let holdSeconds: Int
    let talkSeconds: Int
    let customer: Customer
    let agent: Agent
    /// A second agent the call rang first without answer (VBot CRM legs, CareSoft last agent).
    let firstTriedAgent: Agent?
    let hotline: Hotline
    let tags: [String]
    let note: String?
    let carrier: String
    let isAutoCall: Bool
    /// A small random number each simulator may use for its own choices (ids, quirks).
    let salt: UInt64

    var answered: Bool { outcome == .answered }
    var durationSeconds: Int { waitSeconds + holdSeconds + talkSeconds }
    var end: Int64 { start + Int64(durationSeconds) }
    var answeredAt: Int64? { answered ? start + Int64(waitSeconds) : nil }
}
