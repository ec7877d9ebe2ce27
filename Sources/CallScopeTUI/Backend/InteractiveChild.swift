import Foundation
import Subprocess
#if canImport(System)
import System
#else
import SystemPackage
#endif

/// A program run on the terminal in this process's group (so the terminal lets it read), with
/// the terminal as its input and outputs, default signal handling and no signal blocked (as
/// swift-subprocess starts every child), while this process ignores SIGINT and SIGQUIT (as
/// system(3) does): its exit status, or 128 + the signal that killed it. `executable` is looked
/// up in PATH when it has no "/".
@MainActor
enum InteractiveChild {
    static func run(_ executable: String, arguments: [String], environment: [String: String]) async throws -> Int32 {
        SignalSupport.ignoreInteractiveSignals(true)
        defer { SignalSupport.ignoreInteractiveSignals(false) }
        let program: Executable = executable.contains("/") ? .path(FilePath(executable)) : .name(executable)
        let result = try await Subprocess.run(
            program, arguments: Arguments(arguments),
            // NUL-terminated: the package hands each entry to strdup as it is.
            environment: .custom(environment.map { Array("\($0.key)=\($0.value)\0".utf8) }),
            input: .currentStandardInput, output: .currentStandardOutput, error: .currentStandardError)
        switch result.terminationStatus {
        case .exited(let code): return code
        case .signaled(let signal): return 128 + signal
        }
    }
}
