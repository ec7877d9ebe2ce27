import CallScopeKit
import CallScopeStore
import Foundation

/// Keys while an overlay or the find prompt has them: the filter form, the account picker, `/`.
extension AppState {
    mutating func handleForm(_ command: EditCommand?, typed: Character?) -> [Effect] {
        guard var form else { overlay = .none; return [] }
        // Kept while the form is open; Esc and Enter close it.
        defer { self.form = overlay == .filter ? form : nil }
        switch command {
        case .formCancel?:
            overlay = .none
            return []
        case .formApply?:
            guard form.validate(now: now) != nil else { return [] }
            filter = form.values
            overlay = .none
            return startFetch()
        case .formNext?: form.move(by: 1)
        case .formPrevious?: form.move(by: -1)
        case .choicePrevious?: form.cycle(by: -1, now: now)
        case .choiceNext?: form.cycle(by: 1, now: now)
        case .formDelete?: form.deleteBackward()
        case nil:
            guard let typed else { return [] }
            form.type(typed, now: now)
        default: return []
        }
        form.validate(now: now)
        return []
    }

    mutating func handlePicker(_ command: Command?) -> [Effect] {
        guard !accounts.isEmpty else { return command == .quit ? run(.quit) : [] }
        switch command {
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
    mutating func handleSearch(_ command: EditCommand?, typed: Character?) -> [Effect] {
        switch command {
        case .searchCancel?:
            search.editing = false
        case .searchAccept?:
            search.editing = false
            let text = search.text.trimmingCharacters(in: .whitespaces)
            guard account != nil, !text.isEmpty else { return [] }
            search.active = text
            find.text = ""
            let effects = startFetch(keepingSearch: true)
            status = StatusLine(kind: .info, text: "search of the store: esc returns to the filter's list")
            return effects
        case .searchDelete?:
            if !search.text.isEmpty { search.text.removeLast() }
        case nil:
            if let typed { search.text.append(typed) }
        default: break
        }
        return []
    }

    mutating func handleFind(_ command: EditCommand?, typed: Character?) -> [Effect] {
        switch command {
        case .findCancel?:
            find.editing = false
            find.text = ""
        case .findAccept?:
            find.editing = false
        case .findDelete?:
            if !find.text.isEmpty { find.text.removeLast() }
        case nil:
            guard let typed else { return [] }
            find.text.append(typed)
            // Find as you type: the nearest match from the selection on, in the whole list.
            return find(forward: true, includingSelected: true)
        default: break
        }
        return []
    }
}
