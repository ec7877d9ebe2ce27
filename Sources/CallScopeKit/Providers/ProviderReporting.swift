/// A provider with its own report of a range (OMICall's `/api/call_transaction/report`),
/// shown beside callscope's counts as the provider sent it.
public protocol ProviderReporting: CallProvider {
    /// The provider's answer for `range` (its payload), unchanged.
    func providerReport(_ range: TimeRange) async throws -> JSONValue
}
