/// Names and constants the team store's SQL shares.
enum PostgresSchema {
    /// `started_at` of a call without a start time: the SQLite store's value, so that both sort
    /// such calls last and keep the keyset free of NULLs.
    static let noStart = Int64.min

    /// The channel on which every change of calls is announced; the payload is the account.
    static let changesChannel = "callscope_changes"

    /// The first key of the advisory locks the store takes (`pg_advisory_lock(kind, key)`): "CS"
    /// and a number, so that they never meet another application's locks in the same database.
    enum Lock: Int32 {
        case migrations = 0x4353_0001
        case partitions = 0x4353_0002
        case sync = 0x4353_0003
        case edit = 0x4353_0004
        case spans = 0x4353_0005
    }
}
