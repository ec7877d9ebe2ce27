import CallScopeKit
import Foundation

/// What the full-text index holds for a call, and how a user's search becomes a query of it.
///
/// The index is FTS5 with the `trigram` tokenizer over folded text (`TextFolding`), so any
/// substring of three or more characters is found: part of a number, part of a name, a Chinese
/// place name. Two-character Chinese words (`深圳`, `北京`) are shorter than a trigram, so the
/// document also carries every pair of adjacent CJK characters behind a marker (`\u{1}深圳`), a
/// trigram of its own that a two-character CJK term is looked up by. Shorter terms (one
/// character, or two that are not CJK) are matched by scanning the folded text.
package enum SearchText {
    /// Marks a CJK pair; folding turns every control character of real text into a space, so
    /// no text can contain it.
    static let pairMarker: Unicode.Scalar = "\u{1}"

    /// The folded document of a call: its numbers, names, campaign, note and tags (the note
    /// and tags as the user sees them, merged).
    package static func document(for record: CallRecord) -> String {
        var parts: [String] = []
        for number in [record.from, record.to].compactMap({ $0 }) {
            parts.append(number)
            // A number of plain digits already holds its significant digits, unless it begins
            // with the country code; `+84 912 345 678` does not.
            if number.utf8.first == UInt8(ascii: "8") || !number.utf8.allSatisfy({ (0x30...0x39).contains($0) }) {
                let significant = PhoneNumber.significant(number)
                if !significant.isEmpty, !number.contains(significant) { parts.append(significant) }
            }
        }
        parts += [record.agent, record.agentName, record.customerName, record.campaign, record.note].compactMap { $0 }
        parts += record.tags
        let folded = TextFolding.fold(parts.joined(separator: " "))
        return folded + cjkPairs(in: folded)
    }

    private static func cjkPairs(in text: String) -> String {
        var pairs = String.UnicodeScalarView()
        var previous: Unicode.Scalar?
        for scalar in text.unicodeScalars {
            if isCJK(scalar) {
                if let previous {
                    pairs.append(contentsOf: [" ", pairMarker, previous, scalar])
                }
                previous = scalar
            } else {
                previous = nil
            }
        }
        return String(pairs)
    }

    static func isCJK(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x3040...0x30FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xAC00...0xD7AF, 0xF900...0xFAFF, 0x20000...0x2FFFF: true
        default: false
        }
    }

    /// One word of a search, all of which must match.
    package enum Term: Equatable {
        /// Looked up in the index: an FTS5 phrase of three characters or more.
        case indexed(String)
        /// Too short for a trigram: a substring of the folded document.
        case scanned(String)
    }

    /// The words of `text`, folded. A word that is a phone number (digits, with `+`, `-`, `.`,
    /// brackets) is looked up by its significant digits, so `0901…` finds `84901…`.
    package static func terms(of text: String) -> [Term] {
        TextFolding.fold(text).split(whereSeparator: { $0 == " " || $0 == "\t" }).compactMap { word in
            var term = String(word)
            if term.contains(where: \.isNumber), term.allSatisfy({ $0.isNumber || "+-.()".contains($0) }) {
                let significant = PhoneNumber.significant(term)
                if !significant.isEmpty { term = significant }
            }
            let scalars = Array(term.unicodeScalars)
            if scalars.count >= 3 { return .indexed(term) }
            if scalars.count == 2, scalars.allSatisfy(isCJK) { return .indexed(String(String.UnicodeScalarView([pairMarker] + scalars))) }
            return .scanned(term)
        }
    }

    /// The FTS5 query of the indexed terms: quoted phrases joined by AND.
    static func matchExpression(_ terms: [Term]) -> String? {
        let phrases: [String] = terms.compactMap {
            guard case .indexed(let text) = $0 else { return nil }
            return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
        return phrases.isEmpty ? nil : phrases.joined(separator: " AND ")
    }
}
