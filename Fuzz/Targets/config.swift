import CallScopeKit

/// The TOML config loader: any text gives a config or an error whose every problem names where
/// (a line for a syntax error; else the key, or the account), never a crash.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzConfig(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    do {
        _ = try ConfigLoader.parse(text, environment: ["CS_TOKEN": "t"])
    } catch {
        if error.problems.isEmpty { fatalError("an error without a problem") }
        for problem in error.problems {
            if case .syntax = problem.kind { continue }
            if problem.key == nil && problem.account == nil { fatalError("a problem that names no key: \(problem)") }
        }
    }
    return 0
}
