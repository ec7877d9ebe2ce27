import Foundation

/// What a mapping needs besides the provider's record: whose call it is and the zone that the
/// provider's naive timestamps are written in.
public struct MappingContext: Sendable, Hashable {
    /// The account's `name` from the config.
    public var account: String
    /// Which mapping `CallMapping.map(_:context:)` uses.
    public var provider: ProviderKind
    /// The account's `timezone` (the provider's zone, not the viewer's).
    public var timeZone: TimeZone

    /// `timeZone` nil means the provider's default zone (`ProviderKind.defaultTimeZoneIdentifier`).
    public init(account: String, provider: ProviderKind, timeZone: TimeZone? = nil) {
        self.account = account
        self.provider = provider
        self.timeZone = timeZone ?? Self.defaultTimeZone(for: provider)
    }

    /// The provider's default zone; its fixed modern offset if the system lacks the tz database.
    public static func defaultTimeZone(for provider: ProviderKind) -> TimeZone {
        if let zone = TimeZone(identifier: provider.defaultTimeZoneIdentifier) { return zone }
        let hours = provider == .icsoc ? 8 : 7
        return TimeZone(secondsFromGMT: hours * 3600) ?? .gmt
    }
}
