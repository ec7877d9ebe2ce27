import CallScopeText
import Foundation

/// Every human-facing line the command line writes goes through here, and through the TUI's
/// sanitiser: an error message, a warning, a URL or an id from a provider, a push or a team-store
/// row can hold escape sequences that would retitle the terminal, clear it or set the clipboard.
/// A line is one line: a line break inside it shows as `␊`, so a provider's words cannot forge
/// a line of their own. Machine formats (JSON, NDJSON, CSV on a pipe) do not come here: they keep the data as it is.
enum Stderr {
    static let isTerminal = isatty(2) == 1

    static func line(_ text: String) {
        write(raw: Sanitizer.sanitize(text) + "\n")
    }

    /// callscope's own text of several lines (a usage message): each line sanitised, the breaks kept.
    static func lines(_ text: String) {
        write(raw: Sanitizer.lines(text).joined(separator: "\n") + "\n")
    }

    /// Rewrites the status line that progress keeps on a terminal (`\r`, erase the line).
    static func status(_ text: String) {
        write(raw: "\r\u{1B}[K" + Sanitizer.sanitize(text))
    }

    /// Erases the status line.
    static func clearStatus() {
        write(raw: "\r\u{1B}[K")
    }

    private static func write(raw text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }
}

/// Standard output for people (`table`, `accounts`, `sync`'s summary): sanitised like stderr.
enum Stdout {
    static let isTerminal = isatty(1) == 1

    static func line(_ text: String) {
        FileHandle.standardOutput.write(Data((Sanitizer.sanitize(text) + "\n").utf8))
    }

    /// A line a script reads back (a path): as it is on a pipe, sanitised on a terminal.
    static func value(_ text: String) {
        FileHandle.standardOutput.write(Data(((isTerminal ? Sanitizer.sanitize(text) : text) + "\n").utf8))
    }
}
