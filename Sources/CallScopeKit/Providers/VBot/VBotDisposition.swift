/// The disposition table both VBot APIs share (campaign CDR and CRM history).
enum VBotDisposition {
    /// nil for a value not in the table (the caller maps it to `.unknown` and warns).
    static func disposition(for word: String) -> Disposition? {
        switch word.lowercased() {
        case "answer", "someoneanswered", "botivr": return .answered
        case "misscall", "noanswer", "cancel", "more", "dontcall": return .missed
        case "busy": return .busy
        case "congestion", "chanunavail", "torture", "invalidargs", "logout": return .failed
        default: return nil
        }
    }
}

extension RecordReader {
    /// Reads a VBot `disposition` word: the normalized disposition and the word unchanged
    /// (for `provider_status`). A word outside the table is `.unknown` with a warning.
    mutating func vbotDisposition(_ path: JSONPathKey...) -> (disposition: Disposition, providerStatus: String?) {
        guard let word = string(at: path) else { return (.unknown, nil) }
        guard let disposition = VBotDisposition.disposition(for: word) else {
            unknownValue(at: path, value: word)
            return (.unknown, word)
        }
        return (disposition, word)
    }
}
