/// Finds the table header that toml++ (inside TOMLKit 0.6.0) cannot take: after `[` or `[[` and
/// spaces, it asserts that a key starts there, so `[!]`, `[ .a]` or `[` then a newline aborts a debug
/// build, and a release build, which assumes the assertion holds, goes on undefined (found by
/// fuzzing the config loader). Such a header is reported as the syntax error it is before toml++
/// sees the text.
///
/// Only headers are looked at: a line that starts with `[` inside a multi-line array or string is
/// a value, so the scan follows strings, comments and brackets to know where statements start.
enum TOMLHeaderCheck {
    static func problem(in text: String) -> ConfigProblem? {
        var scanner = Scanner(Array(text.unicodeScalars))
        return scanner.firstBadHeader()
    }

    private struct Scanner {
        let s: [Unicode.Scalar]
        var i = 0
        var line = 1
        var lineStart = 0
        /// Brackets and braces open in a value: while above 0, a new line is no new statement.
        var depth = 0

        init(_ scalars: [Unicode.Scalar]) { s = scalars }

        mutating func firstBadHeader() -> ConfigProblem? {
            if s.first == "\u{FEFF}" { i = 1; lineStart = 1 }   // a byte order mark, which toml++ skips
            var atStatement = true
            while i < s.count {
                if atStatement {
                    atStatement = false
                    skip { $0 == " " || $0 == "\t" }
                    if i < s.count, s[i] == "[", let problem = checkHeader() { return problem }
                    continue
                }
                let c = s[i]
                switch c {
                case "#": skip { $0 != "\n" }
                case "\"", "'": skipString()
                case "[", "{": depth += 1; i += 1
                case "]", "}": depth = max(0, depth - 1); i += 1
                case "\n":
                    newLine()
                    atStatement = depth == 0
                default: i += 1
                }
            }
            return nil
        }

        /// At the `[` of a header: the problem when no key starts after it; else skips the line.
        mutating func checkHeader() -> ConfigProblem? {
            var j = i + 1
            if j < s.count, s[j] == "[" { j += 1 }
            while j < s.count, s[j] == " " || s[j] == "\t" { j += 1 }
            if j < s.count, !Self.mayStartKey(s[j]), s[j] != "]" {
                let column = j - lineStart + 1
                return ConfigProblem(.syntax(message: "a table header needs a key (a bare key or a quoted one) after '[', found \(Self.shown(s[j]))",
                                             line: line, column: column))
            }
            skip { $0 != "\n" }
            return nil
        }

        static func mayStartKey(_ c: Unicode.Scalar) -> Bool {
            switch c {
            case "A"..."Z", "a"..."z", "0"..."9", "_", "-", "\"", "'": return true
            default: return false
            }
        }

        static func shown(_ c: Unicode.Scalar) -> String {
            c.value >= 0x21 && c.value < 0x7F ? "'\(c)'" : "U+" + String(c.value, radix: 16, uppercase: true).leftPadded(to: 4)
        }

        mutating func skipString() {
            let quote = s[i]
            let triple = i + 2 < s.count && s[i + 1] == quote && s[i + 2] == quote
            i += triple ? 3 : 1
            while i < s.count {
                let c = s[i]
                if c == "\\" && quote == "\"" { i += 2; continue }
                if c == quote {
                    if !triple { i += 1; return }
                    if i + 2 < s.count && s[i + 1] == quote && s[i + 2] == quote {
                        i += 3
                        while i < s.count && s[i] == quote { i += 1 }   // """"" ends with quotes in the string
                        return
                    }
                }
                if c == "\n" {
                    guard triple else { return }   // an unclosed one-line string: toml++ reports it
                    newLine()
                    continue
                }
                i += 1
            }
        }

        mutating func newLine() {
            i += 1
            line += 1
            lineStart = i
        }

        mutating func skip(while condition: (Unicode.Scalar) -> Bool) {
            while i < s.count && condition(s[i]) { i += 1 }
        }
    }
}

private extension String {
    func leftPadded(to width: Int) -> String { String(repeating: "0", count: max(0, width - count)) + self }
}
