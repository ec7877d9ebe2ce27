import Foundation
import Testing
@testable import CallScopeSandbox

@Suite("ICSOC simulator") struct ICSOCSimulatorTests {
    let credentials = SandboxCredentials()

    var login: [String: String] {
        ["grant_type": "password", "client_id": credentials.icsocClientID, "client_secret": credentials.icsocClientSecret,
         "username": credentials.icsocUsername, "password": credentials.icsocPassword, "scope": "openid"]
    }

    func token(_ e: SandboxEndpoints) async throws -> String {
        try await HTTP.post(e.icsocAccount + "/oauth2/token", form: login).json.string("access_token")!
    }

    func search(_ e: SandboxEndpoints, _ token: String, _ body: [String: Any]) async throws -> [String: Any] {
        let json = String(decoding: try JSONSerialization.data(withJSONObject: body), as: UTF8.self)
        return try await HTTP.post(e.icsoc + "/api/v1/cdr/search", json: json, bearer: token).json
    }

    @Test func tokenRequestsAreCountedAgainst128PerDay() async throws {
        try await withSandbox { sandbox, e in
            var bad = login
            bad["client_secret"] = "nope"
            #expect(try await HTTP.post(e.icsocAccount + "/oauth2/token", form: bad).json.string("error") == "invalid_client")
            for _ in 0..<127 { _ = try await HTTP.post(e.icsocAccount + "/oauth2/token", form: login) }
            #expect(sandbox.icsocTokenRequests(username: credentials.icsocUsername) == 128)
            let over = try await HTTP.post(e.icsocAccount + "/oauth2/token", form: login)
            #expect(over.status == 429)
            #expect(try await HTTP.post(e.icsoc + "/api/v1/cdr/search", json: "{}", bearer: "nope").status == 401)
        }
    }

    @Test func cursorsReachTheEndNewestFirst() async throws {
        try await withSandbox(calls: 700) { _, e in
            let token = try await token(e)
            let gte = CivilTime(epoch: testAnchorEpoch - 30 * 86400, offset: CivilTime.china).isoSpaced
            var after: String?
            var ids: [Int64] = []
            var pages = 0
            repeat {
                var body: [String: Any] = ["perPage": 40, "startTime": ["gte": gte]]
                if let after { body["searchAfter"] = after }
                let data = try await search(e, token, body).object("data")
                let results = data.objects("results")
                ids += results.map { Int64($0.string("callId")!)! }
                after = data["searchAfter"] as? String
                if after != nil { #expect(after == results.last!.string("callId")) }
                pages += 1
            } while after != nil
            #expect(ids == ids.sorted(by: >) && Set(ids).count == ids.count)
            // 700 calls over 120 days: about 175 in 30 days
            #expect(ids.count > 120 && ids.count < 240 && pages == (ids.count + 39) / 40)
        }
    }

    @Test func everyFilterNarrowsByPOSTAndByGET() async throws {
        try await withSandbox(calls: 900) { _, e in
            let token = try await token(e)
            let all = try await search(e, token, ["perPage": 1000]).object("data").objects("results")
            func check(_ filter: [String: Any], _ predicate: ([String: Any]) -> Bool) async throws {
                let rows = try await search(e, token, filter.merging(["perPage": 1000]) { a, _ in a }).object("data").objects("results")
                #expect(!rows.isEmpty && rows.count < all.count, "\(filter) did not narrow")
                let allMatch = rows.allSatisfy(predicate)
                #expect(allMatch, "\(filter) let through a call that does not match")
            }
            try await check(["callresult": "2"]) { $0.string("callresult") == "2" }
            try await check(["endresult": "11"]) { $0.string("endresult") == "11" }
            try await check(["projectId": "10195"]) { $0.string("projectId") == "10195" }
            try await check(["taskId": "7"]) { $0.string("taskId") == "7" }
            try await check(["called": all[4].string("called")!]) { $0.string("called") == all[4].string("called") }
            try await check(["caller": all[2].string("caller")!]) { $0.string("caller") == all[2].string("caller") }
            try await check(["callId": all[9].string("callId")!]) { $0.string("callId") == all[9].string("callId") }
            let lte = CivilTime(epoch: testAnchorEpoch - 100 * 86400, offset: CivilTime.china).isoSpaced
            try await check(["startTime": ["lte": lte]]) { Int64($0.int("startTime")!) <= testAnchorEpoch - 100 * 86400 }
            // GET takes the same filters in the query, startTime as JSON text
            let viaGET = try await HTTP.get(HTTP.url(e.icsoc + "/api/v1/cdr/search", [("perPage", "1000"), ("callresult", "1"),
                                                                                       ("startTime", #"{"lte":"\#(lte)"}"#)]), bearer: token).json
            let rows = viaGET.object("data").objects("results")
            #expect(!rows.isEmpty && rows.allSatisfy { $0.string("callresult") == "1" && Int64($0.int("startTime")!) <= testAnchorEpoch - 100 * 86400 })
        }
    }

    @Test func recordsCarryTheDocumentsQuirks() async throws {
        try await withSandbox { _, e in
            let token = try await token(e)
            let rows = try await search(e, token, ["perPage": 300]).object("data").objects("results")
            #expect(rows.contains { $0["ansTime"] != nil } && rows.contains { $0["answerTime"] != nil })
            #expect(rows.allSatisfy { $0.string("callId")!.count == 19 })
            let areas = Set(rows.map { $0.string("calledAreaname")! })
            #expect(areas.contains("广东 深圳"))
            for row in rows where row.string("callresult") == "2" { #expect(!row.string("transPhone")!.isEmpty && row.int("linkSecs")! > 0) }
            for row in rows where row.string("callresult") == "0" { #expect(row.string("transPhone") == "" && row.int("endTimeEe") == 0) }
        }
    }
}
