import Foundation
import Testing
@testable import CallScopeSandbox

@Suite("Recordings") struct RecordingTests {
    @Test func rangeHeadersAreReadAsRFC9110Says() {
        #expect(ByteRange(header: nil, length: 100) == .whole)
        #expect(ByteRange(header: "bytes=10-", length: 100) == .part(10..<100))
        #expect(ByteRange(header: "bytes=10-19", length: 100) == .part(10..<20))
        #expect(ByteRange(header: "bytes=90-500", length: 100) == .part(90..<100))
        #expect(ByteRange(header: "bytes=-30", length: 100) == .part(70..<100))
        #expect(ByteRange(header: "bytes=-300", length: 100) == .part(0..<100))
        #expect(ByteRange(header: "bytes=100-", length: 100) == .unsatisfiable)
        #expect(ByteRange(header: "bytes=-0", length: 100) == .unsatisfiable)
        // Ignored, as a server may: another unit, several ranges, nonsense.
        #expect(ByteRange(header: "items=1-2", length: 100) == .whole)
        #expect(ByteRange(header: "bytes=0-1,5-6", length: 100) == .whole)
        #expect(ByteRange(header: "bytes=20-10", length: 100) == .whole)
        #expect(ByteRange(header: "bytes=x-", length: 100) == .whole)
    }

    /// A valid WAV file: RIFF/WAVE, PCM 8 kHz mono 16-bit, sizes that add up, a few seconds long.
    func expectWAV(_ bytes: [UInt8]) {
        func le32(_ at: Int) -> Int { (0..<4).reduce(0) { $0 | Int(bytes[at + $1]) << (8 * $1) } }
        #expect(bytes.count > 44)
        #expect(Array(bytes[0..<4]) == Array("RIFF".utf8) && Array(bytes[8..<16]) == Array("WAVEfmt ".utf8))
        #expect(le32(4) == bytes.count - 8 && le32(24) == 8000 && Array(bytes[36..<40]) == Array("data".utf8))
        #expect(le32(40) == bytes.count - 44)
        let seconds = Double(bytes.count - 44) / 16000
        #expect(seconds >= 1 && seconds <= 4)
    }

    func answered(_ stream: CallStream, skipping: Int = 0) -> SimCall {
        (0..<stream.count).lazy.map(stream.call).filter(\.answered).dropFirst(skipping).first!
    }

    @Test func everyProvidersRecordingIsServedByTheSandbox() async throws {
        try await withSandbox { sandbox, e in
            // OMICall's list hands out the sandbox's own link (no extension: the type comes from the answer).
            let token = try await HTTP.get(e.omicall + "/api/auth?apiKey=" + SandboxCredentials().omicallAPIKey).json.object("payload").string("access_token")!
            let now = testAnchorEpoch * 1000
            let items = try await HTTP.get(e.omicall + "/api/call_transaction/list?from_date=\(now - 86_400_000 * 3)&to_date=\(now)&size=50", bearer: token)
                .json.object("payload").objects("items")
            let link = try #require(items.compactMap { $0.string("recording_file") }.first { !$0.isEmpty })
            #expect(link.hasPrefix(e.root + "/omicall/drive/uc?id="))
            let omi = try await HTTP.get(link)
            #expect(omi.status == 200 && omi.headers.first(name: "Content-Type") == "audio/wav" && omi.headers.first(name: "Accept-Ranges") == "bytes")
            expectWAV(omi.bytes)

            let caresoftCall = answered(sandbox.caresoft.stream)
            let caresoft = try await HTTP.get(sandbox.caresoft.recordingURL(caresoftCall, kind: "download"))
            expectWAV(caresoft.bytes)
            #expect(try await HTTP.get(sandbox.caresoft.recordingURL(caresoftCall, kind: "stream")).bytes == caresoft.bytes)
            // Deterministic per call, and each call its own.
            #expect(try await HTTP.get(sandbox.caresoft.recordingURL(caresoftCall, kind: "download")).bytes == caresoft.bytes)
            let other = try await HTTP.get(sandbox.caresoft.recordingURL(answered(sandbox.caresoft.stream, skipping: 1), kind: "download"))
            #expect(other.bytes != caresoft.bytes)

            let push = try #require(try sandbox.icsocPushes(count: 50, encrypt: false).first { $0.body.contains(#"record_file":"http"#) })
            let icsoc = try await HTTP.get(e.icsoc + "/record/\(push.callID).wav")
            expectWAV(icsoc.bytes)

            let unanswered = (0..<100).map(sandbox.caresoft.stream.call).first { !$0.answered }!
            let missing = sandbox.caresoft.recordingURL(unanswered, kind: "download")
            #expect(try await HTTP.get(missing).status == 404)
            #expect(try await HTTP.get(e.icsoc + "/record/123.wav").status == 404)
            #expect(sandbox.recordingRequests.map(\.status).suffix(2) == [404, 404])
        }
    }

    @Test func vbotRecordingsNeedTheBearerToken() async throws {
        try await withSandbox { sandbox, e in
            let c = SandboxCredentials()
            let token = try await HTTP.post(e.vbot + "/token", form: ["grant_type": "password", "username": c.vbotUsername, "password": c.vbotPassword])
                .json.string("access_token")!
            let call = (0..<200).map(sandbox.vbot.crm.stream.call).first { $0.answered && $0.salt % 17 != 0 }!
            let url = e.vbot + "/api/crm/historycall/record/" + CallStream.indexedID(prefix: "G", call)
            #expect(try await HTTP.get(url).status == 401)
            #expect(try await HTTP.get(url, bearer: "forged").status == 401)
            let audio = try await HTTP.get(url, bearer: token)
            #expect(audio.status == 200 && audio.headers.first(name: "Content-Type") == "audio/wav")
            expectWAV(audio.bytes)
            let part = try await HTTP.get(url, bearer: token, headers: [("Range", "bytes=1000-")])
            #expect(part.status == 206 && part.bytes == Array(audio.bytes[1000...]))
        }
    }

    @Test func rangesAreHonouredUnlessTheNoRangeFaultSaysOtherwise() async throws {
        try await withSandbox { sandbox, _ in
            let url = sandbox.caresoft.recordingURL(answered(sandbox.caresoft.stream), kind: "download")
            let whole = try await HTTP.get(url).bytes
            let length = whole.count
            let tail = try await HTTP.get(url, headers: [("Range", "bytes=100-")])
            #expect(tail.status == 206 && tail.bytes == Array(whole[100...]))
            #expect(tail.headers.first(name: "Content-Range") == "bytes 100-\(length - 1)/\(length)")
            let slice = try await HTTP.get(url, headers: [("Range", "bytes=10-19")])
            #expect(slice.status == 206 && slice.bytes == Array(whole[10..<20]) && slice.headers.first(name: "Content-Length") == "10")
            let suffix = try await HTTP.get(url, headers: [("Range", "bytes=-16")])
            #expect(suffix.bytes == Array(whole.suffix(16)))
            let past = try await HTTP.get(url, headers: [("Range", "bytes=\(length)-")])
            #expect(past.status == 416 && past.headers.first(name: "Content-Range") == "bytes */\(length)")

            sandbox.faults = try .parse("norange=1")
            let ignored = try await HTTP.get(url, headers: [("Range", "bytes=100-")])
            #expect(ignored.status == 200 && ignored.bytes == whole && ignored.headers.first(name: "Accept-Ranges") == nil)
            #expect(sandbox.recordingRequests.last == RecordingRequest(path: URL(string: url)!.path, range: "bytes=100-", status: 200))
        }
    }

    @Test func truncateAndDropCutRecordingsToo() async throws {
        try await withSandbox { sandbox, _ in
            let url = sandbox.caresoft.recordingURL(answered(sandbox.caresoft.stream), kind: "download")
            for fault in ["truncate=1", "drop=1"] {
                sandbox.faults = try .parse(fault + ",only=/caresoft")
                await #expect(throws: (any Error).self, "\(fault)") { try await HTTP.get(url) }
                await #expect(throws: (any Error).self, "\(fault) with a range") { try await HTTP.get(url, headers: [("Range", "bytes=100-")]) }
            }
            // The sandbox still serves after cutting connections, at the pace asked when asked.
            sandbox.faults = .none
            let whole = try await HTTP.get(url).bytes
            sandbox.faults = try .parse("bandwidth=512k")
            #expect(try await HTTP.get(url).bytes == whole)
            #expect(try await HTTP.get(url, headers: [("Range", "bytes=5000-")]).bytes == Array(whole[5000...]))
        }
    }
}
