import CallScopeKit
import Foundation
import Testing
@testable import CallScopeStore

/// The SQLite store writes a list's CSV rows from its columns (`calls --format csv`, `x`): they
/// must be, byte for byte, the rows `CSVFormat` writes for the records the store reads.
@Suite("CSV rows from the store") struct CSVRowsTests {
    /// Calls with what CSV must quote or keep as it is, every field missing in turn, calls
    /// without a start, fractional and whole costs, and every provider (their annotation source).
    static func awkwardCalls() -> [CallRecord] {
        let texts: [String?] = [nil, "", "plain", "Nguyễn \"Đức\", Q.1", "two\r\nlines", "nul\u{0}inside", "esc\u{1B}[31m", "广东省深圳", "a;b", ",", "\""]
        let providers = ProviderKind.allCases
        return (0..<600).map { n in
            var call = sampleCall("c\(n)", account: "mix", provider: providers[n % providers.count],
                                  start: n % 97 == 0 ? nil : Int64(n * 13 % 4000), customer: texts[n % texts.count],
                                  direction: Direction.allCases[n % Direction.allCases.count],
                                  disposition: Disposition.allCases[n % Disposition.allCases.count],
                                  note: texts[(n / 3) % texts.count], tags: n % 4 == 0 ? [] : ["vip", "a;b", "say \"hi\"", "广东"].suffix(n % 4),
                                  campaign: texts[(n / 5) % texts.count])
            call.from = texts[(n / 7) % texts.count]
            call.agentName = texts[(n / 11) % texts.count]
            call.providerStatus = texts[(n / 2) % texts.count]
            call.recordingURL = n % 3 == 0 ? nil : "https://rec.example/\(n).mp3?a=1,b=2"
            call.cost = n % 6 == 0 ? nil : n % 2 == 0 ? Double(n) : Double(n) + 0.25
            call.waitSeconds = n % 5 == 0 ? nil : n % 50
            call.holdSeconds = n % 8 == 0 ? -1 : nil
            call.answeredAt = call.startedAt?.addingTimeInterval(7)
            call.raw = ["id": .string(call.id), "text": .string(texts[n % texts.count] ?? "—"), "n": .number("\(n).50")]
            return call
        }
    }

    /// The rows of the records the store reads for `query`, a page of `size` at a time.
    static func recordRows(_ store: CallStore, _ query: StoreQuery, size: Int, limit: Int? = nil) async throws -> [UInt8] {
        var bytes: [UInt8] = []
        for try await page in store.pages(query, pageSize: size, limit: limit) {
            for record in page.records { CSVFormat.appendRow(of: record, includeRaw: query.includeRaw, to: &bytes) }
        }
        return bytes
    }

    static func storeRows(_ store: CallStore, _ query: StoreQuery, size: Int, limit: Int? = nil) async throws -> (bytes: [UInt8], rows: Int) {
        var bytes: [UInt8] = [], rows = 0
        try await store.forEachCSVPage(query, pageSize: size, limit: limit) { page in
            bytes += page.bytes
            rows += page.rows
        }
        return (bytes, rows)
    }

    @Test func theStoresRowsAreTheRecordsRows() async throws {
        try await withSQLiteStore { store in
            let calls = Self.awkwardCalls()
            try await store.ingest(calls)
            // The user's notes and tags lie over some calls: local ones, and OMICall's pending edits.
            for call in calls where call.id.hasSuffix("7") {
                if call.provider == .omicall {
                    _ = try await store.enqueueEdit(account: "mix", id: call.id, note: "chờ gửi, \"ok\"", tags: ["pending;tag"])
                } else {
                    try await store.saveLocalAnnotation(account: "mix", id: call.id, note: call.id.hasSuffix("77") ? "" : "ghi chú\nmới", tags: ["x", "y,z"])
                }
            }
            let base = Date(timeIntervalSince1970: 1_790_000_000)
            let queries = [
                StoreQuery(account: "mix", includeRaw: false),
                StoreQuery(account: "mix", includeRaw: true),
                StoreQuery(account: "mix", order: .oldestFirst, includeRaw: false),
                StoreQuery(account: "mix", from: base.addingTimeInterval(500), to: base.addingTimeInterval(2500), includeRaw: false),
                StoreQuery(account: "mix", direction: .outbound, includeRaw: true),
                StoreQuery(account: "mix", text: "duc", includeRaw: false),
                StoreQuery(account: "nobody", includeRaw: false),
            ]
            for (n, query) in queries.enumerated() {
                for size in [1, 7, 500] {
                    let expected = try await Self.recordRows(store, query, size: size)
                    let written = try await Self.storeRows(store, query, size: size)
                    #expect(written.bytes == expected, "query \(n), pages of \(size): \(String(decoding: written.bytes.prefix(300), as: UTF8.self))")
                    #expect(written.rows == (try await store.count(query)), "query \(n)")
                }
            }
            // A limit stops at that many rows, across pages.
            let limited = try await Self.storeRows(store, queries[0], size: 7, limit: 30)
            #expect(limited.rows == 30)
            #expect(limited.bytes == (try await Self.recordRows(store, queries[0], size: 7, limit: 30)))
        }
    }
}
