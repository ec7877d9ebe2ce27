import CallScopeKit
import CallScopeStore
import Foundation

/// Keys while an overlay or the find prompt has them: the filter form, the account picker, `/`.
extension AppState {
    mutating func handleForm(_ key: Key) -> [Effect] {
        guard var form else { overlay = .none; return [] }
        // Kept while the form is open; Esc and Enter close it.
        defer { self.form = overlay == .filter ? form : nil }
        switch key {
        case .escape:
            overlay = .none
            return []
        case .enter:
            guard form.validate(now: now) != nil else { return [] }
            filter = form.values
            overlay = .none
            return startFetch()
        case .tab, .down: form.move(by: 1)
        case .backTab, .up: form.move(by: -1)
        case .left: form.cycle(by: -1, now: now)
        case .right: form.cycle(by: 1, now: now)
        case .backspace: form.deleteBackward()
        case .char(let c): form.type(c, now: now)
        default: return []
        }
        form.validate(now: now)
        return []
    }

    mutating func handlePicker(_ key: Key) -> [Effect] {
        guard !accounts.isEmpty else { return key == .char("q") ? run(.quit) : [] }
        switch keys.command(for: key, in: .picker) {
        case .up?: pickerSelection = max(0, pickerSelection - 1)
        case .down?: pickerSelection = min(accounts.count - 1, pickerSelection + 1)
        case .top?: pickerSelection = 0
        case .bottom?: pickerSelection = accounts.count - 1
        case .open?: return choose(account: pickerSelection)
        case .back?: if current != nil { overlay = .none }
        case .quit?: return run(.quit)
        case .cancel?: return run(.cancel)
        case .help?:
            overlay = .help
            helpScroll = 0
        default: break
        }
        return []
    }

    /// Switches to an account and fetches its calls with a fresh filter.
    public mutating func choose(account index: Int) -> [Effect] {
        overlay = .none
        if current == index, list.id != nil { return [] }
        current = index
        filter = openingFilter
        detail = DetailState()
        find = FindState()
        search = SearchState()
        knownTags = []
        annotationStates = [:]
        // Nothing of the previous account's list stays on screen; its sync is cancelled.
        let sync = list.sync
        list = ListState()
        list.sync = sync
        return startFetch()
    }

    /// The search prompt (`F`): Enter searches every cached call of the account.
    mutating func handleSearch(_ key: Key) -> [Effect] {
        switch key {
        case .escape:
            search.editing = false
        case .enter:
            search.editing = false
            let text = search.text.trimmingCharacters(in: .whitespaces)
            guard account != nil, !text.isEmpty else { return [] }
            search.active = text
            find.text = ""
            let effects = startFetch(keepingSearch: true)
            status = StatusLine(kind: .info, text: "search of the store: esc returns to the filter's list")
            return effects
        case .backspace:
            if !search.text.isEmpty { search.text.removeLast() }
        case .char(let c):
            search.text.append(c)
        default: break
        }
        return []
    }

    mutating func handleFind(_ key: Key) -> [Effect] {
        switch key {
        case .escape:
            find.editing = false
            find.text = ""
        case .enter:
            find.editing = false
        case .backspace:
            if !find.text.isEmpty { find.text.removeLast() }
        case .char(let c):
            find.text.append(c)
            // Find as you type: the nearest match from the selection on, in the whole list.
            return find(forward: true, includingSelected: true)
        default: break
        }
        return []
    }
}
