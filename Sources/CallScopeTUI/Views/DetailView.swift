import CallScopeKit
import CallScopeText

/// The selected call: every normalized field, the provider's extras (VBot CRM legs, VBot
/// campaign collected data and bot conversation), then every raw field, scrollable.
enum DetailView {
    typealias Line = [(String, Style)]

    static func draw(_ state: AppState, in rect: Rect, into buffer: inout ScreenBuffer) {
        buffer.fill(rect)
        guard let call = state.selectedCall else { return }
        let focused = state.detail.focus == .detail
        let border = Style(focused ? .borderFocus : .border)
        buffer.horizontalLine(row: rect.row, col: rect.column, width: rect.columns, style: border)
        buffer.put(" \(call.id) ", row: rect.row, col: rect.column + 2, width: rect.columns - 4, style: border.with(.bold))
        let body = lines(call, state: state, width: rect.columns - 2)
        let height = rect.rows - 1
        let top = min(state.detail.scroll, max(0, body.count - height))
        for (n, line) in body.dropFirst(top).prefix(height).enumerated() {
            buffer.put(line, row: rect.row + 1 + n, col: rect.column + 1, width: rect.columns - 2)
        }
        if body.count > height {
            let more = "\(top + 1)–\(min(body.count, top + height))/\(body.count)"
            buffer.put(more, row: rect.row, col: rect.right - DisplayWidth.of(more) - 2, style: Style(.dim))
        }
    }

    /// The pane's lines; `width` only shortens the recording URL, so its keys stay in view.
    static func lines(_ call: CallRecord, state: AppState, width: Int = .max) -> [Line] {
        let f = CallFormatting(timeZone: state.displayZone)
        let label = Style(.dim)
        func field(_ name: String, _ value: String?, _ style: Style = .text) -> Line {
            [(name.padding(toLength: 12, withPad: " ", startingAt: 0), label), (value ?? "—", value == nil ? label : style)]
        }
        var out: [Line] = [
            [("From ", label), (call.from ?? "?", .text), (" → ", label), (call.to ?? "?", .text), (" (\(call.direction.rawValue))", label),
             ("  ", .text), (call.disposition.rawValue, Style(CallListView.dispositionRole(call.disposition), attributes: .bold))],
            field("Agent", CallFormatting.agent(call).isEmpty ? nil : CallFormatting.agent(call)),
            field("Customer", call.customerName),
            field("Started", call.startedAt.map { f.time($0) }),
            field("Answered", call.answeredAt.map { f.time($0) }),
            field("Ended", call.endedAt.map { f.time($0) }),
            [("Durations   ", label), ("wait \(CallFormatting.duration(call.waitSeconds).ifEmpty("—"))  talk \(CallFormatting.duration(call.talkSeconds).ifEmpty("—"))  hold \(CallFormatting.duration(call.holdSeconds).ifEmpty("—"))  total \(CallFormatting.duration(call.durationSeconds).ifEmpty("—"))", .text)],
            field("Status", call.providerStatus),
        ]
        if let url = call.recordingURL {
            let keys = "  [o] open  [d] download  [y] copy"
            let room = width - 12 - DisplayWidth.of(keys)
            let shown = room >= 16 ? TextLayout.truncate(url, width: room, truncation: .start) : url
            out.append([("Recording   ", label), (shown, Style(.link)), (keys, Style(.key))])
            out += DownloadView.lines(call, state: state, width: width)
        } else {
            out.append(field("Recording", nil))
        }
        if let cost = call.cost { out.append(field("Cost", Int64(exactly: cost).map(String.init) ?? String(cost))) }
        if let campaign = call.campaign { out.append(field("Campaign", campaign)) }
        out.append(field("Note", call.note, Style(.note)))
        out.append([("Tags        ", label), (call.tags.isEmpty ? "—" : call.tags.joined(separator: ", "), call.tags.isEmpty ? label : Style(.tag)),
                    ("   (\(call.annotationSource.rawValue))", label)])
        // Where the last edit stands, on the Tags line so the pane keeps its height.
        if let sync = state.annotationStates[call.id] {
            out[out.count - 1] += [("  ", label), (sync, Style(sync.hasPrefix("failed") ? .error : sync == "pending" ? .busy : .answered))]
        }
        let raw = providerRecord(call, state: state)
        out += extras(call, raw: raw, state: state)
        out.append([])
        out.append([("Raw (\(call.provider.rawValue))", Style(.header, attributes: .bold))])
        switch raw {
        case .success(let raw):
            for text in raw.serialized(pretty: true).split(separator: "\n", omittingEmptySubsequences: false) {
                out.append([(String(text), Style(.dim))])
            }
        case .failure(let problem): out.append([("  could not be read: \(problem.message)", Style(.error))])
        case nil: out.append([("  loading…", Style(.dim))])
        }
        return out
    }

    /// The provider's record read for the pane, else the call's own when it came with it (the
    /// list's rows are read without it); nil while it is read.
    static func providerRecord(_ call: CallRecord, state: AppState) -> Result<JSONValue, ProviderRecord.Problem>? {
        if let record = state.detail.record, record.callID == call.id { return record.raw }
        return call.raw == .object([]) ? nil : .success(call.raw)
    }

    /// What some providers add: VBot CRM's call legs; VBot campaign's collected data and bot conversation.
    static func extras(_ call: CallRecord, raw: Result<JSONValue, ProviderRecord.Problem>?, state: AppState) -> [Line] {
        let raw = (try? raw?.get()) ?? .null   // a problem or the wait is said under "Raw"

        var out: [Line] = []
        let heading = Style(.header, attributes: .bold)
        switch call.provider {
        case .vbotCRM:
            out.append([])
            out.append([("Legs", heading)])
            for side in ["caller", "callee"] {
                for leg in raw[side]?.arrayValue ?? [] {
                    let member = leg["member_no"]?.stringValue.map { " agent \($0)" } ?? ""
                    out.append([("  \(side)  ", Style(.dim)), ("\(leg["phone"]?.stringValue ?? "?")\(member)", .text),
                                ("  \(leg["disposition"]?.stringValue ?? "")  \(leg["duration_call"]?.intValue.map { "\($0)s" } ?? "")", Style(.dim))])
                }
            }
        case .vbotCampaign:
            let collected = raw["call_collected_data"]?.arrayValue ?? []
            if !collected.isEmpty {
                out.append([])
                out.append([("Collected data", heading)])
                for item in collected {
                    out.append([("  \(item["cfname"]?.stringValue ?? item["cfkey"]?.stringValue ?? "?"): ", Style(.dim)), (item["cfvalue"]?.stringValue ?? "", .text)])
                }
            }
            out.append([])
            out.append([("Bot conversation", heading)])
            if let text = state.detail.conversations[call.id] {
                for line in text.isEmpty ? ["(none)"] : text.split(separator: "\n").map(String.init) { out.append([("  " + line, .text)]) }
            } else {
                out.append([("  loading…", Style(.dim))])
            }
        default: break
        }
        return out
    }
}

extension String {
    func ifEmpty(_ replacement: String) -> String { isEmpty ? replacement : self }
}
