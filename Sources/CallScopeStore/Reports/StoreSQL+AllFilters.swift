import GRDB

extension StoreSQL {
    /// The SQL of every filter of `query` but its range (a report bounds each bucket itself). A
    /// search is looked up in the index as a set of keys rather than read key by key: a report
    /// asks for each hour of its range.
    static func allFilters(_ query: StoreQuery, db: Database) throws -> StoreSQL {
        var unranged = query
        (unranged.from, unranged.to) = (nil, nil)
        return try StoreSQL(unranged, db: db, fewMatchesByKey: false)
    }
}
