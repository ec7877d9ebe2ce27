import PropertyBased
import Testing
@testable import CallScopeKit

/// Any config text gives a config, or an error each of whose problems says where: a syntax error
/// its line, any other problem its key or its account. Never a crash.
@Suite("Config loader properties") struct ConfigPropertyTests {
    static let accountKeys = Array(Set(ProviderKind.allCases.flatMap(AccountKeys.known))).sorted() + ["domian", "tokn", "keys"]
    static let topKeys = ["theme", "timezone", "display_timezone", "keys", "account", "themes"]
    static let providers = ProviderKind.allCases.map(\.rawValue) + ["", "CareSoft", "vbot"]

    /// TOML documents made of the config's own keys (and near misses) with values of every type.
    static let document = Generator<String, Shrink.None<String>> { rng in
        var lines: [String] = []
        for _ in 0..<Int.random(in: 0...3, using: &rng) { lines.append("\(topKeys.randomElement(using: &rng)!) = \(value(&rng))") }
        if Bool.random(using: &rng) {
            lines.append("[keys]")
            for _ in 0..<Int.random(in: 0...3, using: &rng) { lines.append("\(["quit", "find", "refresh", "x"].randomElement(using: &rng)!) = \(value(&rng))") }
        }
        for _ in 0..<Int.random(in: 0...4, using: &rng) {
            lines.append("[[account]]")
            if Int.random(in: 0..<4, using: &rng) > 0 { lines.append("provider = \"\(providers.randomElement(using: &rng)!)\"") }
            for _ in 0..<Int.random(in: 0...10, using: &rng) {
                let key = accountKeys.randomElement(using: &rng)!
                lines.append("\(key) = \(Bool.random(using: &rng) ? plausible(key, &rng) : value(&rng))")
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// A value of the type the key wants, mostly.
    static func plausible(_ key: String, _ rng: inout any SeededRandomNumberGenerator) -> String {
        switch key {
        case "base_url", "auth_url": return "\"\(["https://api.example.com", "http://127.0.0.1:1", "ftp://x", "not a url", ""].randomElement(using: &rng)!)\""
        case "page_size", "max_window_days", "requests_per_second", "timeout_seconds": return "\(Int.random(in: -5...100_000, using: &rng))"
        case "timezone": return "\"\(["Asia/Ho_Chi_Minh", "UTC", "Mars/Base", ""].randomElement(using: &rng)!)\""
        case let env where env.hasSuffix("_env"): return "\"\(["SET_VAR", "UNSET_VAR", ""].randomElement(using: &rng)!)\""
        default: return "\"\(["a", "", "ENT|1001", "khach hang"].randomElement(using: &rng)!)\""
        }
    }

    static func value(_ rng: inout any SeededRandomNumberGenerator) -> String {
        switch Int.random(in: 0..<8, using: &rng) {
        case 0: return "\(Int.random(in: Int.min...Int.max, using: &rng))"
        case 1: return "\(Double.random(in: -1e9...1e9, using: &rng))"
        case 2: return Bool.random(using: &rng) ? "true" : "false"
        case 3: return "[1, \"two\", 3.0]"
        case 4: return "{ a = 1, b = \"c\" }"
        case 5: return "1979-05-27T07:32:00Z"
        default:
            let text = JSONGen.string(&rng).unicodeScalars.map { s -> String in
                s.value < 0x20 || s == "\"" || s == "\\" || s.value == 0x7F ? String(format: "\\u%04X", s.value) : String(s)
            }.joined()
            return "\"\(text)\""
        }
    }

    static func expectEveryProblemSaysWhere(_ text: String) {
        do {
            _ = try ConfigLoader.parse(text, environment: ["SET_VAR": "v"])
        } catch {
            #expect(!error.problems.isEmpty)
            for problem in error.problems {
                if case .syntax(_, let line, let column) = problem.kind {
                    #expect(line >= 1 && column >= 1, "\(problem)")
                } else {
                    #expect(problem.key != nil || problem.account != nil, "\(problem) names no key")
                }
            }
            #expect(!error.description.isEmpty)
        }
    }

    @Test func anyDocumentOfTheConfigsKeysLoadsOrSaysWhereItIsWrong() async {
        await propertyCheck(count: 400, input: Self.document) { text in
            Self.expectEveryProblemSaysWhere(text)
        }
    }

    @Test func theSpecExampleCutOrFlippedAnywhereLoadsOrSaysWhereItIsWrong() async {
        let example = Array(specExampleConfig.utf8)
        await propertyCheck(count: 400, input: Gen.double(in: 0..<1), Gen<UInt8>.value(in: 0...255), Gen.bool) { at, byte, cut in
            let index = Int(at * Double(example.count))
            var bytes = example
            if cut { bytes.removeSubrange(index...) } else { bytes[index] = byte }
            Self.expectEveryProblemSaysWhere(String(decoding: bytes, as: UTF8.self))
        }
    }
}
