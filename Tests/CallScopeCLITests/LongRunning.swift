import Foundation
import Synchronization

/// A subprocess that keeps running: its first stdout line, then SIGTERM and its exit status with
/// everything it wrote (each pipe read to its end on a thread of its own).
final class LongRunning {
    private final class Output: Sendable {
        let bytes = Mutex<(stdout: Data, stderr: Data)>((Data(), Data()))
    }

    private let process: Process
    private let output = Output()
    private let ended: AsyncStream<Int32>
    private let drained = DispatchGroup()

    init(_ executable: URL, _ arguments: [String], environment extra: [String: String]) throws {
        process = Process()
        process.executableURL = executable
        process.arguments = arguments
        var environment = ProcessInfo.processInfo.environment
        environment.merge(extra) { _, new in new }
        process.environment = environment
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        let (stream, continuation) = AsyncStream.makeStream(of: Int32.self)
        ended = stream
        process.terminationHandler = { continuation.yield($0.terminationStatus); continuation.finish() }
        try process.run()
        let output = self.output
        for (handle, isStdout) in [(out.fileHandleForReading, true), (err.fileHandleForReading, false)] {
            drained.enter()
            Thread { [drained] in
                while case let chunk = handle.availableData, !chunk.isEmpty {
                    output.bytes.withLock { if isStdout { $0.stdout.append(chunk) } else { $0.stderr.append(chunk) } }
                }
                drained.leave()
            }.start()
        }
    }

    var stderr: String { String(decoding: output.bytes.withLock { $0.stderr }, as: UTF8.self) }

    /// The first stdout line, waiting up to 30 s for it.
    func firstLine() async throws -> String {
        for _ in 0..<600 {
            let text = String(decoding: output.bytes.withLock { $0.stdout }, as: UTF8.self)
            if let newline = text.firstIndex(of: "\n") { return String(text[..<newline]) }
            if !process.isRunning { break }
            try await Task.sleep(for: .milliseconds(50))
        }
        throw CocoaError(.fileReadUnknown, userInfo: [NSLocalizedDescriptionKey: "no line on stdout; stderr: \(stderr)"])
    }

    /// SIGTERM, then the exit status once the process has ended and both pipes are read to the end.
    func terminate() async -> Int32 {
        process.terminate()
        return await waitForEnd()
    }

    /// `kill -9`: no handler runs, nothing is flushed or closed; then how it ended.
    func kill9() async -> (status: Int32, bySignal: Bool) {
        kill(process.processIdentifier, SIGKILL)
        let status = await waitForEnd()
        return (status, process.terminationReason == .uncaughtSignal)
    }

    var isRunning: Bool { process.isRunning }

    private func waitForEnd() async -> Int32 {
        var status: Int32 = -1
        for await code in ended { status = code }
        let drained = self.drained
        await withCheckedContinuation { done in Thread { drained.wait(); done.resume() }.start() }
        return status
    }
}
