import CallScopeStore

/// The list sorted by a column (the TUI's `s`) walks that column's expression, then start and
/// id, in an index of every month's partition, by keyset from any call. The expressions are
/// `StoreSortSQL`'s, which the queries repeat exactly.
enum SchemaV2 {
    static let migration = Migration(version: 2, name: "sort indexes", statements: StoreSort.allCases.compactMap { sort in
        StoreSortSQL.expression(sort, emptyBytes: PostgresQueryBuilder.emptyBytes).map { expression in
            "CREATE INDEX calls_sorted_by_\(sort.rawValue) ON calls (account, (\(expression.replacingOccurrences(of: "c.", with: ""))), started_at, id)"
        }
    })
}
