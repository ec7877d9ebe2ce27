import Foundation

/// Every failure a provider call can end in, with what a user needs to act on it: the account,
/// the request (method and path, never a query value or a secret) and the provider's own words.
public enum CallScopeError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Login refused or token rejected after one refresh.
    case auth(account: String, request: String, words: String)
    /// Still refused for rate after the retries.
    case rateLimited(account: String, request: String, words: String)
    /// The provider refused the date range (e.g. OMICall `date_is_too_long`).
    case rangeTooLong(account: String, request: String, words: String)
    /// The provider answered with an error of its own.
    case provider(account: String, request: String, status: Int, words: String)
    /// No answer: refused connection, timeout, dropped connection.
    case network(account: String, request: String, detail: String)
    /// An answer that could not be read (malformed or truncated JSON, an unexpected shape).
    case decoding(account: String, request: String, detail: String)
    case notFound(account: String, id: String)
    /// Something the provider's API cannot do (e.g. write notes to CareSoft).
    case unsupported(account: String, what: String)
    case configuration(account: String, key: String, problem: String)
    /// The provider answered a page with no call its window had not already brought, or gave a
    /// cursor again: it would be asked forever.
    case repeatedPage(account: String, page: Int, window: Int)
    /// An answer over `limitBytes`, refused without reading the rest.
    case answerTooLarge(account: String, request: String, limitBytes: Int)
    /// A page with far more calls than were asked for: mapping them all would take minutes.
    case oversizedPage(account: String, page: Int, window: Int, calls: Int, asked: Int)
    /// A note or tag edit, or a send of pending ones, refused because the config is read-only.
    case readOnly(account: String)

    /// Why an edit is refused under `readonly = true` / `--readonly`; short enough for the TUI's
    /// status line at 80 columns, where `e` says it.
    public static let readOnlyReason = "the config is read-only: notes and tags are not written"
    /// Where read-only comes from, for the command line's messages.
    public static let readOnlySource = "readonly = true in the config, or --readonly"

    public var description: String {
        switch self {
        case .auth(let a, let r, let w): "\(a): \(r): authentication failed: \(w)"
        case .rateLimited(let a, let r, let w): "\(a): \(r): rate limited: \(w)"
        case .rangeTooLong(let a, let r, let w): "\(a): \(r): date range too long: \(w)"
        case .provider(let a, let r, let s, let w): "\(a): \(r): HTTP \(s): \(w)"
        case .network(let a, let r, let d): "\(a): \(r): network error: \(d)"
        case .decoding(let a, let r, let d): "\(a): \(r): unreadable answer: \(d)"
        case .notFound(let a, let id): "\(a): call \(id) not found"
        case .unsupported(let a, let what): "\(a): \(what)"
        case .configuration(let a, let k, let p): "account \(a): key \(k) \(p)"
        case .repeatedPage(let a, let p, let w): "\(a): the provider repeated page \(p) of window \(w); the fetch stopped there"
        case .answerTooLarge(let a, let r, let l): "\(a): \(r): the answer is over \(l >> 20) MiB; refused without reading the rest"
        case .oversizedPage(let a, let p, let w, let n, let asked):
            "\(a): the provider sent \(n) calls in page \(p) of window \(w), asked for \(asked); the fetch stopped there"
        case .readOnly(let a): "\(a): \(Self.readOnlyReason) (\(Self.readOnlySource))"
        }
    }

    public var account: String {
        switch self {
        case .auth(let a, _, _), .rateLimited(let a, _, _), .rangeTooLong(let a, _, _), .provider(let a, _, _, _),
             .network(let a, _, _), .decoding(let a, _, _), .notFound(let a, _), .unsupported(let a, _), .configuration(let a, _, _),
             .repeatedPage(let a, _, _), .answerTooLarge(let a, _, _), .oversizedPage(let a, _, _, _, _), .readOnly(let a): a
        }
    }

    /// The CLI's exit status: 2 for configuration (a read-only one too), 1 for everything the
    /// provider or network did.
    public var exitCode: Int32 {
        switch self {
        case .configuration, .readOnly: 2
        default: 1
        }
    }
}
