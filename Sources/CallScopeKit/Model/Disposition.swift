/// How a call ended, normalized across providers (the provider's own words are in
/// `CallRecord.providerStatus`).
public enum Disposition: String, Sendable, Hashable, CaseIterable, Codable {
    case answered
    case missed
    case busy
    case failed
    case unknown
}
