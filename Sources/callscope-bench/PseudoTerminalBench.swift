import CallScopeKit
import Foundation

/// The offline TUI measured on a pseudo-terminal of its own (`PseudoTerminal`): start to the
/// first rows, `G` to the last row and keypresses to the frame that answers them, each to the
/// moment the bytes reach the terminal; beside the same harness running a process that prints
/// at once and a key the terminal echoes itself.
struct PseudoTerminalBench {
    let starts: Int
    let keys: Int

    /// A terminal's usual environment: this process's, with a UTF-8 locale and an xterm.
    private func environment(_ extra: [String: String]) -> [String: String] {
        var environment = ProcessInfo.processInfo.environment.merging(extra) { _, new in new }
        environment["TERM"] = "xterm-256color"
        if environment["LANG"] == nil, environment["LC_ALL"] == nil { environment["LANG"] = "C.UTF-8" }
        return environment
    }

    private func ms(_ values: [Duration]) -> String {
        let ms = values.map { $0.seconds * 1000 }
        return "median \(Measure.format(Measure.median(ms))) ms (min \(Measure.format(ms.min() ?? 0)), max \(Measure.format(ms.max() ?? 0)))"
    }

    /// `rows`: the list's length, as the tmux run found it.
    func measure(arguments: [String], environment extra: [String: String], rows: Int) async throws {
        let environment = environment(extra)
        var referenceStarts: [Duration] = [], echoes: [Duration] = []
        for run in 0..<starts {
            let terminal = try PseudoTerminal("/bin/sh", ["-c", "printf '\\342\\226\\266 ready\\n'; exec cat"], environment: environment)
            referenceStarts.append(try await terminal.arrival(of: "▶", after: 0) - terminal.started)
            if run == 0 {
                for _ in 0..<keys {
                    try await terminal.quiet()
                    let offset = terminal.count
                    let typed = terminal.type("x")
                    echoes.append(try await terminal.firstOutput(after: offset) - typed)
                }
            }
            try await terminal.close()
        }
        var startTimes: [Duration] = []
        for _ in 0..<starts {
            let terminal = try PseudoTerminal(ChildProcess.callscope, arguments, environment: environment)
            startTimes.append(try await terminal.arrival(of: "▶", after: 0) - terminal.started)
            try await terminal.close()
        }
        let terminal = try PseudoTerminal(ChildProcess.callscope, arguments, environment: environment)
        // Counted: the title's count, then G shows the last row number in the status line.
        let total = Count.grouped(rows)
        _ = try await terminal.arrival(of: "\(total) calls", after: 0)
        // G from the top each time (`g` lets the far end's rows go), once a start.
        var toEnd: [Duration] = []
        var offset = 0
        var typed = terminal.started
        for jump in 0..<starts {
            if jump > 0 { _ = terminal.type("g") }
            try await terminal.quiet()
            offset = terminal.count
            typed = terminal.type("G")
            toEnd.append(try await terminal.arrival(of: "row \(total)", after: offset) - typed)
        }
        var latencies: [Duration] = []
        for n in 0..<keys {
            try await terminal.quiet()
            offset = terminal.count
            typed = terminal.type(n % 10 < 5 ? "k" : "j")
            latencies.append(try await terminal.firstOutput(after: offset) - typed)
        }
        try await terminal.close()
        print("the same on a pseudo-terminal of its own (100×30, each time to the bytes' arrival at the terminal)")
        print("  reference, a fresh process that prints at once (sh: printf; cat): start \(ms(referenceStarts)); a key echoed by the terminal: \(ms(echoes))")
        print("  callscope: start to first rows \(ms(startTimes)) over \(starts) starts; G to the last row \(ms(toEnd)) over \(starts) jumps; keypress to screen \(ms(latencies)) over \(keys) keys (j/k)")
    }
}
