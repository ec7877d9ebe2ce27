import CallScopeKit
import CallScopeSandbox
import CallScopeStore
import CallScopeTestSupport
import Foundation
import Testing

@Suite("calls --offline, annotate, call, sync (the built binary)") struct StoreCommandTests {
    @Test func offlineAnswersAsOnlineForCachedCallsInEveryFormat() async throws {
        try await withCLI { cli, _ in
            for account in ["cs", "omi", "vb-camp", "vb-crm", "ic"] {
                // both bounds fixed, so the two runs ask for the same range
                let now = RFC3339.string(from: Date())
                let range = ["calls", "--account", account, "--from", "-10d", "--to", now]
                let filtered = range + ["--status", "answered", "--limit", "25"]
                // The table is sized by the first batch that arrives, and a provider's first batch
                // (one window's page) is not the store's: it is compared on an answer that fits
                // in one batch either way.
                let runs = [range, range + ["--raw"], filtered].map { ($0, ["ndjson", "json", "csv"]) }
                    + [(range + ["--limit", "5"], ["table", "ndjson"])]
                for (arguments, formats) in runs {
                    for format in formats {
                        let online = try await cli.run(arguments + ["--format", format])
                        let offline = try await cli.run(arguments + ["--format", format, "--offline"])
                        #expect(online.status == 0 && offline.status == 0, "\(account) \(format): \(online.stderr) \(offline.stderr)")
                        #expect(online.stdout.utf8.count > 400, "\(account) \(format)")
                        #expect(offline.stdout == online.stdout, "\(account) \(arguments) \(format): offline differs")
                    }
                }
            }
        }
    }

    @Test func offlineNeverTouchesTheNetwork() async throws {
        try await withCLI { cli, sandbox in
            let now = RFC3339.string(from: Date())
            let online = try await cli.run(["calls", "--account", "omi", "--from", "-2d", "--to", now])
            await sandbox.stop()
            let offline = try await cli.run(["calls", "--account", "omi", "--from", "-2d", "--to", now, "--offline"])
            #expect(offline.status == 0 && offline.stdout == online.stdout && !online.stdout.isEmpty)
            let id = try NDJSONRecordReader.records(from: online.stdout)[0].id
            let call = try await cli.run(["call", "--account", "omi", id, "--offline"])
            #expect(call.status == 0)
            #expect(try JSONParser.parse(call.stdout)["raw"]?["transaction_id"]?.stringValue == id)
            let missing = try await cli.run(["call", "--account", "omi", "nope", "--offline"])
            #expect(missing.status == 1 && missing.stderr.contains("not in the local store"))
        }
    }

    @Test func annotateRemoteOnOMICallThenCallShowsIt() async throws {
        try await withCLI { cli, sandbox in
            let id = try await cli.firstCall("omi")
            let written = try await cli.run(["annotate", "--account", "omi", id, "--note", "Khách hẹn gọi lại", "--clear-tags",
                                             "--tag", "vip", "--tag", "gọi lại"])
            #expect(written.status == 0, "\(written.stderr)")
            let printed = try CallRecord(json: JSONParser.parse(written.stdout))
            #expect(printed.note == "Khách hẹn gọi lại" && printed.tags == ["vip", "gọi lại"] && printed.annotationSource == .remote)
            #expect(sandbox.omicallChangeRequests(id: id) == 1)

            // --tag adds to the call's tags; the note stays
            let added = try await cli.run(["annotate", "--account", "omi", id, "--tag", "đã xử lý"])
            #expect(try CallRecord(json: JSONParser.parse(added.stdout)).tags == ["vip", "gọi lại", "đã xử lý"])
            let shown = try await cli.run(["call", "--account", "omi", id])
            let json = try JSONParser.parse(shown.stdout)
            #expect(json["note"]?.stringValue == "Khách hẹn gọi lại")
            #expect(json["tags"]?.arrayValue?.compactMap(\.stringValue) == ["vip", "gọi lại", "đã xử lý"])
            #expect(json["annotation_source"]?.stringValue == "remote")
            #expect(json["raw"]?["note"]?.stringValue == "Khách hẹn gọi lại")
            #expect(shown.stderr.isEmpty)
        }
    }

    @Test func annotateLocalOnCareSoftThenCallAndCallsShowIt() async throws {
        try await withCLI { cli, _ in
            let id = try await cli.firstCall("cs")
            let written = try await cli.run(["annotate", "--account", "cs", id, "--note", "Phàn nàn về cước", "--tag", "khiếu nại"])
            #expect(written.status == 0, "\(written.stderr)")
            let cleared = try await cli.run(["annotate", "--account", "cs", id, "--clear-tags", "--tag", "đã gọi"])
            let printed = try CallRecord(json: JSONParser.parse(cleared.stdout))
            #expect(printed.note == "Phàn nàn về cước" && printed.tags == ["đã gọi"] && printed.annotationSource == .local)
            for arguments in [["call", "--account", "cs", id], ["call", "--account", "cs", id, "--offline"]] {
                let json = try JSONParser.parse(try await cli.run(arguments).stdout)
                #expect(json["note"]?.stringValue == "Phàn nàn về cước", "\(arguments)")
                #expect(json["tags"]?.arrayValue == [.string("đã gọi")], "\(arguments)")
                #expect(json["annotation_source"]?.stringValue == "local", "\(arguments)")
            }
            // merged into the list too, online and offline
            for offline in [[], ["--offline"]] {
                let listed = try NDJSONRecordReader.records(from: try await cli.run(["calls", "--account", "cs", "--from", "-10d"] + offline).stdout)
                #expect(listed.first { $0.id == id }?.note == "Phàn nàn về cước", "\(offline)")
            }
            let nothing = try await cli.run(["annotate", "--account", "cs", id])
            #expect(nothing.status == 2)
        }
    }

    @Test func syncExitCodesAndExactlyOnceDelivery() async throws {
        try await withCLI { cli, sandbox in
            let id = try await cli.firstCall("omi")
            #expect(try await cli.run(["sync"]).status == 0)
            sandbox.faults = try .parse("error=1,only=/omicall/api/call_transaction/change")
            let refused = try await cli.run(["annotate", "--account", "omi", id, "--note", "Gọi lại sau"])
            #expect(refused.status == 1)
            #expect(refused.stderr.contains("HTTP 5") && refused.stderr.contains("pending") && refused.stderr.contains("callscope sync"))
            let stillDown = try await cli.run(["sync", "--account", "omi"])
            #expect(stillDown.status == 1 && stillDown.stderr.contains("HTTP 5"))
            let pendingCall = try await cli.run(["call", "--account", "omi", id])
            #expect(try JSONParser.parse(pendingCall.stdout)["note"]?.stringValue == "Gọi lại sau")
            #expect(pendingCall.stderr.contains("failed: "))
            #expect(sandbox.omicallChangeRequests(id: id) == 0)

            sandbox.faults = .none
            #expect(try await cli.run(["sync", "--account", "nope"]).status == 2)
            let synced = try await cli.run(["sync"])
            #expect(synced.status == 0 && synced.stdout.contains("omi: 1 sent"), "\(synced.stdout) \(synced.stderr)")
            let again = try await cli.run(["sync"])
            #expect(again.status == 0 && again.stdout.contains("nothing to send"))
            #expect(sandbox.omicallChangeRequests(id: id) == 1)
            let shown = try await cli.run(["call", "--account", "omi", id])
            #expect(try JSONParser.parse(shown.stdout)["raw"]?["note"]?.stringValue == "Gọi lại sau" && shown.stderr.isEmpty)
        }
    }

    @Test func anEditStoredByAProcessThatDiedIsSentByTheNextSync() async throws {
        try await withCLI { cli, sandbox in
            let id = try await cli.firstCall("omi")
            // what a process killed between the outbox write and the send leaves behind
            let store = try CallStore(dataDirectory: cli.folder.appendingPathComponent("data"))
            _ = try await store.enqueueEdit(account: "omi", id: id, note: "Viết trước khi mất điện", tags: ["khẩn"])
            let synced = try await cli.run(["sync", "--account", "omi"])
            #expect(synced.status == 0, "\(synced.stderr)")
            #expect(sandbox.omicallChangeRequests(id: id) == 1)
            let shown = try JSONParser.parse(try await cli.run(["call", "--account", "omi", id]).stdout)
            #expect(shown["raw"]?["note"]?.stringValue == "Viết trước khi mất điện")
            #expect(try await store.annotationState(account: "omi", id: id) == .synced)
        }
    }
}
