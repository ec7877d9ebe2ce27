import ArgumentParser
import CallScopeKit

/// `--follow 30s` of `tui` and `calls`, read as the config's `follow` is: a value that is not an
/// interval, or one with `--offline` (nothing would be brought in), is a usage error (exit 2).
enum FollowOption {
    static func interval(_ text: String?, offline: Bool) throws -> FollowInterval? {
        guard let text else { return nil }
        if offline { throw ValidationError("--follow brings calls from the provider and --offline reads only the store: give one of them") }
        switch FollowInterval.parse(text) {
        case .success(let interval): return interval
        case .failure(let problem): throw ValidationError("--follow \(problem)")
        }
    }
}
