import Testing
@testable import CallScopeKit

/// Fuzzing findings: table headers with no key after `[` aborted callscope inside toml++ (an
/// assertion in TOMLKit's parser). Each is now a syntax error at the right place.
@Suite("Config: headers toml++ cannot take (fuzz findings)") struct TOMLHeaderFindingsTests {
    @Test(arguments: [
        ("[\u{1C}[account]]\nname = \"c\"\n", 1, 2),   // the fuzzer's first: a control character in the spec example
        ("[!]\n", 1, 2),
        ("theme = \"x\"\n\n[ .a]\n", 3, 3),
        ("[[#]]\n", 1, 3),
        ("[[account]]\nname = \"a\"\n  [\n", 3, 4),
        ("[é]\n", 1, 2),
        ("[ [account]]\n", 1, 3),
        ("\u{FEFF}[[[\u{0}[[[[[[[[[[[fil\u{1E}\u{1E}e]]\n", 1, 3),   // the second: after a byte order mark
    ])
    func aHeaderWithoutAKeyIsASyntaxError(_ text: String, line: Int, column: Int) {
        #expect {
            _ = try ConfigLoader.parse(text, environment: [:])
        } throws: { error in
            guard let error = error as? ConfigError, error.problems.count == 1,
                  case .syntax(let message, let l, let c) = error.problems[0].kind else { return false }
            return l == line && c == column && message.contains("table header")
        }
    }

    @Test func linesThatStartWithABracketInsideValuesAreNoHeaders() throws {
        let text = specExampleConfig + """

            matrix = [
              [
                1, 2
              ],
              [ +1, -2 ],
              [ { a = 1 } ],
            ]
            note = \"\"\"
            [!] inside a string
            \"\"\"
            quoted = "[!] # not a comment"
            literal = '''
            [ .a]
            '''

            """
        let loaded = try ConfigLoader.parse(text, environment: specExampleEnvironment)
        #expect(loaded.config.accounts.count == 5)
        // the three extra keys are unknown: warned about, not refused
        #expect(loaded.warnings.count >= 4)
    }
}
