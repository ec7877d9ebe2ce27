/// Which way a call went, from the account's point of view.
public enum Direction: String, Sendable, Hashable, CaseIterable, Codable {
    case inbound
    case outbound
    case `internal`
    case unknown
}
