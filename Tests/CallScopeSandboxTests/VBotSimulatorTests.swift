import Foundation
import Testing
@testable import CallScopeSandbox

@Suite("VBot simulators") struct VBotSimulatorTests {
    let credentials = SandboxCredentials()

    func login(_ e: SandboxEndpoints) async throws -> [String: Any] {
        try await HTTP.post(e.vbot + "/token", form: ["grant_type": "password", "username": credentials.vbotUsername,
                                                      "password": credentials.vbotPassword]).json
    }

    var ids: [(String, String)] { [("vbot_id", credentials.vbotID), ("project_code", credentials.vbotProjectCode)] }
    var campaignIDs: [(String, String)] { ids + [("bot_id", credentials.vbotBotIDs[0])] }

    func get(_ e: SandboxEndpoints, _ path: String, _ query: [(String, String)], token: String) async throws -> HTTPAnswer {
        try await HTTP.get(HTTP.url(e.vbot + path, query), bearer: token)
    }

    @Test func passwordAndRefreshGrants() async throws {
        try await withSandbox { _, e in
            let wrong = try await HTTP.post(e.vbot + "/token", form: ["grant_type": "password", "username": credentials.vbotUsername, "password": "x"])
            #expect(wrong.status == 400 && wrong.json.string("error") == "invalid_grant")
            let granted = try await login(e)
            #expect(granted.int("expires_in") == 3600 && granted.string("token_type") == "bearer")
            let refresh = granted.string("refresh_token")!
            let renewed = try await HTTP.post(e.vbot + "/token", form: ["grant_type": "refresh_token", "refresh_token": refresh]).json
            #expect(renewed.string("access_token") != nil && renewed.string("access_token") != granted.string("access_token"))
            // a refresh token is good once
            let again = try await HTTP.post(e.vbot + "/token", form: ["grant_type": "refresh_token", "refresh_token": refresh])
            #expect(again.status == 400)
            let token = renewed.string("access_token")!
            #expect(try await get(e, "/api/campaignCall/cdr/countAll", campaignIDs, token: token).json.int("error") == 0)
        }
    }

    @Test func tokensExpireAndAre401() async throws {
        try await withSandbox({ $0.vbotTokenLifetime = .seconds(8) }) { _, e in
            let token = try await login(e).string("access_token")!
            #expect(try await get(e, "/api/crm/historycall/countAll", ids + [("phone", "09")], token: token).status == 200)
            #expect(try await eventually(timeout: .seconds(40)) {
                try await get(e, "/api/crm/historycall/countAll", ids + [("phone", "09")], token: token).status == 401
            })
            #expect(try await get(e, "/api/crm/historycall/countAll", ids, token: "nope").json.string("Message") == "Authorization has been denied for this request.")
        }
    }

    @Test func projectAndBotAreChecked() async throws {
        try await withSandbox { _, e in
            let token = try await login(e).string("access_token")!
            let missing = try await get(e, "/api/campaignCall/cdr/getAll", [("vbot_id", credentials.vbotID)], token: token).json
            #expect(missing.int("error") == -1)
            let foreign = try await get(e, "/api/campaignCall/cdr/getAll", [("vbot_id", "OTHER"), ("project_code", credentials.vbotProjectCode), ("bot_id", "BOT01")], token: token).json
            #expect(foreign.int("error") == 403)
            let bot = try await get(e, "/api/campaignCall/cdr/getAll", ids + [("bot_id", "NOPE")], token: token).json
            #expect(bot.int("error") == 404)
        }
    }

    @Test func campaignPagesAddUpToCountAllAndSizeIsCutTo100() async throws {
        try await withSandbox(calls: 900) { _, e in
            let token = try await login(e).string("access_token")!
            let total = try await get(e, "/api/campaignCall/cdr/countAll", campaignIDs, token: token).json.int("data")!
            var seen = Set<String>()
            var page = 1
            while true {
                let rows = try await get(e, "/api/campaignCall/cdr/getAll", campaignIDs + [("page", "\(page)"), ("size", "500")], token: token).json.objects("data")
                #expect(rows.count <= 100)
                if rows.isEmpty { break }
                for row in rows { #expect(seen.insert(row.string("trans_id")!).inserted) }
                page += 1
            }
            #expect(seen.count == total && total > 300)
            #expect(page > 4)
        }
    }

    @Test func campaignFilters() async throws {
        try await withSandbox(calls: 900) { _, e in
            let token = try await login(e).string("access_token")!
            let total = try await get(e, "/api/campaignCall/cdr/countAll", campaignIDs, token: token).json.int("data")!
            func check(_ query: [(String, String)], _ predicate: ([String: Any]) -> Bool) async throws {
                let rows = try await get(e, "/api/campaignCall/cdr/getAll", campaignIDs + query + [("size", "100")], token: token).json.objects("data")
                let count = try await get(e, "/api/campaignCall/cdr/countAll", campaignIDs + query, token: token).json.int("data")!
                #expect(!rows.isEmpty && count < total, "\(query) did not narrow")
                let allMatch = rows.allSatisfy(predicate)
                #expect(allMatch, "\(query) let through a call that does not match")
            }
            try await check([("campaign_code", "CMP_NHACNO")]) { $0.string("campaign_code") == "CMP_NHACNO" }
            try await check([("template_script_code", "TPL_KS03")]) { $0.string("template_script_code") == "TPL_KS03" }
            try await check([("disposition", "answer")]) { $0.string("disposition")!.lowercased() == "answer" }
            try await check([("member", "VB1003")]) { $0.object("member").string("vbot_id") == "VB1003" }
            try await check([("hotline", "HL02")]) { $0.object("hotline").string("code") == "HL02" }
            try await check([("status", "1")]) { $0.int("status") == 1 }
            try await check([("input_log_search", "9")]) { $0.string("input_log")!.contains("9") }
            let from = testAnchorEpoch - 10 * 86400
            try await check([("start_date", "\(from)"), ("end_date", "\(testAnchorEpoch)")]) { $0.int("create_at")! / 1000 >= from }
            // the same bounds in milliseconds select the same calls
            let seconds = try await get(e, "/api/campaignCall/cdr/countAll", campaignIDs + [("start_date", "\(from)")], token: token).json.int("data")
            let millis = try await get(e, "/api/campaignCall/cdr/countAll", campaignIDs + [("start_date", "\(from * 1000)")], token: token).json.int("data")
            #expect(seconds == millis)
            let someone = try await get(e, "/api/campaignCall/cdr/getAll", campaignIDs + [("size", "1")], token: token).json.objects("data")[0]
            let name = someone.string("name")!.split(separator: " ").last!.lowercased()
            try await check([("key", name)]) { $0.string("name")!.lowercased().contains(name) || $0.string("phone")!.contains(name) }
        }
    }

    @Test func botConversationOfAnAnsweredCall() async throws {
        try await withSandbox { _, e in
            let token = try await login(e).string("access_token")!
            let answered = try await get(e, "/api/campaignCall/cdr/getAll", campaignIDs + [("disposition", "answer"), ("size", "1")], token: token).json.objects("data")[0]
            // create_at is in milliseconds, answer_at and end_call_at in seconds
            #expect(answered.int("create_at")! > 100_000_000_000 && answered.int("end_call_at")! < 100_000_000_000)
            let conversation = try await get(e, "/api/campaignCall/cdr/getBotConversation", campaignIDs + [("trans_id", answered.string("trans_id")!)], token: token).json
            #expect(conversation.int("error") == 0 && conversation.string("data")!.contains("Bot: "))
            let unknown = try await get(e, "/api/campaignCall/cdr/getBotConversation", campaignIDs + [("trans_id", "VBC1X1")], token: token).json
            #expect(unknown.int("error") == 404)
        }
    }

    @Test func crmByPhoneAndByRangeWithRecordings() async throws {
        try await withSandbox(calls: 800) { _, e in
            let token = try await login(e).string("access_token")!
            #expect(try await get(e, "/api/crm/historycall/getAll", ids, token: token).json.int("error") == -1)
            let from = testAnchorEpoch - 15 * 86400
            let total = try await get(e, "/api/crm/historycall/countAll", ids + [("from", "\(from)"), ("to", "\(testAnchorEpoch)")], token: token).json.int("data")!
            var rows: [[String: Any]] = []
            var page = 1
            while true {
                let batch = try await get(e, "/api/crm/historycall/getAll", ids + [("from", "\(from)"), ("to", "\(testAnchorEpoch)"), ("page", "\(page)"), ("size", "30")], token: token).json.objects("data")
                if batch.isEmpty { break }
                rows += batch
                page += 1
            }
            #expect(rows.count == total && total > 50)
            for row in rows {
                #expect(epoch(row.string("date_create")!, offsetHours: 7) >= from)
                #expect(row.string("duration_call") != nil)
                #expect(!row.objects("caller").isEmpty && !row.objects("callee").isEmpty)
            }
            #expect(Set(rows.map { $0.string("type_call")! }).count >= 4)
            let phone = rows[0].objects("caller")[0].string("phone")!.count == 10 ? rows[0].objects("caller")[0].string("phone")! : rows[0].objects("callee")[0].string("phone")!
            let byPhone = try await get(e, "/api/crm/historycall/getAll", ids + [("phone", phone), ("size", "100")], token: token).json.objects("data")
            #expect(!byPhone.isEmpty && byPhone.allSatisfy { row in (row.objects("caller") + row.objects("callee")).contains { $0.string("phone") == phone } })
            let recorded = rows.first { !($0["record_file"] as! [String]).isEmpty }!
            let url = (recorded["record_file"] as! [String])[0]
            let audio = try await HTTP.get(url, bearer: token)
            #expect(audio.status == 200 && audio.headers.first(name: "Content-Type") == "audio/wav")
            #expect(try await HTTP.get(url).status == 401)
            let unanswered = rows.first { ($0["record_file"] as! [String]).isEmpty && !($0.string("group_id")!.isEmpty) }!
            #expect(try await HTTP.get(e.vbot + "/api/crm/historycall/record/" + unanswered.string("group_id")!, bearer: token).status == 404)
        }
    }
}
