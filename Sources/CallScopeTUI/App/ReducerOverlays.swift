import CallScopeKit
import Foundation

/// Keys while an overlay or the find prompt has them: the filter form, the account picker, `/`.
extension AppState {
    mutating func handleForm(_ key: Key) -> [Effect] {
        guard var form else { overlay = .none; return [] }
        defer { self.form = form }
        switch key {
        case .escape:
            overlay = .none
            self.form = nil
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
        case .help?: overlay = .help
        default: break
        }
        return []
    }

    /// Switches to an account and fetches its calls with a fresh filter.
    public mutating func choose(account index: Int) -> [Effect] {
        overlay = .none
        if current == index, list.fetchID != nil { return [] }
        current = index
        filter = FilterValues()
        detail = DetailState()
        find = FindState()
        list = ListState(fetchID: list.fetchID)
        return startFetch()
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
            // Find as you type: the nearest match from the selection on.
            return findMatch(forward: true, from: list.selected)
        default: break
        }
        return []
    }

    /// Moves to the next (or previous) loaded call matching the find text, wrapping around.
    mutating func findMatch(forward: Bool, from start: Int) -> [Effect] {
        let needle = Folding.fold(find.text)
        let count = list.calls.count
        guard !needle.isEmpty, count > 0 else { return [] }
        for step in 0..<count {
            let index = ((forward ? start + step : start - step) % count + count) % count
            if Folding.matches(list.calls[index], needle) {
                return moveSelection(to: index)
            }
        }
        status = StatusLine(kind: .info, text: "no loaded call matches “\(find.text)”")
        return []
    }
}

/// Text compared as people type it: case and Vietnamese diacritics ignored (`duc` finds `Đức`).
enum Folding {
    static func fold(_ text: String) -> String {
        text.replacingOccurrences(of: "đ", with: "d").replacingOccurrences(of: "Đ", with: "D")
            .folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
    }

    static func matches(_ call: CallRecord, _ folded: String) -> Bool {
        let fields = [call.from, call.to, call.agent, call.agentName, call.customerName, call.note, call.id, call.campaign]
            .compactMap { $0 } + call.tags
        return fields.contains { fold($0).contains(folded) }
    }
}
