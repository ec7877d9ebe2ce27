/// The columns a list of calls can be ordered by (the store's `StoreSort` has the same names).
public enum SortKey: String, Sendable, CaseIterable {
    case time, direction, from, to, agent, disposition, talk
}
