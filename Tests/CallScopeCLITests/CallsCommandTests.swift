import CallScopeKit
import CallScopeSandbox
import CallScopeTestSupport
import Foundation
import Testing

@Suite("callscope calls, call, accounts (the built binary)") struct CLITests {
    let accounts = ["cs", "omi", "vb-camp", "vb-crm", "ic"]

    @Test func eachFormatRoundTripsForEveryAccount() async throws {
        try await withCLI { cli, _ in
            for account in accounts {
                let range = ["--account", account, "--from", "-20d", "--to", "now"]
                let ndjson = try await cli.run(["calls"] + range + ["--format", "ndjson"])
                #expect(ndjson.status == 0, "\(account): \(ndjson.stderr)")
                let fromNDJSON = try NDJSONRecordReader.records(from: ndjson.stdout)
                #expect(fromNDJSON.count > 20, "\(account)")
                #expect(Set(fromNDJSON.map(\.id)).count == fromNDJSON.count)
                let json = try await cli.run(["calls"] + range + ["--format", "json"])
                let array = try JSONParser.parse(json.stdout).arrayValue ?? []
                let fromJSON = try array.map { try CallRecord(json: $0) }
                let csv = try await cli.run(["calls"] + range + ["--format", "csv"])
                let fromCSV = try CSVRecordReader.records(from: csv.stdout)
                // the same calls, field for field, whichever the format (raw is only in --raw output)
                #expect(fromJSON == fromNDJSON, "\(account): json differs from ndjson")
                #expect(fromCSV == fromNDJSON, "\(account): csv differs from ndjson")
                // not a terminal: no progress on stderr, and ndjson is the default format
                #expect(!ndjson.stderr.contains("⟳"))
                #expect(try await cli.run(["calls"] + range).stdout == ndjson.stdout)
            }
        }
    }

    @Test func rawAndTheHostileValuesSurviveAsData() async throws {
        try await withCLI { cli, _ in
            let run = try await cli.run(["calls", "--account", "omi", "--from", "-2d", "--to", "now", "--raw"])
            let records = try NDJSONRecordReader.records(from: run.stdout)
            #expect(records.contains { $0.customerName?.contains("\u{1B}]0;PWNED") == true })
            #expect(records.allSatisfy { $0.raw["transaction_id"]?.stringValue == $0.id })
            // JSON escapes control characters: nothing raw reaches whoever reads the output
            #expect(!run.stdout.unicodeScalars.contains { $0.value == 0x1B })
        }
    }

    @Test func filtersAndLimit() async throws {
        try await withCLI(calls: 1500) { cli, _ in
            let all = try await NDJSONRecordReader.records(from: cli.run(["calls", "--account", "cs", "--from", "-30d"]).stdout)
            let answered = try await NDJSONRecordReader.records(from: cli.run(["calls", "--account", "cs", "--from", "-30d", "--status", "answered"]).stdout)
            #expect(!answered.isEmpty && answered.allSatisfy { $0.disposition == .answered } && answered.count < all.count)
            let outbound = try await NDJSONRecordReader.records(from: cli.run(["calls", "--account", "cs", "--from", "-30d", "--direction", "outbound"]).stdout)
            #expect(!outbound.isEmpty && outbound.allSatisfy { $0.direction == .outbound })
            let phone = all.first { $0.direction == .inbound }!.from!
            let byPhone = try await NDJSONRecordReader.records(from: cli.run(["calls", "--account", "cs", "--from", "-30d", "--phone", phone]).stdout)
            #expect(!byPhone.isEmpty && byPhone.allSatisfy { $0.from == phone || $0.to == phone })
            let limited = try await NDJSONRecordReader.records(from: cli.run(["calls", "--account", "cs", "--from", "-30d", "--limit", "7"]).stdout)
            #expect(limited.map(\.id) == Array(all.prefix(7)).map(\.id))
        }
    }

    @Test func tableIsAlignedAndSafe() async throws {
        try await withCLI { cli, _ in
            let run = try await cli.run(["calls", "--account", "omi", "--from", "-2d", "--to", "now", "--format", "table"])
            #expect(run.status == 0)
            let lines = run.stdout.split(separator: "\n")
            #expect(lines.first?.hasPrefix("TIME") == true && lines.count > 3)
            #expect(!run.stdout.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" })
            #expect(run.stdout.contains("␛"))
        }
    }

    @Test func oneCallWithRaw() async throws {
        try await withCLI { cli, _ in
            let first = try await NDJSONRecordReader.records(from: cli.run(["calls", "--account", "ic", "--from", "-5d", "--limit", "1"]).stdout)[0]
            let run = try await cli.run(["call", "--account", "ic", first.id])
            #expect(run.status == 0, "\(run.stderr)")
            let json = try JSONParser.parse(run.stdout)
            #expect(json["id"]?.stringValue == first.id && json["raw"]?["callId"]?.stringValue == first.id)
        }
    }

    @Test func accountsMasksSecretsAndChecksReachability() async throws {
        try await withCLI { cli, sandbox in
            let run = try await cli.run(["accounts"])
            #expect(run.status == 0, "\(run.stderr)")
            #expect(run.stdout.components(separatedBy: "reachable            yes").count == 6)
            let c = sandbox.options.credentials
            for secret in [c.caresoftToken, c.omicallAPIKey, c.vbotPassword, c.icsocClientSecret, c.icsocPassword, c.icsocPushSecret] {
                #expect(!run.stdout.contains(secret) && !run.stderr.contains(secret))
            }
            #expect(run.stdout.contains("••••"))
        }
    }

    @Test func exitCodesAndMessagesAUserCanActOn() async throws {
        try await withCLI({ $0.faults = try! .parse("error=1,only=/caresoft") }) { cli, sandbox in
            let unknown = try await cli.run(["calls", "--account", "nope"])
            #expect(unknown.status == 2 && unknown.stderr.contains("no account named 'nope'"))
            let badTime = try await cli.run(["calls", "--account", "omi", "--from", "yesterday-ish"])
            #expect(badTime.status == 2 && badTime.stderr.contains("--from"))
            let usage = try await cli.run(["calls", "--account", "omi", "--format", "xml"])
            #expect(usage.status == 2)
            let failing = try await cli.run(["calls", "--account", "cs", "--from", "-1d"])
            #expect(failing.status == 1)
            #expect(failing.stderr.contains("cs: GET /caresoft/khachhang01/api/v1/calls: HTTP 5"))
            #expect(!failing.stderr.contains(sandbox.options.credentials.caresoftToken))
            let noConfig = try await cli.run(["calls", "--account", "cs"], environment: ["CALLSCOPE_CONFIG": cli.folder.appendingPathComponent("none.toml").path])
            #expect(noConfig.status == 2 && noConfig.stderr.contains("callscope sandbox"))
        }
    }

    @Test func aConfigTypoNamesTheAccountAndTheKey() async throws {
        try await withCLI(configText: { $0.replacingOccurrences(of: "domain = ", with: "domian = ") }) { cli, _ in
            let run = try await cli.run(["calls", "--account", "omi"])
            #expect(run.status == 2)
            #expect(run.stderr.contains("account \"cs\"") && run.stderr.contains("domain") && run.stderr.contains("domian"))
        }
    }
}
