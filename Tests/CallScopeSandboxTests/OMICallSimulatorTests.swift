import Foundation
import Testing
@testable import CallScopeSandbox

@Suite("OMICall simulator") struct OMICallSimulatorTests {
    let day: Int64 = 86_400_000

    func login(_ e: SandboxEndpoints) async throws -> String {
        let answer = try await HTTP.get(e.omicall + "/api/auth?apiKey=" + SandboxCredentials().omicallAPIKey)
        #expect(answer.json.int("status_code") == 9999)
        return answer.json.object("payload").string("access_token")!
    }

    func list(_ e: SandboxEndpoints, _ token: String, _ query: [(String, String)]) async throws -> [String: Any] {
        try await HTTP.get(HTTP.url(e.omicall + "/api/call_transaction/list", query), bearer: token).json
    }

    func window(days: Int64 = 3, endingDaysAgo: Int64 = 0) -> [(String, String)] {
        let to = testAnchorEpoch * 1000 - endingDaysAgo * day
        return [("from_date", "\(to - days * day)"), ("to_date", "\(to)")]
    }

    @Test func loginErrorsInTheProvidersWords() async throws {
        try await withSandbox { _, e in
            #expect(try await HTTP.get(e.omicall + "/api/auth").json.string("message") == "api_key_is_required")
            let wrong = try await HTTP.get(e.omicall + "/api/auth?apiKey=nope").json
            #expect(wrong.int("status_code") == -9999 && wrong.string("message") == "api_key_invalid")
            let denied = try await HTTP.get(HTTP.url(e.omicall + "/api/call_transaction/list", window()), bearer: "nope")
            #expect(denied.status == 401)
        }
    }

    @Test func rangeErrors() async throws {
        try await withSandbox { _, e in
            let token = try await login(e)
            let now = "\(testAnchorEpoch * 1000)"
            #expect(try await list(e, token, [("to_date", now)]).string("message") == "from_date_is_required")
            #expect(try await list(e, token, [("from_date", now)]).string("message") == "to_date_is_required")
            #expect(try await list(e, token, [("from_date", "abc"), ("to_date", now)]).string("message") == "date_invalid")
            #expect(try await list(e, token, window(days: 4)).string("message") == "date_is_too_long")
            #expect(try await list(e, token, window(days: 3)).int("status_code") == 9999)
        }
        try await withSandbox({ $0.omicallMaxWindowDays = 30 }) { _, e in
            let token = try await login(e)
            #expect(try await list(e, token, window(days: 30)).int("status_code") == 9999)
            #expect(try await list(e, token, window(days: 31)).string("message") == "date_is_too_long")
        }
    }

    @Test func pagesToTheLastPage() async throws {
        try await withSandbox(calls: 3000) { _, e in
            let token = try await login(e)
            var ids = Set<String>()
            var page = 1
            var total = 0
            while true {
                let payload = try await list(e, token, window() + [("page", "\(page)"), ("size", "20")]).object("payload")
                total = payload.int("total_items")!
                for item in payload.objects("items") {
                    #expect(ids.insert(item.string("transaction_id")!).inserted)
                    let start = Int64(item.int("time_start_to_answer")!)
                    #expect(start * 1000 >= testAnchorEpoch * 1000 - 3 * day && start <= testAnchorEpoch)
                }
                #expect(payload.int("page_number") == page && payload.int("total_pages") == (total + 19) / 20)
                if payload["has_next"] as? Bool != true { break }
                #expect(payload.int("next_page") == page + 1)
                page += 1
            }
            #expect(ids.count == total && total > 40)
        }
    }

    @Test func everyFilterNarrows() async throws {
        try await withSandbox(calls: 3000) { _, e in
            let token = try await login(e)
            let all = try await list(e, token, window() + [("size", "100")]).object("payload")
            let total = all.int("total_items")!
            let items = all.objects("items")
            func check(_ query: [(String, String)], _ predicate: ([String: Any]) -> Bool) async throws {
                let payload = try await list(e, token, window() + query + [("size", "100")]).object("payload")
                let rows = payload.objects("items")
                #expect(!rows.isEmpty, "\(query) found nothing")
                #expect(payload.int("total_items")! < total, "\(query) did not narrow")
                let allMatch = rows.allSatisfy(predicate)
                #expect(allMatch, "\(query) let through a call that does not match")
            }
            try await check([("direction[]", "inbound"), ("direction[]", "local")]) { ["inbound", "local"].contains($0.string("direction")!) }
            try await check([("direction", "outbound")]) { $0.string("direction") == "outbound" }
            try await check([("disposition", "answered")]) { $0.string("disposition") == "answered" }
            try await check([("disposition", "cancelled")]) { $0.string("disposition") == "cancelled" }
            try await check([("sip_user", "1004")]) { $0.string("sip_user") == "1004" }
            try await check([("sip_numbers[]", "1004"), ("sip_numbers[]", "1005")]) { ["1004", "1005"].contains($0.string("sip_user")!) }
            let source = items.first { $0.string("direction") == "inbound" }!.string("source_number")!
            try await check([("source_number", source)]) { $0.string("source_number")!.contains(source) }
            let destination = items.first { $0.string("direction") == "outbound" }!.string("destination_number")!
            try await check([("destination_number", destination)]) { $0.string("destination_number")!.contains(destination) }
            let named = items.first { !($0["customer"] is NSNull) }!.object("customer").string("full_name_unsigned")!
            let keyword = String(named.split(separator: " ").last!)
            try await check([("keyword", keyword)]) { item in
                let customer = item.object("customer")
                return [item.string("source_number"), item.string("destination_number"), customer.string("full_name"),
                        customer.string("full_name_unsigned")].compactMap { $0?.lowercased() }.contains { $0.contains(keyword.lowercased()) }
            }
            try await check([("is_auto_call", "false")]) { _ in true }
            let agentNames = Set(items.filter { $0.string("sip_user") == "1002" }.map { $0.objects("user")[0].string("full_name")! })
            let email = Staff.agents(seed: 42)[1].email
            try await check([("agents[]", email)]) { $0.string("sip_user") == "1002" && agentNames.contains($0.objects("user")[0].string("full_name")!) }
            try await check([("user_uuids", Staff.agents(seed: 42)[1].uuid)]) { $0.string("sip_user") == "1002" }
            try await check([("queue_destination", Staff.hotlines[0].international)]) {
                $0.string("direction") == "inbound" && $0.string("destination_number") == Staff.hotlines[0].international
            }
        }
    }

    @Test func changeIsKeptAndShownByDetailAndList() async throws {
        try await withSandbox { _, e in
            let token = try await login(e)
            let item = try await list(e, token, window(days: 3) + [("size", "5")]).object("payload").objects("items")[2]
            let id = item.string("transaction_id")!
            let change = e.omicall + "/api/call_transaction/change/" + id
            #expect(try await HTTP.post(change, json: "", bearer: token).json.string("message") == "request_body_required")
            #expect(try await HTTP.post(change, json: #"{"tag":["vip"]}"#, bearer: token).json.string("message") == "note_is_required")
            let note = "Khách hẹn gọi lại lúc 15h \u{1F4DE}"
            let body = try JSONSerialization.data(withJSONObject: ["note": note, "tag": ["vip", "goilaisau"]])
            let changed = try await HTTP.post(change, json: String(decoding: body, as: UTF8.self), bearer: token).json
            #expect(changed.int("status_code") == 9999)
            let detail = try await HTTP.get(e.omicall + "/api/call_transaction/detail/" + id, bearer: token).json.object("payload")
            #expect(detail.string("note") == note)
            #expect(detail["tag"] as? [String] == ["vip", "goilaisau"])
            #expect(detail.objects("user")[0].objects("tag").map { $0.string("name")! } == ["vip", "goilaisau"])
            let listed = try await list(e, token, window(days: 3) + [("size", "5")]).object("payload").objects("items")[2]
            #expect(listed.string("transaction_id") == id && listed.string("note") == note)
            let missing = try await HTTP.get(e.omicall + "/api/call_transaction/detail/00000000-0000-0000-0000-000000000000", bearer: token)
            #expect(missing.json.string("message") == "transaction_not_found")
        }
    }

    @Test func reportIsComputedFromTheData() async throws {
        try await withSandbox(calls: 2000) { _, e in
            let token = try await login(e)
            let range = window(days: 20)
            let report = try await HTTP.get(HTTP.url(e.omicall + "/api/call_transaction/report", range), bearer: token).json.object("payload")
            let directions = report.objects("categorized_by_direction")
            let byDirection = directions.reduce(0) { $0 + $1.int("total_count")! }
            let local = report.object("categorized_by_local_direction").int("total_call")!
            let dispositions = report.objects("categorized_by_disposition").reduce(0) { $0 + $1.int("total_count")! }
            #expect(byDirection == dispositions)
            // the same range listed in windows of 3 days (the list's limit) has as many calls
            var listed = 0
            let to = Int64(range[1].1)!
            var start = Int64(range[0].1)!
            while start <= to {
                let end = min(start + 3 * day - 1, to)
                listed += try await list(e, token, [("from_date", "\(start)"), ("to_date", "\(end)")]).object("payload").int("total_items")!
                start = end + 1
            }
            #expect(listed == byDirection + local && listed > 100)
            #expect(try await HTTP.get(e.omicall + "/api/call_transaction/report", bearer: token).json.string("message") == "from_date_is_required")
        }
    }

    @Test func tokensExpire() async throws {
        try await withSandbox({ $0.faults.tokenLifetime = .seconds(8) }) { _, e in
            let token = try await login(e)
            #expect(try await HTTP.get(HTTP.url(e.omicall + "/api/call_transaction/list", window()), bearer: token).status == 200)
            #expect(try await eventually(timeout: .seconds(40)) {
                let answer = try await HTTP.get(HTTP.url(e.omicall + "/api/call_transaction/list", window()), bearer: token)
                return answer.status == 401 && answer.json.string("message") == "token_expired"
            })
        }
    }
}
