import CallScopeKit
import CallScopeStore
import Foundation
import Testing
@testable import CallScopeTUI

/// The reducer over a real store (a SQLite file in a temporary folder): every read of the list's
/// window that a key or an action asks for is answered by the store before the next one, as the
/// controller does, so a test walks the whole list as a user would.
struct StoreDriver {
    var state: AppState
    let store: CallStore
    /// Every call stored, newest first (the list's default order).
    let calls: [CallRecord]
    /// The reads answered, in order.
    private(set) var reads = 0

    /// A folder with `count` calls of `TUIFixtures.omi` (one a minute back from ten minutes before
    /// the fixtures' clock), and the list open offline on the last 48 hours of them.
    static func with<T>(_ count: Int = 3000, size: TerminalSize = TUIFixtures.small,
                        _ body: (inout StoreDriver) async throws -> T) async throws -> T {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("callscope-tui-window-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try CallStore(dataDirectory: folder)
        let calls = TUIFixtures.calls(count)
        try await store.ingest(calls)
        var state = TUIFixtures.state(size: size)
        state.offline = true
        state.openingFilter.from = "-48h"
        var driver = StoreDriver(state: state, store: store, calls: calls)
        try await driver.settle(driver.state.choose(account: 0))
        return try await body(&driver)
    }

    /// The calls of the list's range (the last 48 hours), newest first.
    var inRange: [CallRecord] {
        calls.filter { $0.startedAt! >= TUIFixtures.now.addingTimeInterval(-48 * 3600) }
    }

    @discardableResult
    mutating func press(_ names: String...) async throws -> [Effect] {
        var effects: [Effect] = []
        for name in names {
            guard let key = Key(name: name) else {
                Issue.record("not a key name: \(name)")
                continue
            }
            effects += try await send(.key(key))
        }
        return effects
    }

    @discardableResult
    mutating func type(_ text: String) async throws -> [Effect] {
        var effects: [Effect] = []
        for character in text { effects += try await send(.key(.char(character))) }
        return effects
    }

    @discardableResult
    mutating func send(_ action: Action) async throws -> [Effect] {
        let effects = reduce(&state, action)
        return try await settle(effects)
    }

    /// Answers the reads and counts among `effects` (and those their answers ask for) from the store.
    @discardableResult
    mutating func settle(_ effects: [Effect]) async throws -> [Effect] {
        var all = effects
        var pending = effects
        while !pending.isEmpty {
            let effect = pending.removeFirst()
            var more: [Effect] = []
            switch effect {
            case .readWindow(let id, let query, let anchor, let limit, let count):
                let window = try await store.window(query, at: anchor, limit: limit, count: count)
                reads += 1
                more = reduce(&state, .windowRead(read: id, window))
            case .countList(let list, let query):
                more = reduce(&state, .listCounted(list: list, total: try await store.count(query)))
            default: continue
            }
            all += more
            pending += more
        }
        return all
    }

    /// The held rows are the list's rows at their row numbers, the selection is on screen, and
    /// no more than a few screens are held.
    func checkWindow(against list: [CallRecord], sourceLocation: SourceLocation = #_sourceLocation) {
        let held = state.list
        #expect(held.calls.count <= ListState.mostRows, sourceLocation: sourceLocation)
        #expect(held.total == list.count, sourceLocation: sourceLocation)
        #expect(held.calls.map(\.id) == list[held.first..<min(list.count, held.end)].map(\.id), sourceLocation: sourceLocation)
        #expect(held.selected >= held.first && held.selected < held.end, sourceLocation: sourceLocation)
        #expect(held.selected >= held.top && held.selected < held.top + Layout(state).visibleRows, sourceLocation: sourceLocation)
    }
}
