/// The provider's own status words, as `provider_status` shows them.
enum ProviderStatus {
    /// `primary/detail` (`miss/missed_customer`, `2/12`), `primary` alone when there is no detail,
    /// nil when there is no primary word.
    static func joined(_ primary: String?, _ detail: String?) -> String? {
        guard let primary else { return nil }
        guard let detail else { return primary }
        return primary + "/" + detail
    }
}
