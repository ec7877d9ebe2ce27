import CallScopeTestSupport
import Foundation
import Testing

@testable import CallScopeKit

/// Records that exercise every awkward corner of the formats.
enum OutputSamples {
    static let vietnamese = CallRecord(
        account: "cs", provider: .caresoft, id: "20221104143655-LSKMQKWP-268", direction: .inbound,
        from: "0901774143", to: "1066", agent: "1444", agentName: "Nguyễn Thị Hồng Nhung", customerName: "Trần Đức Tiến",
        startedAt: utc("2022-11-04T07:36:55Z"), answeredAt: utc("2022-11-04T07:36:56Z"), endedAt: utc("2022-11-04T07:37:19Z"),
        waitSeconds: 1, talkSeconds: 23, holdSeconds: 0, durationSeconds: 24, disposition: .answered,
        providerStatus: "meetAgent", recordingURL: "https://api.caresoft.vn/kh/rec?id=1&x=2", cost: 1234.5, campaign: nil,
        tags: ["khách VIP", "gọi lại"], note: "Khách hỏi, \"gấp\"\nxong\u{1B}[31m đỏ\r\nhết", annotationSource: .local,
        raw: ["call_id": "20221104143655-LSKMQKWP-268", "call_status": "meetAgent", "nested": ["a": [1, 2.50, nil, true]]])

    static let chinese = CallRecord(
        account: "ic", provider: .icsoc, id: "6780056666542059520", direction: .outbound,
        from: "02161234567", to: "13800138000", agent: nil, agentName: nil, customerName: "张伟",
        startedAt: utc("2021-03-23T09:24:35Z"), answeredAt: nil, endedAt: utc("2021-03-23T09:24:36Z"),
        waitSeconds: nil, talkSeconds: 0, holdSeconds: nil, durationSeconds: 1, disposition: .missed,
        providerStatus: "1/3", recordingURL: nil, cost: 3, campaign: "10008/13",
        tags: [], note: "客户说：\"稍后再打\"，谢谢", annotationSource: .local,
        raw: ["callId": "6780056666542059520", "备注": "中文"])

    /// Nothing but the required fields: every optional one null, no tags.
    static let bare = CallRecord(account: "omi", provider: .omicall, id: "t-1")

    static let all = [vietnamese, chinese, bare]

    /// The record as it reads back from output without `raw`.
    static func withoutRaw(_ record: CallRecord) -> CallRecord {
        var copy = record
        copy.raw = .object([])
        return copy
    }
}

@Suite("Machine output formats")
struct OutputFormatTests {
    // MARK: ndjson

    @Test func ndjsonIsOneRecordPerLineInTheRecordsOwnForm() {
        let text = CallRecordWriter.text(OutputSamples.all, format: .ndjson)
        #expect(text == OutputSamples.all.map { $0.jsonText() + "\n" }.joined())
        #expect(text.split(separator: "\n", omittingEmptySubsequences: false).count == 4, "three lines and the final newline")
        #expect(!text.contains("\u{1B}"), "ESC is escaped in JSON")
        #expect(!text.contains(#""raw""#))
        let withRaw = CallRecordWriter.text(OutputSamples.all, format: .ndjson, includeRaw: true)
        #expect(withRaw == OutputSamples.all.map { $0.jsonText(includeRaw: true) + "\n" }.joined())
    }

    @Test func ndjsonRoundTrips() throws {
        let withRaw = CallRecordWriter.text(OutputSamples.all, format: .ndjson, includeRaw: true)
        #expect(try NDJSONRecordReader.records(from: withRaw) == OutputSamples.all)
        let withoutRaw = CallRecordWriter.text(OutputSamples.all, format: .ndjson)
        #expect(try NDJSONRecordReader.records(from: withoutRaw) == OutputSamples.all.map(OutputSamples.withoutRaw))
    }

    @Test func ndjsonOfNothingIsEmpty() {
        #expect(CallRecordWriter.text([CallRecord](), format: .ndjson) == "")
    }

    // MARK: json

    @Test func jsonIsAnArrayOfRecords() throws {
        let text = CallRecordWriter.text(OutputSamples.all, format: .json)
        #expect(text == "[\n" + OutputSamples.all.map { $0.jsonText() }.joined(separator: ",\n") + "\n]\n")
        #expect(CallRecordWriter.text([CallRecord](), format: .json) == "[]\n")
        #expect(try JSONParser.parse(CallRecordWriter.text([CallRecord](), format: .json)) == .array([]))
    }

    @Test(arguments: [false, true])
    func jsonRoundTrips(includeRaw: Bool) throws {
        let text = CallRecordWriter.text(OutputSamples.all, format: .json, includeRaw: includeRaw)
        let elements = try #require(try JSONParser.parse(text).arrayValue)
        let records = try elements.map { try CallRecord(json: $0) }
        #expect(records == (includeRaw ? OutputSamples.all : OutputSamples.all.map(OutputSamples.withoutRaw)))
    }

    // MARK: csv

    @Test func csvQuotesOnlyWhatRFC4180Requires() {
        let row = CSVFormat.row(["plain", "a,b", "say \"hi\"", "two\nlines", "cr\rhere", "crlf\r\nend", "esc\u{1B}[0m", "", "tab\there", "Đức 张"])
        #expect(row == "plain,\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",\"cr\rhere\",\"crlf\r\nend\",esc\u{1B}[0m,,tab\there,Đức 张\r\n")
    }

    @Test func csvHasTheSpecsHeaderAndExactRows() {
        let text = CallRecordWriter.text([OutputSamples.vietnamese, OutputSamples.bare], format: .csv)
        let header = "account,provider,id,direction,from,to,agent,agent_name,customer_name,started_at,answered_at,ended_at,"
            + "wait_seconds,talk_seconds,hold_seconds,duration_seconds,disposition,provider_status,recording_url,cost,campaign,"
            + "tags,note,annotation_source\r\n"
        let first = "cs,caresoft,20221104143655-LSKMQKWP-268,inbound,0901774143,1066,1444,Nguyễn Thị Hồng Nhung,Trần Đức Tiến,"
            + "2022-11-04T07:36:55Z,2022-11-04T07:36:56Z,2022-11-04T07:37:19Z,1,23,0,24,answered,meetAgent,"
            + "https://api.caresoft.vn/kh/rec?id=1&x=2,1234.5,,khách VIP;gọi lại,"
            + "\"Khách hỏi, \"\"gấp\"\"\nxong\u{1B}[31m đỏ\r\nhết\",local\r\n"
        let bare = "omi,omicall,t-1,unknown,,,,,,,,,,,,,unknown,,,,,,,remote\r\n"
        #expect(text == header + first + bare)
    }

    @Test func csvWithRawHasItAsTheLastColumn() {
        let text = CallRecordWriter.text([OutputSamples.chinese], format: .csv, includeRaw: true)
        let lines = text.components(separatedBy: "\r\n")
        #expect(lines[0].hasSuffix(",annotation_source,raw"))
        #expect(lines[1].hasSuffix(#",local,"{""callId"":""6780056666542059520"",""备注"":""中文""}""#))
        #expect(lines[1].contains(",10008/13,,"), "empty tags are an empty field")
        #expect(lines[1].contains(",3,"), "a whole cost has no fraction")
    }

    @Test func csvOfNothingIsTheHeader() {
        #expect(CallRecordWriter.text([CallRecord](), format: .csv) == CSVFormat.row(CSVFormat.header(includeRaw: false)))
    }

    @Test(arguments: [false, true])
    func csvRoundTrips(includeRaw: Bool) throws {
        let text = CallRecordWriter.text(OutputSamples.all, format: .csv, includeRaw: includeRaw)
        let records = try CSVRecordReader.records(from: text)
        #expect(records == (includeRaw ? OutputSamples.all : OutputSamples.all.map(OutputSamples.withoutRaw)))
    }

    // MARK: time zone

    @Test func machineOutputIsUTC() throws {
        var record = OutputSamples.bare
        record.startedAt = RFC3339.date(from: "2026-09-20T11:54:21+07:00")
        for format in MachineFormat.allCases {
            let text = CallRecordWriter.text([record], format: format)
            #expect(text.contains("2026-09-20T04:54:21Z"), "\(format)")
            #expect(!text.contains("+07:00"), "\(format)")
        }
    }
}

@Suite("Streaming output and input")
struct StreamingOutputTests {
    /// Counts what it is given without keeping it.
    struct CountingSink: ByteSink {
        var writes = 0
        var bytes = 0
        var largestWrite = 0
        var lineFeeds = 0

        mutating func write(_ bytes: [UInt8]) throws {
            writes += 1
            self.bytes += bytes.count
            largestWrite = max(largestWrite, bytes.count)
            lineFeeds += bytes.lazy.filter { $0 == 0x0A }.count
        }
    }

    /// Records made one at a time, never held together.
    struct GeneratedRecords: Sequence, IteratorProtocol {
        var remaining: Int
        mutating func next() -> CallRecord? {
            guard remaining > 0 else { return nil }
            remaining -= 1
            var record = OutputSamples.vietnamese
            record.id = "call-\(remaining)"
            return record
        }
    }

    @Test(arguments: MachineFormat.allCases)
    func manyRecordsPassThroughABoundedBuffer(format: MachineFormat) throws {
        let threshold = 16 * 1024
        var writer = CallRecordWriter(format: format, sink: CountingSink(), flushThreshold: threshold)
        try writer.write(contentsOf: GeneratedRecords(remaining: 20_000))
        let beforeFinish = writer.sink.writes
        #expect(beforeFinish > 100, "output is passed on while records are still coming")
        try writer.finish()
        #expect(writer.count == 20_000)
        let oneRecord = CallRecordWriter.text([OutputSamples.vietnamese], format: .csv).utf8.count
        #expect(writer.sink.largestWrite < threshold + oneRecord, "no write holds more than one buffer")
        switch format {
        case .ndjson: #expect(writer.sink.lineFeeds == 20_000)
        case .json: #expect(writer.sink.lineFeeds == 20_002, "one before each record, then \"\\n]\\n\"")
        case .csv: #expect(writer.sink.lineFeeds == 1 + 20_000 + 2 * 20_000, "header, rows, and the two line ends inside each note")
        }
    }

    @Test func finishIsIdempotentAndFlushPassesOnAPage() throws {
        var writer = CallRecordWriter(format: .json, sink: MemorySink())
        try writer.write(OutputSamples.bare)
        #expect(writer.sink.bytes.isEmpty, "buffered")
        try writer.flush()
        #expect(writer.sink.text == "[\n" + OutputSamples.bare.jsonText())
        try writer.finish()
        try writer.finish()
        #expect(writer.sink.text == "[\n" + OutputSamples.bare.jsonText() + "\n]\n")
    }

    @Test func theFileDescriptorSinkWritesEveryByte() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("callscope-out-\(UUID().uuidString).csv")
        #expect(FileManager.default.createFile(atPath: url.path, contents: nil))
        defer { try? FileManager.default.removeItem(at: url) }
        let handle = try FileHandle(forWritingTo: url)
        var writer = CallRecordWriter(format: .csv, sink: FileDescriptorSink(fileDescriptor: handle.fileDescriptor), flushThreshold: 100)
        try writer.write(contentsOf: OutputSamples.all)
        try writer.finish()
        try handle.close()
        let written = try String(contentsOf: url, encoding: .utf8)
        #expect(written == CallRecordWriter.text(OutputSamples.all, format: .csv))
    }
}
