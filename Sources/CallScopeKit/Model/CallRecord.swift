import Foundation

/// One call of any provider, normalized (shared/spec/normalized-call.md), with the provider's
/// own object kept beside it untouched in `raw`.
///
/// Times are whole seconds (machine output has no fractions); absent values are nil.
public struct CallRecord: Sendable, Hashable {
    /// The account's `name` from the config.
    public var account: String
    public var provider: ProviderKind
    /// The provider's unique id of the call (a `hash-…` id when the provider gave none).
    public var id: String
    public var direction: Direction
    /// The calling number.
    public var from: String?
    /// The called number.
    public var to: String?
    /// The agent's extension / id as the provider names it.
    public var agent: String?
    public var agentName: String?
    public var customerName: String?
    public var startedAt: Date?
    public var answeredAt: Date?
    public var endedAt: Date?
    public var waitSeconds: Int?
    public var talkSeconds: Int?
    public var holdSeconds: Int?
    public var durationSeconds: Int?
    public var disposition: Disposition
    /// The provider's own status words, unchanged (`meetAgent`, `miss/missed_customer`, `2/12`).
    public var providerStatus: String?
    public var recordingURL: String?
    public var cost: Double?
    public var campaign: String?
    public var tags: [String]
    public var note: String?
    public var annotationSource: AnnotationSource
    /// The provider's object exactly as received.
    public var raw: JSONValue

    public init(
        account: String,
        provider: ProviderKind,
        id: String,
        direction: Direction = .unknown,
        from: String? = nil,
        to: String? = nil,
        agent: String? = nil,
        agentName: String? = nil,
        customerName: String? = nil,
        startedAt: Date? = nil,
        answeredAt: Date? = nil,
        endedAt: Date? = nil,
        waitSeconds: Int? = nil,
        talkSeconds: Int? = nil,
        holdSeconds: Int? = nil,
        durationSeconds: Int? = nil,
        disposition: Disposition = .unknown,
        providerStatus: String? = nil,
        recordingURL: String? = nil,
        cost: Double? = nil,
        campaign: String? = nil,
        tags: [String] = [],
        note: String? = nil,
        annotationSource: AnnotationSource? = nil,
        raw: JSONValue = .object([])
    ) {
        self.account = account
        self.provider = provider
        self.id = id
        self.direction = direction
        self.from = from
        self.to = to
        self.agent = agent
        self.agentName = agentName
        self.customerName = customerName
        self.startedAt = startedAt
        self.answeredAt = answeredAt
        self.endedAt = endedAt
        self.waitSeconds = waitSeconds
        self.talkSeconds = talkSeconds
        self.holdSeconds = holdSeconds
        self.durationSeconds = durationSeconds
        self.disposition = disposition
        self.providerStatus = providerStatus
        self.recordingURL = recordingURL
        self.cost = cost
        self.campaign = campaign
        self.tags = tags
        self.note = note
        self.annotationSource = annotationSource ?? provider.annotationSource
        self.raw = raw
    }
}
