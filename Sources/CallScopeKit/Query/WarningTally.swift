/// The mapping warnings of a page or a sync: the first few kept to be shown, all of them counted.
/// A hostile page of a million odd records stays a count, not a million warnings in memory.
public struct WarningTally: Sendable {
    /// The warnings kept to be shown; the rest are only counted.
    public static let keptWarnings = 100

    public private(set) var kept: [MappingWarning] = []
    public private(set) var count = 0

    public init() {}

    public mutating func add(_ warnings: [MappingWarning], counting total: Int? = nil) {
        count = count.addingSaturated(total ?? warnings.count)
        kept += warnings.prefix(Self.keptWarnings - kept.count)
    }
}
