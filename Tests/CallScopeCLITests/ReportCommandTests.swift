import CallScopeKit
import CallScopeSandbox
import Foundation
import Testing

@Suite("callscope report (the built binary against the sandbox)") struct ReportCommandTests {
    static let accounts = ["cs", "omi", "vb-camp", "vb-crm", "ic"]

    /// The report's JSON is what counting the range's calls by hand gives: the calls fetched by
    /// the test itself from each provider over HTTP. Ranges cross midnight in the account's zone
    /// (Asia/Ho_Chi_Minh, Asia/Shanghai: no daylight saving) and in UTC.
    @Test func jsonEqualsCountingTheCallsByHand() async throws {
        try await withCLI(calls: 5000) { cli, _ in
            let config = try ConfigLoader.parse(String(contentsOf: cli.configFile, encoding: .utf8), environment: [:]).config
            let tokens = TokenCache(file: cli.folder.appendingPathComponent("test-tokens.json"))
            for account in config.accounts {
                let zone = account.timeZone
                #expect(zone.identifier == "Asia/Ho_Chi_Minh" || zone.identifier == "Asia/Shanghai")
                // 05:30 two days ago to 09:45 yesterday, on the account's clock: over local and UTC midnights.
                let day = String(NaiveTimestamp.string(from: Date().addingTimeInterval(-2 * 86400), in: zone).prefix(10))
                let next = String(NaiveTimestamp.string(from: Date().addingTimeInterval(-86400), in: zone).prefix(10))
                let now = Date()
                for (from, to) in [("\(day) 05:30", "\(next) 09:45:10"),
                                   (RFC3339.string(from: now.addingTimeInterval(-10 * 86400)), RFC3339.string(from: now))] {
                    let range = try TimeArgument.range(from: from, to: to, in: zone, now: Date())
                    let run = try await cli.run(["report", "--account", account.name, "--from", from, "--to", to, "--format", "json"])
                    #expect(run.status == 0, "\(account.name): \(run.stderr)")
                    let json = try JSONParser.parse(run.stdout)
                    let calls = try await ProviderClients.make(account, tokenCache: tokens).allCalls(CallQuery(from: range.from, to: range.to))
                    let expected = ByHand.json(calls, account: account, range: range)
                    #expect((expected["total"]?.intValue ?? 0) > 10, "\(account.name) \(from): too few calls to tell")
                    var withoutProvider = json
                    if case .object(var members) = json {
                        members.removeAll { $0.key == "provider_report" }
                        withoutProvider = .object(members)
                    }
                    #expect(withoutProvider == expected, "\(account.name) \(from)…\(to)")
                    #expect(json.objectMembers?.last?.key == "provider_report")
                    if account.provider == .omicall {
                        // OMICall's own count (local calls apart), computed by the sandbox from the same data.
                        let own = try #require(json["provider_report"])
                        let inbound = own["categorized_by_direction"]?.arrayValue?.first { $0["_id"]?.stringValue == "inbound" }
                        #expect(inbound?["total_count"]?.intValue == json["by_direction"]?["inbound"]?.intValue, "\(own.serialized())")
                        #expect(own["categorized_by_local_direction"]?["total_call"]?.intValue == json["by_direction"]?["internal"]?.intValue)
                    } else {
                        #expect(json["provider_report"] == .null)
                    }
                    // Offline, the store as the run left it: the same counts, no provider report.
                    let offline = try await cli.run(["report", "--account", account.name, "--from", from, "--to", to, "--format", "json", "--offline"])
                    var offlineJSON = try JSONParser.parse(offline.stdout)
                    if case .object(var members) = offlineJSON {
                        #expect(members.last == JSONMember("provider_report", .null))
                        members.removeLast()
                        offlineJSON = .object(members)
                    }
                    #expect(offlineJSON == withoutProvider, "\(account.name) \(from)…\(to) offline")
                }
            }
        }
    }

    @Test func everyKeyIsPresentWhenThereAreNoCalls() async throws {
        try await withCLI { cli, _ in
            let run = try await cli.run(["report", "--account", "cs", "--from", "2020-01-01T10:30:00Z", "--to", "2020-01-01T12:00:00Z",
                                         "--format", "json"])
            #expect(run.status == 0, "\(run.stderr)")
            let json = try JSONParser.parse(run.stdout)
            #expect(json.objectMembers?.map(\.key) == ["account", "provider", "from", "to", "total", "answered", "missed", "talk_seconds",
                                                       "wait_seconds", "by_disposition", "by_direction", "by_agent", "by_hour", "provider_report"])
            #expect(json["by_disposition"] == ["answered": 0, "missed": 0, "busy": 0, "failed": 0, "unknown": 0])
            #expect(json["by_direction"] == ["inbound": 0, "outbound": 0, "internal": 0, "unknown": 0])
            #expect(json["by_agent"] == [])
            #expect(json["by_hour"] == [["hour": "2020-01-01T10:00:00Z", "calls": 0, "answered": 0, "missed": 0],
                                        ["hour": "2020-01-01T11:00:00Z", "calls": 0, "answered": 0, "missed": 0],
                                        ["hour": "2020-01-01T12:00:00Z", "calls": 0, "answered": 0, "missed": 0]])
            #expect(json["from"] == "2020-01-01T10:30:00Z" && json["to"] == "2020-01-01T12:00:00Z" && json["total"] == 0)
        }
    }

    /// CSV holds the JSON's numbers, one row per bucket; the table fits 80 columns and names the agents.
    @Test func csvAndTableAgreeWithTheJSON() async throws {
        try await withCLI(calls: 3000) { cli, _ in
            let range = ["report", "--account", "omi", "--from", "-5d", "--to", RFC3339.string(from: Date())]
            let json = try JSONParser.parse(try await cli.run(range + ["--format", "json"]).stdout)
            let csv = try await cli.run(range + ["--format", "csv", "--offline"])
            let rows = csv.stdout.split(separator: "\r\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
            #expect(rows.first == ["dimension", "key", "calls", "answered", "missed", "talk_seconds"])
            func row(_ dimension: String, _ key: String) -> [String]? { rows.first { $0[0] == dimension && $0[1] == key } }
            #expect(row("total", "") == ["total", "", "\(json["total"]!.intValue!)", "\(json["answered"]!.intValue!)",
                                         "\(json["missed"]!.intValue!)", "\(json["talk_seconds"]!.intValue!)"])
            for member in json["by_disposition"]!.objectMembers! { #expect(row("disposition", member.key)?[2] == "\(member.value.intValue!)") }
            for member in json["by_direction"]!.objectMembers! { #expect(row("direction", member.key)?[2] == "\(member.value.intValue!)") }
            for agent in json["by_agent"]!.arrayValue! {
                #expect(row("agent", agent["agent"]?.stringValue ?? "") == ["agent", agent["agent"]?.stringValue ?? "", "\(agent["calls"]!.intValue!)",
                                                                              "\(agent["answered"]!.intValue!)", "\(agent["missed"]!.intValue!)",
                                                                              "\(agent["talk_seconds"]!.intValue!)"])
            }
            let hours = rows.filter { $0[0] == "hour" }
            #expect(hours.map { $0[1] } == json["by_hour"]!.arrayValue!.map { $0["hour"]!.stringValue! })
            #expect(hours.map { $0[2] } == json["by_hour"]!.arrayValue!.map { "\($0["calls"]!.intValue!)" })

            let table = try await cli.run(range + ["--format", "table", "--offline"])
            #expect(table.status == 0)
            let lines = table.stdout.split(separator: "\n").map(String.init)
            #expect(lines.allSatisfy { $0.count <= 80 }, "\(table.stdout)")
            #expect(lines.contains { $0.hasPrefix("Day") }, "five days: a bar per day")
            for agent in json["by_agent"]!.arrayValue! {
                let name = "\(agent["agent"]!.stringValue!) \(agent["agent_name"]!.stringValue!)"
                #expect(lines.contains { $0.hasPrefix(name) && $0.contains(" \(agent["calls"]!.intValue!) ") }, "\(name)")
            }
        }
    }
}

/// The spec's report object, worked out from the calls one by one.
enum ByHand {
    static func json(_ calls: [CallRecord], account: AccountConfig, range: TimeRange) -> JSONValue {
        let calls = calls.filter { $0.startedAt != nil }
        func number(_ n: Int) -> JSONValue { .number(String(n)) }
        func count(_ where: (CallRecord) -> Bool) -> Int { calls.filter(`where`).count }
        var agents: [String: (agent: String?, calls: [CallRecord])] = [:]
        for call in calls { agents[call.agent ?? "\u{0}", default: (call.agent, [])].calls.append(call) }
        let byAgent = agents.values.sorted { a, b in
            a.calls.count != b.calls.count ? a.calls.count > b.calls.count : (a.agent ?? "\u{10FFFF}") < (b.agent ?? "\u{10FFFF}")
        }.map { entry -> JSONValue in
            let newest = entry.calls.max { $0.startedAt! < $1.startedAt! }!
            return ["agent": entry.agent.map(JSONValue.string) ?? .null, "agent_name": newest.agentName.map(JSONValue.string) ?? .null,
                    "calls": number(entry.calls.count), "answered": number(entry.calls.filter { $0.disposition == .answered }.count),
                    "missed": number(entry.calls.filter { $0.disposition == .missed }.count),
                    "talk_seconds": number(entry.calls.reduce(0) { $0 + ($1.talkSeconds ?? 0) })]
        }
        var hours: [JSONValue] = []
        var hour = Int(range.from.timeIntervalSince1970) / 3600 * 3600
        while hour <= Int(range.to.timeIntervalSince1970) {
            let inHour = calls.filter { Int($0.startedAt!.timeIntervalSince1970) / 3600 * 3600 == hour }
            hours.append(["hour": .string(RFC3339.string(from: Date(timeIntervalSince1970: Double(hour)))), "calls": number(inHour.count),
                          "answered": number(inHour.filter { $0.disposition == .answered }.count),
                          "missed": number(inHour.filter { $0.disposition == .missed }.count)])
            hour += 3600
        }
        return [
            "account": .string(account.name), "provider": .string(account.provider.rawValue),
            "from": .string(RFC3339.string(from: range.from)), "to": .string(RFC3339.string(from: range.to)),
            "total": number(calls.count), "answered": number(count { $0.disposition == .answered }),
            "missed": number(count { $0.disposition == .missed }), "talk_seconds": number(calls.reduce(0) { $0 + ($1.talkSeconds ?? 0) }),
            "wait_seconds": number(calls.reduce(0) { $0 + ($1.waitSeconds ?? 0) }),
            "by_disposition": .object(["answered", "missed", "busy", "failed", "unknown"].map { d in
                JSONMember(d, number(count { $0.disposition.rawValue == d })) }),
            "by_direction": .object(["inbound", "outbound", "internal", "unknown"].map { d in
                JSONMember(d, number(count { $0.direction.rawValue == d })) }),
            "by_agent": .array(byAgent), "by_hour": .array(hours),
        ]
    }
}
